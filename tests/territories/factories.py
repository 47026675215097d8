import factory

from relais.territories.models import Commune, Department, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "84"
    name = "Auvergne-Rhône-Alpes"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = "69"
    name = "Rhône"
    region = factory.SubFactory(RegionFactory)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code", "kind")

    code = "69123"
    kind = Commune.Kind.CURRENT
    name = "Lyon"
    department = factory.SubFactory(DepartmentFactory)
    postal_codes = factory.LazyFunction(lambda: ["69001"])
    latitude = 45.758
    longitude = 4.835
