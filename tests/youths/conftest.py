import datetime

import pytest

from relais.youths.enums import ConsentScope
from tests.youths.factories import YouthFactory


@pytest.fixture
def youth_a(personas, rome):
    """A young person of ML A, followed by its counsellor, with every sensitive flag set and consent given."""
    network = personas.network
    return YouthFactory(
        mission_locale=network.ml_a,
        counsellor=personas.counsellor_a.person,
        imilo_id="IM-0001",
        first_name="Léa",
        last_name="Canari",
        commune=network.lyon,
        qpv_resident=True,
        rqth=True,
        cej_beneficiary=True,
        school_dropout=True,
        no_diploma=True,
        email="lea.canari@example.org",
        phone="06 12 34 56 78",
        consent_given_at=datetime.date(2025, 1, 15),
        consent_scope=ConsentScope.IDENTITY_ONLY,
        sought_titles=[rome.mason],
    )
