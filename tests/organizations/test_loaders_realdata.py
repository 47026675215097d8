"""All the referential loaders on the real files of RELAIS_DATA_DIR and RELAIS_NODE_MODULES (slow: about 15 s)."""

from io import StringIO

import pytest
from django.core.management import call_command

from relais.jobs.models import NafSector, RomeFamily, RomeTitle
from relais.organizations.enums import OrganizationKind
from relais.organizations.models import Organization
from relais.territories.models import Commune


@pytest.mark.realdata
@pytest.mark.django_db
def test_real_referentials_load_completely_and_reload_unchanged():
    call_command("load_referentials", stdout=StringIO())
    missions = Organization.objects.filter(kind=OrganizationKind.MISSION_LOCALE)
    assert missions.filter(region__code="84").count() == 61
    assert missions.filter(region__code="44").count() == 43
    assert not missions.filter(imilo_code__startswith="999").exists()
    assert Organization.objects.filter(kind=OrganizationKind.ARML).count() == 15
    assert not missions.filter(parent__isnull=True).exists()
    assert RomeFamily.objects.count() == 532
    # The README announces 11,117 titles; the published file holds 11,118 distinct OGR codes, all valid.
    assert RomeTitle.objects.count() == 11118
    assert NafSector.objects.filter(level=4).count() == 732
    assert Commune.objects.filter(kind=Commune.Kind.CURRENT).count() == 34969
    assert Commune.objects.filter(kind=Commune.Kind.CURRENT, latitude__isnull=True).count() < 10

    out = StringIO()
    call_command("load_referentials", stdout=out)
    table = out.getvalue()
    assert "│ Communes          │       0 │     37590 │" in table
    assert "│ Appellations ROME │       0 │     11118 │" in table
    assert "│ Missions Locales  │       0 │       447 │       3 │" in table
