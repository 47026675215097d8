"""`load_referentials` (run by every `make run`) skips a reload whose sources are byte-identical."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from relais.jobs.models import RomeFamily

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "referentials"
pytestmark = pytest.mark.django_db


def _run(data_dir, npm, **options) -> str:
    out = StringIO()
    call_command("load_referentials", data_dir=data_dir, node_modules=npm, stdout=out, **options)
    return out.getvalue()


def test_identical_sources_are_not_reloaded_and_a_changed_file_is(tmp_path):
    data_dir, npm = tmp_path / "data", tmp_path / "npm"
    shutil.copytree(FIXTURES / "data", data_dir)
    shutil.copytree(FIXTURES / "npm", npm)

    first = _run(data_dir, npm)
    assert "Référentiels" in first and "rien à faire" not in first
    families = RomeFamily.objects.count()

    assert "Référentiels inchangés depuis le chargement" in _run(data_dir, npm)

    forced = _run(data_dir, npm, force=True)
    assert "rien à faire" not in forced and "Inchangés" in forced

    with (data_dir / "rome_codes.csv").open("a", encoding="utf-8") as rome:
        rome.write("F1703;Maçonnerie\r\n")
    changed = _run(data_dir, npm)
    assert "rien à faire" not in changed
    assert RomeFamily.objects.count() == families + 1
