"""The mentorship's lifecycle: ongoing → ended (reason, outcome, end date) or cancelled (a mistake).

Pages and jobs run a move with ``apply(MENTORSHIP_LIFECYCLE, mentorship, name, scope=...)``; the creation is
services.mentorship_create. "Broken before six months" is derived here from the dates, never asked.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from relais.conventions.scheduling import add_months
from relais.core.workflows import Field, Transition, Workflow, instance_of, one_of
from relais.jobs.models import ContractType
from relais.mentoring.enums import EARLY_BREAK_MONTHS, OUTCOME_VALUES, EndReason
from relais.mentoring.enums import MentorshipStatus as S
from relais.mentoring.models import (
    MISSION_LOCALE,
    SUPERVISOR,
    MentoringError,
    Mentorship,
    MentorshipTransition,
)
from relais.mentoring.perms import actor_roles
from relais.positionings.enums import PositioningStatus


def ended_early(started_on: datetime.date, ended_on: datetime.date, reason: str) -> bool:
    """Ended before six months for another reason than a reached objective: a break the review counts."""
    return reason != EndReason.OBJECTIVE_REACHED and ended_on < add_months(started_on, EARLY_BREAK_MONTHS)


def end_makes_sense(mentorship, step):
    errors = {}
    ended_on = step.values.get("ended_on")
    today = timezone.localtime(step.now).date()
    if ended_on is not None and ended_on < mentorship.started_on:
        errors["ended_on"] = (
            f"La fin ({ended_on:%d/%m/%Y}) ne peut pas précéder le début du parrainage "
            f"({mentorship.started_on:%d/%m/%Y})."
        )
    elif ended_on is not None and ended_on > today:
        errors["ended_on"] = f"La fin ({ended_on:%d/%m/%Y}) ne peut pas être dans le futur."
    hired = step.values.get("outcome") == PositioningStatus.HIRED
    if hired and step.values.get("contract_type") is None:
        errors["contract_type"] = "Choisissez le type de contrat du recrutement."
    if errors:
        raise ValidationError(errors)
    return None


def derived_end(mentorship, step) -> dict:
    values = step.values
    changes = {"broken_early": ended_early(mentorship.started_on, values["ended_on"], values["end_reason"])}
    if values.get("outcome") != PositioningStatus.HIRED:
        changes["contract_type"] = None
    return changes


MENTORSHIP_LIFECYCLE = Workflow(
    model=Mentorship,
    log_model=MentorshipTransition,
    actors_of=actor_roles,
    error=MentoringError,
    wrong_state="Action impossible : le parrainage est « {status_lower} ».",
    denied="Vous ne pouvez pas effectuer cette action sur ce parrainage.",
    transitions=(
        Transition(
            "end",
            {S.ONGOING},
            S.ENDED,
            "Mettre fin au parrainage",
            actors={MISSION_LOCALE, SUPERVISOR},
            fields=(
                Field("ended_on", "Indiquez la date de fin.", clean=instance_of(datetime.date)),
                Field("end_reason", "Choisissez le motif de fin.", clean=one_of(EndReason.values)),
                Field("outcome", "Choisissez la situation du jeune.", clean=one_of(OUTCOME_VALUES)),
                Field(
                    "contract_type",
                    "Choisissez le type de contrat du recrutement.",
                    required=False,
                    clean=instance_of(ContractType),
                ),
            ),
            guards=(end_makes_sense,),
            updates=(derived_end,),
            needs_confirmation=True,
        ),
        Transition(
            "cancel",
            {S.ONGOING},
            S.CANCELLED,
            "Annuler le parrainage (saisie erronée)",
            actors={MISSION_LOCALE},
            fields=(Field("note", "Indiquez pourquoi ce parrainage est annulé."),),
            needs_confirmation=True,
        ),
    ),
)
