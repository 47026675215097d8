import factory

from relais.accounts.models import User
from relais.organizations.enums import OrganizationKind, Role
from relais.organizations.models import Membership, Organization, PartnerReferent, Person
from tests.territories.factories import RegionFactory

DEFAULT_PASSWORD = "Relais-Test-2026!"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    kind = OrganizationKind.MISSION_LOCALE
    name = factory.Sequence(lambda n: f"Mission Locale n°{n}")
    region = factory.SubFactory(RegionFactory)

    @factory.post_generation
    def _search_text(obj, create, extracted, **kwargs):
        # As the services and loaders do when they write a name.
        obj.refresh_search_text()
        if create:
            obj.save(update_fields=["search_text"])


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.COUNSELLOR


class PartnerReferentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerReferent

    mission_locale = factory.SubFactory(OrganizationFactory)
    partner = factory.SubFactory(OrganizationFactory, kind=OrganizationKind.GEIQ)
    person = factory.SubFactory(PersonFactory)


def user_with_role(organization: Organization, role: str, email: str, **names) -> User:
    """A user account, its person and one membership: the way personas are built in tests."""
    user = UserFactory(email=email, **names)
    person = PersonFactory(user=user, first_name=user.first_name, last_name=user.last_name, email=email)
    MembershipFactory(person=person, organization=organization, role=role)
    return user
