"""ROME job families and titles, shared by every app's tests."""

import factory

from relais.jobs.models import RomeFamily, RomeTitle
from relais.territories.loading import fold


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
    label = factory.Sequence(lambda n: f"Appellation n°{n}")
    short_label = factory.LazyAttribute(lambda title: title.label)
    # As the ROME loader writes it.
    search_text = factory.LazyAttribute(
        lambda o: " ".join(dict.fromkeys([fold(o.label), fold(o.short_label), o.family.code.lower()]))
    )
