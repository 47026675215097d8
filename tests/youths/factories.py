import datetime

import factory
from django.utils import timezone

from relais.jobs.models import RomeFamily, RomeTitle
from relais.youths.models import Youth
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

    ogr_code = factory.Sequence(lambda n: str(90000 + n))
    family = factory.SubFactory(RomeFamilyFactory)
    label = factory.Sequence(lambda n: f"Appellation n°{n}")
    short_label = factory.LazyAttribute(lambda title: title.label)


def birth_date_for_age(age: int, on_date: datetime.date | None = None) -> datetime.date:
    """A birth date giving this age on the date, safely away from the birthday."""
    on_date = on_date or timezone.localdate()
    return on_date.replace(year=on_date.year - age, day=1) - datetime.timedelta(days=40)


class YouthFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Youth
        skip_postgeneration_save = True

    mission_locale = factory.SubFactory(OrganizationFactory)
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    birth_date = factory.LazyFunction(lambda: birth_date_for_age(20))
    commune = factory.SubFactory(CommuneFactory)

    @factory.post_generation
    def sought_titles(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.sought_titles.set(extracted)
