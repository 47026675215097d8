"""`--reuse` rebuilds the generated data from the keys its generation saved; `--only` narrows the measures."""

import datetime

import pytest

from relais.bench.generate import generate
from relais.bench.reuse import ReuseError, load, save
from relais.bench.runner import selected

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 2)
NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def test_reuse_rebuilds_the_same_personas_and_objects(tmp_path):
    data = generate(scale=0.0002, seed=3, today=TODAY, now=NOW)
    path = tmp_path / "generated-sqlite.json"
    save(data, path, database="sqlite")
    again = load(path, database="sqlite", scale=0.0002, seed=3)
    for name in (
        "region",
        "mission_locale",
        "arml",
        "cre",
        "counsellor",
        "coordinator",
        "charter",
        "crowded_event",
    ):
        assert getattr(again, name) == getattr(data, name), name
    assert again.partners == data.partners
    assert again.counts == data.counts


def test_reuse_refuses_another_scale_seed_or_a_missing_file(tmp_path):
    data = generate(scale=0.0002, seed=3, today=TODAY, now=NOW)
    path = tmp_path / "generated-sqlite.json"
    with pytest.raises(ReuseError, match="n'existe pas"):
        load(path, database="sqlite", scale=0.0002, seed=3)
    save(data, path, database="sqlite")
    with pytest.raises(ReuseError, match="relancez la génération"):
        load(path, database="sqlite", scale=0.1, seed=3)
    with pytest.raises(ReuseError, match="relancez la génération"):
        load(path, database="postgresql", scale=0.0002, seed=3)


def test_only_selects_the_keys_containing_one_of_the_texts():
    assert selected("cre_opportunities", [])
    assert selected("cre_opportunities", ["cre", "home"])
    assert not selected("partner_candidates", ["cre", "home"])
