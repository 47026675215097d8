import datetime

import factory
from django.utils import timezone

from relais.territories.loading import fold
from relais.youths.models import Youth
from tests.organizations.factories import OrganizationFactory
from tests.territories.factories import CommuneFactory


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
    # As the services write it with the names.
    search_text = factory.LazyAttribute(lambda youth: fold(f"{youth.first_name} {youth.last_name}"))

    @factory.post_generation
    def sought_titles(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.sought_titles.set(extracted)
