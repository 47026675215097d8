import datetime

import pytest

from relais.youths.enums import ConsentScope
from tests.positionings.factories import consenting_youth, published_opportunity

CANARY = "CANARI-RQTH"


@pytest.fixture
def opportunity(personas, rome):
    return published_opportunity(personas.network, rome_title=rome.mason)


@pytest.fixture
def youth(personas, rome):
    """A young person of ML A followed by counsellor A: every sensitive flag set, canary in the I-Milo id."""
    return consenting_youth(
        personas.network.ml_a,
        counsellor=personas.counsellor_a.person,
        imilo_id=CANARY,
        first_name="Léa",
        last_name="Dupont",
        commune=personas.network.lyon,
        qpv_resident=True,
        rqth=True,
        cej_beneficiary=True,
        school_dropout=True,
        no_diploma=True,
        email="lea.dupont@example.org",
        phone="06 12 34 56 78",
        max_distance_km=30,
        scope=ConsentScope.IDENTITY_AND_CONTACT,
        sought_titles=[rome.mason],
    )


@pytest.fixture
def no_consent_youth(personas, rome):
    from tests.youths.factories import YouthFactory

    return YouthFactory(
        mission_locale=personas.network.ml_a, commune=personas.network.lyon, sought_titles=[rome.mason]
    )


@pytest.fixture
def today():
    return datetime.date.today()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service and its on-commit callbacks (the e-mails), as a real request would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run
