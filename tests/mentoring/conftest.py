import pytest

from relais.youths.enums import ConsentScope
from tests.conventions.factories import AxisFactory, ConventionFactory
from tests.mentoring.factories import MentorFactory
from tests.positionings.factories import consenting_youth
from tests.youths.factories import YouthFactory


@pytest.fixture
def charter(personas):
    """The AURA charter of AMILAURA and the CR GEIQ: ML A and ML B are below AMILAURA, so under it."""
    network = personas.network
    return ConventionFactory(
        title="Charte régionale GEIQ AURA", parties=[network.arml, network.cr_geiq], region=network.aura
    )


@pytest.fixture
def axis(charter):
    return AxisFactory(convention=charter, title="Parrainage des jeunes")


@pytest.fixture
def mentor(personas, rome):
    """A mentor supervised by the GEIQ BTP (its recruiter manages them), a mason from the Rhône."""
    return MentorFactory(
        supervisor=personas.network.geiq,
        person__first_name="Gérard",
        person__last_name="Maçonnier",
        rome_families=[rome.masonry],
        departments=[personas.network.rhone],
    )


@pytest.fixture
def youth(personas):
    """A young person of ML A, followed by counsellor A, consenting to share identity, CEJ and QPV."""
    return consenting_youth(
        personas.network.ml_a,
        counsellor=personas.counsellor_a.person,
        first_name="Léa",
        last_name="Dupont",
        commune=personas.network.lyon,
        qpv_resident=True,
        cej_beneficiary=True,
        scope=ConsentScope.IDENTITY_ONLY,
    )


@pytest.fixture
def secret_youth(personas):
    """A young person of ML A who gave no consent to sharing."""
    return YouthFactory(
        mission_locale=personas.network.ml_a,
        commune=personas.network.lyon,
        first_name="Inès",
        last_name="Secret",
    )


@pytest.fixture
def youth_b(personas):
    return consenting_youth(personas.network.ml_b, commune=personas.network.grenoble, first_name="Hugo")
