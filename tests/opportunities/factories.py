import datetime

import factory

from relais.jobs.models import RomeFamily, RomeTitle
from relais.opportunities.enums import OpportunityKind, OpportunityStatus
from relais.opportunities.models import Delivery, Diffusion, Opportunity
from relais.territories.loading import fold
from tests.organizations.factories import OrganizationFactory
from tests.territories.factories import CommuneFactory


class RomeFamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RomeFamily
        django_get_or_create = ("code",)

    code = "F1703"
    label = "Maçonnerie"


class RomeTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RomeTitle
        django_get_or_create = ("ogr_code",)

    ogr_code = factory.Sequence(lambda n: f"9{n:05d}")
    family = factory.SubFactory(RomeFamilyFactory)
    label = "Maçon / Maçonne"
    short_label = "Maçon"
    search_text = factory.LazyAttribute(lambda o: fold(f"{o.label} {o.short_label} {o.family.code}"))


def in_days(days: int) -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=days)


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    publisher = factory.SubFactory(OrganizationFactory, kind="geiq")
    kind = OpportunityKind.APPRENTICESHIP
    rome_title = factory.SubFactory(RomeTitleFactory)
    commune = factory.SubFactory(CommuneFactory)
    positions = 2
    start_date = factory.LazyFunction(lambda: in_days(30))
    closing_date = factory.LazyFunction(lambda: in_days(20))
    duration_months = 24
    weekly_hours = 35
    status = OpportunityStatus.DRAFT


def delivered(opportunity, *mission_locales, by=None):
    """Record a delivery to each Mission Locale without going through the service (fixtures for reads)."""
    from django.utils import timezone

    diffusion = Diffusion.objects.create(opportunity=opportunity, perimeter="list", by=by)
    for ml in mission_locales:
        Delivery.objects.create(
            opportunity=opportunity, mission_locale=ml, diffusion=diffusion, delivered_at=timezone.now()
        )
    return diffusion
