import pytest

from relais.conventions.seeds import load_seed_conventions
from tests.conventions.factories import ConventionFactory, scheduled
from tests.territories.factories import RegionFactory


@pytest.fixture
def partnership(personas):
    """Some active 2025 convention of the CR GEIQ AURA and AMILAURA, with its calendar: for tests that need a
    convention, not a seed text. Its members (the ML A under AMILAURA) read it, the AMILAURA coordinator edits it."""
    n = personas.network
    return scheduled(ConventionFactory(region=n.aura, parties=[n.cr_geiq, n.arml]))


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
