"""What makes an opportunity valid: messages in French, keyed by field."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from relais.conventions.models import Convention, ConventionParty
from relais.core.scope import Scope
from relais.opportunities.enums import PriorityPublic
from relais.opportunities.services import opportunity_create, validate_opportunity
from relais.youths.enums import PRIORITY_FLAGS
from tests.opportunities.factories import OpportunityFactory, in_days

pytestmark = pytest.mark.django_db


def errors_of(opportunity, publishing=False):
    with pytest.raises(ValidationError) as error:
        validate_opportunity(opportunity, publishing=publishing)
    return error.value.message_dict


def test_priority_publics_use_the_codes_of_the_young_peoples_flags():
    assert set(PriorityPublic.values) == set(PRIORITY_FLAGS)


def test_a_valid_apprenticeship_passes(draft):
    validate_opportunity(draft, publishing=True)


def test_positions_must_be_at_least_one(draft):
    draft.positions = 0
    assert errors_of(draft)["positions"] == ["Indiquez au moins un poste ou une place."]


@pytest.mark.parametrize(
    "kind", ["job_cdd", "apprenticeship", "professionalisation", "geiq_pathway", "interim_mission"]
)
def test_contract_kinds_require_a_duration_and_weekly_hours(draft, kind):
    draft.kind, draft.duration_months, draft.weekly_hours = kind, None, None
    errors = errors_of(draft)
    assert errors["duration_months"] == ["Indiquez la durée du contrat en mois."]
    assert errors["weekly_hours"] == ["Indiquez la durée hebdomadaire de travail."]


def test_a_cdi_has_no_duration_but_needs_weekly_hours(draft):
    draft.kind, draft.duration_months, draft.weekly_hours = "job_cdi", 12, None
    errors = errors_of(draft)
    assert errors["duration_months"] == ["Un CDI n'a pas de durée : laissez ce champ vide."]
    assert errors["weekly_hours"] == ["Indiquez la durée hebdomadaire de travail."]


@pytest.mark.parametrize("kind", ["pmsmp", "poe", "training_session"])
def test_immersions_and_trainings_need_no_contract_fields(draft, kind):
    draft.kind, draft.duration_months, draft.weekly_hours = kind, None, None
    validate_opportunity(draft, publishing=True)


def test_an_information_session_has_no_duration_and_closes_before_it_happens(draft):
    draft.kind = "information_session"
    draft.start_date, draft.closing_date = in_days(5), in_days(6)
    errors = errors_of(draft)
    assert errors["duration_months"] == [
        "Une information collective n'a ni durée de contrat ni durée hebdomadaire."
    ]
    assert errors["closing_date"] == [
        "Les inscriptions doivent se clore au plus tard le jour de l'information collective."
    ]


@pytest.mark.parametrize("hours", [50, Decimal("0.5")])
def test_weekly_hours_stay_between_one_and_the_legal_maximum(draft, hours):
    draft.weekly_hours = hours
    assert errors_of(draft)["weekly_hours"] == [
        "La durée hebdomadaire doit être comprise entre 1 et 48 heures."
    ]


def test_publishing_requires_a_start_date(draft):
    draft.start_date = None
    validate_opportunity(draft, publishing=False)  # a draft may wait for its date
    assert errors_of(draft, publishing=True)["start_date"] == ["Indiquez la date de début."]


def test_unknown_priority_public_is_refused(draft):
    draft.priority_publics = ["rqth", "vip"]
    assert errors_of(draft)["priority_publics"] == ["Public prioritaire inconnu : vip."]


def test_the_convention_must_concern_the_publisher_or_its_network_head(personas, rome_title):
    n = personas.network
    charter = Convention.objects.create(
        title="Charte CR GEIQ × AMILAURA", kind="regional_charter", status="active", region=n.aura
    )
    ConventionParty.objects.create(convention=charter, organization=n.cr_geiq)
    ConventionParty.objects.create(convention=charter, organization=n.arml)
    local = Convention.objects.create(
        title="Convention d'application Rhône", kind="local_application", status="active", parent=charter
    )
    unrelated = Convention.objects.create(title="Convention MEDEF", kind="partnership", status="active")
    # The GEIQ is no party, but its network head is: the charter and the conventions declining it are open.
    for convention in (charter, local):
        validate_opportunity(
            OpportunityFactory(publisher=n.geiq, rome_title=rome_title, convention=convention),
            publishing=False,
        )
    with pytest.raises(ValidationError) as error:
        opportunity_create(
            publisher=n.geiq,
            scope=Scope.for_user(personas.geiq_recruiter),
            kind="pmsmp",
            rome_title=rome_title,
            commune=n.lyon,
            positions=1,
            convention=unrelated,
        )
    assert error.value.message_dict == {
        "convention": ["Cette convention ne concerne pas la structure qui recrute."]
    }
