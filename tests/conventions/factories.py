"""Conventions and what they hold, for tests that need "some convention" rather than a seed text.

Traits say what a test cares about (`ConventionFactory(draft=True)`, `CommitmentFactory(yearly=True)`);
`parties=[org, ...]` makes those organisations signatory parties (and so gives their members access).
Occurrences come from the real scheduler: `scheduled(convention)`.
"""

import datetime

import factory

from relais.conventions.enums import (
    ConventionKind,
    ConventionStatus,
    FollowUpCadence,
    IndicatorCode,
    OccurrenceKind,
    OccurrenceStatus,
    PartyRole,
    Recurrence,
    RenewalRule,
    SignatoryCapacity,
    StatementKind,
)
from relais.conventions.models import (
    Action,
    Axis,
    Commitment,
    Convention,
    ConventionParty,
    Indicator,
    KeyFigure,
    Occurrence,
    Referent,
    Signatory,
    Statement,
)
from relais.conventions.scheduling import schedule_convention
from tests.organizations.factories import OrganizationFactory
from tests.territories.factories import RegionFactory

START = datetime.date(2025, 1, 1)
END = datetime.date(2025, 12, 31)


class ConventionFactory(factory.django.DjangoModelFactory):
    """An active regional partnership of 2025, with a half-yearly follow-up and a review a month before the end."""

    class Meta:
        model = Convention
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Convention de partenariat n°{n}")
    kind = ConventionKind.PARTNERSHIP
    status = ConventionStatus.ACTIVE
    region = factory.SubFactory(RegionFactory)
    signature_date = datetime.date(2024, 12, 15)
    start_date = START
    end_date = END
    duration_months = 12
    renewal_rule = RenewalRule.ANNUAL_ON_REVIEW
    followup_cadence = FollowUpCadence.HALF_YEARLY_POINT
    review_lead_months = 1

    class Params:
        draft = factory.Trait(status=ConventionStatus.DRAFT, signature_date=None)
        signed = factory.Trait(status=ConventionStatus.SIGNED)
        review_due = factory.Trait(status=ConventionStatus.REVIEW_DUE)
        ended = factory.Trait(status=ConventionStatus.ENDED)
        national = factory.Trait(kind=ConventionKind.NATIONAL_FRAMEWORK, region=None)
        regional_charter = factory.Trait(kind=ConventionKind.REGIONAL_CHARTER)
        local = factory.Trait(kind=ConventionKind.LOCAL_APPLICATION)
        # No dates and no calendar: the text says neither when it starts nor how it is followed.
        undated = factory.Trait(
            start_date=None,
            end_date=None,
            duration_months=None,
            followup_cadence=FollowUpCadence.NONE,
            review_lead_months=None,
        )
        incomplete = factory.Trait(is_incomplete=True, missing_information="Les annexes manquent.")

    @factory.post_generation
    def parties(convention, create, extracted, **kwargs):
        for organization in extracted or ():
            PartyFactory(convention=convention, organization=organization)


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConventionParty

    convention = factory.SubFactory(ConventionFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = PartyRole.SIGNATORY
    order = factory.Sequence(lambda n: n)

    class Params:
        associated = factory.Trait(role=PartyRole.ASSOCIATED)
        steering = factory.Trait(role=PartyRole.STEERING)
        # The text names it otherwise than its record (ANPE for today's France Travail...).
        renamed = factory.Trait(name_in_text="Agence nationale pour l'emploi (ANPE)")


class SignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signatory

    party = factory.SubFactory(PartyFactory)
    convention = factory.SelfAttribute("party.convention")
    full_name = factory.Faker("name", locale="fr_FR")
    title = "Président"
    capacity = SignatoryCapacity.SIGNED
    order = factory.Sequence(lambda n: n)

    class Params:
        present = factory.Trait(capacity=SignatoryCapacity.PRESENT)


class ReferentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referent

    party = factory.SubFactory(PartyFactory)
    full_name = factory.Faker("name", locale="fr_FR")
    description = "Référent opérationnel"
    order = factory.Sequence(lambda n: n)


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure

    party = factory.SubFactory(PartyFactory)
    label = "Missions Locales"
    value = 61
    year = 2024
    order = factory.Sequence(lambda n: n)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    convention = factory.SubFactory(ConventionFactory)
    kind = StatementKind.PURPOSE
    text = factory.Sequence(lambda n: f"Favoriser l'accès des jeunes à l'emploi (objet n°{n}).")
    details = factory.LazyFunction(list)
    order = factory.Sequence(lambda n: n)

    class Params:
        objective = factory.Trait(kind=StatementKind.OBJECTIVE)


class AxisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Axis

    convention = factory.SubFactory(ConventionFactory)
    title = factory.Sequence(lambda n: f"Axe n°{n}")
    order = factory.Sequence(lambda n: n)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    axis = factory.SubFactory(AxisFactory)
    convention = factory.SelfAttribute("axis.convention")
    text = factory.Sequence(lambda n: f"Action n°{n}")
    order = factory.Sequence(lambda n: n)

    class Params:
        # Listed for all the axes together.
        loose = factory.Trait(axis=None, convention=factory.SubFactory(ConventionFactory))


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    convention = factory.SubFactory(ConventionFactory)
    label = "Nombre de jeunes positionnés"
    code = IndicatorCode.OTHER
    order = factory.Sequence(lambda n: n)


class CommitmentFactory(factory.django.DjangoModelFactory):
    """What a party commits to for the whole convention; traits make it recurring, one-off or the follow-up."""

    class Meta:
        model = Commitment

    party = factory.SubFactory(PartyFactory)
    convention = factory.SelfAttribute("party.convention")
    text = factory.Sequence(lambda n: f"Transmettre les offres aux Missions Locales (engagement n°{n}).")
    recurrence = Recurrence.CONTINUOUS
    order = factory.Sequence(lambda n: n)

    class Params:
        yearly = factory.Trait(recurrence=Recurrence.YEARLY)
        half_yearly = factory.Trait(recurrence=Recurrence.HALF_YEARLY)
        quarterly = factory.Trait(recurrence=Recurrence.QUARTERLY)
        once = factory.Trait(recurrence=Recurrence.ONCE, due_date=datetime.date(2025, 3, 31))
        follow_up = factory.Trait(
            is_follow_up=True, recurrence=Recurrence.HALF_YEARLY, text="Réaliser un point semestriel"
        )
        # Shared by all the parties.
        common = factory.Trait(party=None, convention=factory.SubFactory(ConventionFactory))


class OccurrenceFactory(factory.django.DjangoModelFactory):
    """A calendar item written directly; prefer `scheduled()` where the dates themselves matter."""

    class Meta:
        model = Occurrence

    commitment = factory.SubFactory(CommitmentFactory, yearly=True)
    convention = factory.SelfAttribute("commitment.convention")
    kind = OccurrenceKind.COMMITMENT
    title = factory.SelfAttribute("commitment.text")
    due_date = datetime.date(2025, 6, 30)
    status = OccurrenceStatus.PLANNED

    class Params:
        done = factory.Trait(status=OccurrenceStatus.DONE, done_on=datetime.date(2025, 6, 20))
        late = factory.Trait(status=OccurrenceStatus.LATE)
        review = factory.Trait(
            kind=OccurrenceKind.REVIEW,
            commitment=None,
            convention=factory.SubFactory(ConventionFactory),
            title="Bilan annuel partagé (COPIL)",
            due_date=datetime.date(2025, 11, 30),
        )


def scheduled(convention: Convention) -> Convention:
    """The convention with the calendar its dates, cadence and commitments call for, as the services plan it."""
    schedule_convention(convention)
    return convention
