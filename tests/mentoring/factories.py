"""Builders of the mentoring tests: mentors supervised by a structure, mentorships created by the service."""

import datetime

import factory
from django.utils import timezone

from relais.core.scope import Scope
from relais.mentoring.models import Mentor
from relais.mentoring.services import mentorship_create
from tests.organizations.factories import OrganizationFactory, PersonFactory


class MentorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentor
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    supervisor = factory.SubFactory(OrganizationFactory)
    employer_name = "Bâtiments du Rhône"

    @factory.post_generation
    def rome_families(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.rome_families.set(extracted)

    @factory.post_generation
    def departments(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.departments.set(extracted)


def mentorship_for(user, *, mentor, convention, youth=None, started_on=None, **fields):
    """A mentorship created by `user` (an ML's staff) through the service, started `started_on` (today)."""
    return mentorship_create(
        scope=Scope.for_user(user),
        mentor=mentor,
        convention=convention,
        youth=youth,
        started_on=started_on or timezone.localdate(),
        **fields,
    )


def months_ago(months: int) -> datetime.date:
    from relais.conventions.scheduling import add_months

    return add_months(timezone.localdate(), -months)
