"""All the referential loaders on the real files of RELAIS_DATA_DIR and RELAIS_NODE_MODULES (slow: about 40 s), then the demo data."""

from io import StringIO

import pytest
from django.core.management import call_command

from relais.accounts.models import User
from relais.conventions.models import Convention
from relais.jobs.models import NafSector, RomeFamily, RomeTitle
from relais.opportunities.models import Delivery
from relais.organizations.enums import OrganizationKind
from relais.organizations.models import Organization, PartnerReferent, Site
from relais.positionings.models import Positioning
from relais.territories.models import Commune
from relais.youths.models import Youth


@pytest.mark.realdata
@pytest.mark.django_db
def test_real_referentials_load_completely_reload_unchanged_and_carry_the_demo():
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
    assert "Référentiels inchangés depuis le chargement" in out.getvalue()

    out = StringIO()
    call_command("load_referentials", force=True, stdout=out)
    table = out.getvalue()
    assert "│ Communes          │       0 │     37590 │" in table
    assert "│ Appellations ROME │       0 │     11118 │" in table
    assert "│ Missions Locales  │       0 │       447 │       3 │" in table

    # The demo (run by `make run` after the referentials) loads on top of them, once.
    call_command("load_demo", stdout=StringIO())
    assert User.objects.filter(email__endswith=".demo").count() == 11
    assert Organization.objects.filter(kind=OrganizationKind.GEIQ, parent__slug="cr-geiq-84").count() == 13
    assert Convention.objects.filter(slug__startswith="seed-").count() == 6
    assert Site.objects.filter(organization__imilo_code="69382S00", is_main=True).count() == 1
    assert Youth.objects.count() == 20
    assert Delivery.objects.filter(mission_locale__region__code="84").count() == 5 * 61
    assert Positioning.objects.filter(status="hired").count() == 1
    cre_lyon = User.objects.get(email="cre@ml-lyon.demo").person
    assert PartnerReferent.objects.filter(person=cre_lyon, partner__slug="geiq-84-btp").exists()
    assert Organization.objects.get(imilo_code="69382S00").memberships.filter(role="director").exists()
    counts = [model.objects.count() for model in (Organization, PartnerReferent, User, Youth, Positioning)]
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "déjà chargées" in out.getvalue()
    assert [
        model.objects.count() for model in (Organization, PartnerReferent, User, Youth, Positioning)
    ] == counts
    admin = User.objects.get(email="admin@relais.demo")
    assert admin.is_staff and admin.check_password("Relais-Demo-2026!")
