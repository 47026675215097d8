import pytest

from relais.conventions.seeds import load_seed_conventions
from tests.territories.factories import RegionFactory


@pytest.fixture
def seeded(personas):
    """The personas' network (plus the Occitanie region) with the five seed conventions loaded on it."""
    RegionFactory(code="76", name="Occitanie")
    return load_seed_conventions()


@pytest.fixture
def aura(seeded):
    return seeded["seed-000-cr-geiq-aura-amilaura"]


@pytest.fixture
def grand_est(seeded):
    return seeded["seed-001-cr-geiq-grand-est-arml"]
