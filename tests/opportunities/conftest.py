import pytest
from django.utils import timezone

from relais.opportunities.enums import OpportunityStatus
from tests.jobs.factories import RomeTitleFactory
from tests.opportunities.factories import OpportunityFactory


@pytest.fixture
def rome_title(db):
    return RomeTitleFactory(ogr_code="12345", label="Maçon / Maçonne")


@pytest.fixture
def draft(personas, rome_title):
    n = personas.network
    return OpportunityFactory(
        publisher=n.geiq, author=personas.geiq_recruiter, rome_title=rome_title, commune=n.lyon
    )


@pytest.fixture
def published(personas, rome_title):
    n = personas.network
    return OpportunityFactory(
        publisher=n.geiq,
        author=personas.geiq_recruiter,
        rome_title=rome_title,
        commune=n.lyon,
        status=OpportunityStatus.PUBLISHED,
        published_at=timezone.now(),
    )
