import datetime
from types import SimpleNamespace

import pytest

from relais.youths.enums import ConsentScope
from tests.youths.factories import RomeFamilyFactory, RomeTitleFactory, YouthFactory


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Uploaded imports go to a temporary private folder, never to the project's var/."""
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT


@pytest.fixture
def rome(db):
    masonry = RomeFamilyFactory(code="F1703", label="Maçonnerie")
    cleaning = RomeFamilyFactory(code="K2204", label="Nettoyage de locaux")
    return SimpleNamespace(
        masonry=masonry,
        cleaning=cleaning,
        mason=RomeTitleFactory(ogr_code="15830", family=masonry, label="Maçon / Maçonne"),
        mason_helper=RomeTitleFactory(ogr_code="15831", family=masonry, label="Aide-maçon / Aide-maçonne"),
        cleaner=RomeTitleFactory(ogr_code="38795", family=cleaning, label="Agent / Agente de propreté"),
    )


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
