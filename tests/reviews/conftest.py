import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from relais.conventions.enums import ConventionKind, ConventionStatus
from relais.core.scope import Scope
from relais.positionings.enums import PositioningStatus
from relais.reviews.services import review_open
from tests.conventions.factories import ConventionFactory, scheduled
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity

# The smallest PDF the upload check recognises (by its content).
MINUTES_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def minutes_file(name="compte-rendu.pdf"):
    return SimpleUploadedFile(name, MINUTES_PDF, content_type="application/pdf")


def make_charter(personas):
    """A regional charter of AMILAURA and the CR GEIQ, in force since ten months, its review due."""
    n = personas.network
    today = timezone.localdate()
    return scheduled(
        ConventionFactory(
            title="Charte CR GEIQ – AMILAURA",
            kind=ConventionKind.REGIONAL_CHARTER,
            status=ConventionStatus.REVIEW_DUE,
            region=n.aura,
            parties=[n.arml, n.cr_geiq],
            start_date=today - datetime.timedelta(days=300),
            end_date=today + datetime.timedelta(days=30),
        )
    )


@pytest.fixture
def charter(personas):
    return make_charter(personas)


@pytest.fixture
def coordinator_scope(personas):
    return Scope.for_user(personas.arml_coordinator)


@pytest.fixture
def review(charter, coordinator_scope):
    return review_open(convention=charter, scope=coordinator_scope)


def hire_youths(personas, convention, count: int, mission_locale=None):
    """`count` young people of ML A hired on an opportunity of the convention (through the real pipeline)."""
    opportunity = published_opportunity(personas.network, convention=convention)
    for _ in range(count):
        youth = consenting_youth(mission_locale or personas.network.ml_a)
        positioning_at(personas, PositioningStatus.HIRED, youth=youth, opportunity=opportunity)
    return opportunity
