"""ROME title search and neighbouring families."""

from pathlib import Path

import pytest
from django.core.management import call_command

from relais.jobs.models import RomeFamily
from relais.jobs.selectors import neighbour_families, search_rome_titles

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "referentials"

pytestmark = pytest.mark.django_db


@pytest.fixture
def rome():
    call_command("load_rome", "--data-dir", str(FIXTURES / "data"), stdout=None)


def labels(query, **kwargs):
    return [title.label for title in search_rome_titles(query, **kwargs)]


def test_search_ignores_accents_and_case_on_label(rome):
    assert labels("SECRETAIRE") == ["Secrétaire", "Secrétaire médical / médicale"]
    assert labels("hotesse") == ["Hôte / Hôtesse d'accueil"]


def test_search_requires_every_word_and_matches_the_short_label(rome):
    assert labels("secretaire medicale") == ["Secrétaire médical / médicale"]
    assert labels("agente entretien") == ["Agent / Agente d'entretien de locaux"]


def test_search_by_rome_code_or_domain(rome):
    assert labels("m1607") == ["Secrétaire", "Secrétaire médical / médicale"]
    assert len(labels("M16")) == 3
    assert labels("secretaire", limit=1) == ["Secrétaire"]
    assert labels("") == []


def test_search_results_come_with_their_family_in_one_query(rome, django_assert_num_queries):
    with django_assert_num_queries(1):
        families = [title.family.code for title in search_rome_titles("secretaire")]
    assert families == ["M1607", "M1607"]


def test_neighbour_families_share_the_professional_domain(rome):
    family = RomeFamily.objects.get(code="M1607")
    assert [f.code for f in neighbour_families(family)] == ["M1601", "M1602"]
