import datetime

import factory

from relais.opportunities.enums import OpportunityKind, OpportunityStatus
from relais.opportunities.models import Delivery, Diffusion, Opportunity, search_text_of
from tests.jobs.factories import RomeTitleFactory
from tests.organizations.factories import OrganizationFactory
from tests.territories.factories import CommuneFactory


def in_days(days: int) -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=days)


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    publisher = factory.SubFactory(OrganizationFactory, kind="geiq")
    kind = OpportunityKind.APPRENTICESHIP
    title = ""
    rome_title = factory.SubFactory(RomeTitleFactory)
    commune = factory.SubFactory(CommuneFactory)
    positions = 2
    start_date = factory.LazyFunction(lambda: in_days(30))
    closing_date = factory.LazyFunction(lambda: in_days(20))
    duration_months = 24
    weekly_hours = 35
    status = OpportunityStatus.DRAFT
    # As the services write it.
    search_text = factory.LazyAttribute(
        lambda o: search_text_of(
            title=o.title,
            rome_label=o.rome_title.label,
            publisher_name=o.publisher.name,
            commune_name=o.commune.name,
        )
    )


def delivered(opportunity, *mission_locales, by=None):
    """Record a delivery to each Mission Locale without going through the service (fixtures for reads)."""
    from django.utils import timezone

    diffusion = Diffusion.objects.create(opportunity=opportunity, perimeter="list", by=by)
    for ml in mission_locales:
        Delivery.objects.create(
            opportunity=opportunity, mission_locale=ml, diffusion=diffusion, delivered_at=timezone.now()
        )
    return diffusion
