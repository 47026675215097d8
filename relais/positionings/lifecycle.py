"""The positioning pipeline after the proposal: its transition table, who fires each move, what it takes and stamps.

Pages, jobs and commands run a move with ``apply(POSITIONING_LIFECYCLE, positioning, name, scope=...)``; the
proposal itself creates the positioning (services.positioning_propose).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from relais.core.workflows import SYSTEM, Field, Transition, Workflow, decimal_between, instance_of, one_of
from relais.jobs.models import ContractType
from relais.opportunities.enums import OpportunityStatus
from relais.positionings.enums import (
    OPEN_STATUSES,
    PARTNER_ANSWER_STATUSES,
    NotificationEvent,
    NotRetainedReason,
)
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.models import (
    COUNSELLOR,
    PARTNER,
    REFERENT,
    Positioning,
    PositioningError,
    PositioningTransition,
)
from relais.positionings.outcomes import no_concurrent_hire
from relais.positionings.perms import actor_roles
from relais.youths.models import validate_age_for_positioning

_AFTER_TRANSMISSION = frozenset({S.TRANSMITTED, S.ACKNOWLEDGED, S.INTERVIEW_PLANNED})
_OUTCOME_SOURCES = _AFTER_TRANSMISSION


def actors_of(scope, positioning: Positioning) -> set[str]:
    if scope.is_system:
        return {SYSTEM}
    return actor_roles(scope, positioning)


# ---- guards -------------------------------------------------------------------------------------------------


def opportunity_still_open(positioning, step):
    if positioning.opportunity.status != OpportunityStatus.PUBLISHED:
        return "L'opportunité n'est plus ouverte aux candidatures : le positionnement ne peut pas aller plus loin."
    return None


def consent_still_valid(positioning, step):
    # An anonymised young person (no record left) cannot consent to anything any more.
    if positioning.youth is None or not positioning.youth.sharing_allowed():
        return "Le consentement du jeune n'est plus valable : le positionnement ne peut pas aller plus loin."
    return None


def age_still_within_bounds(positioning, step):
    if positioning.youth is None:
        return "Ce jeune a été anonymisé : le positionnement ne peut pas aller plus loin."
    try:
        validate_age_for_positioning(positioning.youth.birth_date, timezone.localdate())
    except ValidationError as error:
        return error.messages[0]
    return None


# Entry dates (hire, training, immersion) are the days someone starts: between the proposal and a year ahead.
ENTRY_FIELDS = ("start_date", "training_entry_date")
MAX_DAYS_AHEAD = 366


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def dates_make_sense(positioning, step):
    """Outcome and interview dates checked against the positioning's own dates, under the field concerned.

    An entry never precedes the proposal; it may precede the partner's answer (their first answer, or this
    one) only when the note says why (a hire recorded after the fact): not at all by default.
    """
    errors = {}
    today = _day(step.now)
    latest = today + datetime.timedelta(days=MAX_DAYS_AHEAD)
    proposed = _day(positioning.proposed_at)
    answered = _day(positioning.answered_at or step.now)
    for name in ENTRY_FIELDS:
        entry = step.values.get(name)
        if entry is None:
            continue
        if entry < proposed:
            errors[name] = (
                f"La date d'entrée ({entry:%d/%m/%Y}) ne peut pas précéder la proposition du jeune "
                f"sur cette opportunité ({proposed:%d/%m/%Y})."
            )
        elif entry < answered and not step.note:
            errors[name] = (
                f"La date d'entrée ({entry:%d/%m/%Y}) précède votre réponse ({answered:%d/%m/%Y}) : "
                "vérifiez-la, ou expliquez dans la note pourquoi l'entrée a eu lieu avant."
            )
        elif entry > latest:
            errors[name] = f"La date d'entrée ({entry:%d/%m/%Y}) est à plus d'un an : vérifiez-la."
    interview = step.values.get("interview_at")
    if interview is not None:
        transmitted = _day(positioning.transmitted_at or positioning.proposed_at)
        if _day(interview) < transmitted:
            errors["interview_at"] = (
                f"L'entretien ({_day(interview):%d/%m/%Y}) ne peut pas précéder la transmission du "
                f"positionnement ({transmitted:%d/%m/%Y})."
            )
        elif _day(interview) > latest:
            errors["interview_at"] = (
                f"L'entretien ({_day(interview):%d/%m/%Y}) est à plus d'un an : vérifiez sa date."
            )
    if errors:
        raise ValidationError(errors)
    return None


def bounded_text(limit: int):
    def clean(value):
        if not isinstance(value, str) or len(value) > limit:
            raise ValueError(value)
        return value.strip()

    return clean


# ---- values stamped with the new status ---------------------------------------------------------------------


def transmitted_now(positioning, step) -> dict:
    return {"transmitted_at": step.now}


def proposed_now(positioning, step) -> dict:
    return {"proposed_at": step.now}


def first_answer(positioning, step) -> dict:
    """The partner's first answer dates the delay of answer; later answers leave it."""
    return {"answered_at": step.now} if positioning.answered_at is None else {}


def reason_from_note(positioning, step) -> dict:
    """The reason of a send-back, cancellation, withdrawal or expiry is shown to the counsellor."""
    return {"reason": step.note} if step.note else {}


def closed_now(positioning, step) -> dict:
    return {"closed_at": step.now}


# ---- notification -------------------------------------------------------------------------------------------


def notify(positioning, transition, scope, log) -> None:
    """Within the transaction: the e-mails of this event for those concerned (see notifications.py)."""
    from relais.positionings.notifications import queue_notification

    queue_notification(positioning, transition.notifies, scope)


def _transition(name, sources, target, label, **declared) -> Transition:
    """A move of the pipeline; closing ones stamp their date, partner answers the first answer's."""
    updates = tuple(declared.pop("updates", ()))
    if target in PARTNER_ANSWER_STATUSES:
        updates += (first_answer,)
    if target not in OPEN_STATUSES:
        updates += (closed_now,)
    return Transition(name, sources, target, label, updates=updates, **declared)


OUTCOME = {"actors": {PARTNER}, "notifies": NotificationEvent.OUTCOME, "guards": (dates_make_sense,)}

POSITIONING_LIFECYCLE = Workflow(
    model=Positioning,
    log_model=PositioningTransition,
    actors_of=actors_of,
    error=PositioningError,
    wrong_state="Action impossible : le positionnement est « {status} ».",
    denied="Vous ne pouvez pas effectuer cette action sur ce positionnement.",
    notify=notify,
    transitions=(
        _transition(
            "repropose",
            {S.RETURNED},
            S.PROPOSED,
            "Proposer à nouveau",
            actors={COUNSELLOR},
            # The counsellor may rewrite the argument and the availability in answer to the referent's reason.
            fields=(
                Field(
                    "motivation",
                    "L'argumentaire ne peut pas dépasser 2 000 caractères.",
                    required=False,
                    clean=bounded_text(2000),
                ),
                Field(
                    "availability",
                    "La disponibilité ne peut pas dépasser 200 caractères.",
                    required=False,
                    clean=bounded_text(200),
                ),
            ),
            guards=(opportunity_still_open, consent_still_valid, age_still_within_bounds),
            updates=(proposed_now,),
        ),
        _transition(
            "transmit",
            {S.PROPOSED},
            S.TRANSMITTED,
            "Valider et transmettre au partenaire",
            actors={REFERENT},
            guards=(opportunity_still_open, consent_still_valid),
            updates=(transmitted_now,),
            notifies=NotificationEvent.TRANSMISSION,
        ),
        _transition(
            "send_back",
            {S.PROPOSED},
            S.RETURNED,
            "Renvoyer au conseiller",
            actors={REFERENT},
            fields=(Field("note", "Indiquez au conseiller pourquoi le positionnement lui est renvoyé."),),
            updates=(reason_from_note,),
            notifies=NotificationEvent.RETURNED,
        ),
        _transition(
            "acknowledge",
            {S.TRANSMITTED},
            S.ACKNOWLEDGED,
            "Accuser réception",
            actors={PARTNER},
            notifies=NotificationEvent.PARTNER_ANSWER,
        ),
        _transition(
            "plan_interview",
            _AFTER_TRANSMISSION,
            S.INTERVIEW_PLANNED,
            "Planifier un entretien ou une information collective",
            actors={PARTNER},
            fields=(
                Field(
                    "interview_at",
                    "Indiquez la date de l'entretien ou de l'information collective.",
                    clean=instance_of(datetime.datetime),
                ),
            ),
            guards=(dates_make_sense,),
            notifies=NotificationEvent.PARTNER_ANSWER,
        ),
        _transition(
            "hire",
            _OUTCOME_SOURCES,
            S.HIRED,
            "Enregistrer un recrutement",
            fields=(
                Field("contract_type", "Choisissez le type de contrat.", clean=instance_of(ContractType)),
                Field("start_date", "Indiquez la date d'embauche.", clean=instance_of(datetime.date)),
                Field(
                    "weekly_hours",
                    "Indiquez une durée hebdomadaire entre 1 et 48 heures.",
                    clean=decimal_between(Decimal("1"), Decimal("48")),
                ),
            ),
            **{**OUTCOME, "guards": (dates_make_sense, no_concurrent_hire)},
        ),
        _transition(
            "enter_training",
            _OUTCOME_SOURCES,
            S.ENTERED_TRAINING,
            "Enregistrer une entrée en formation ou en POE",
            fields=(
                Field(
                    "training_entry_date",
                    "Indiquez la date d'entrée en formation ou en POE.",
                    clean=instance_of(datetime.date),
                ),
            ),
            **OUTCOME,
        ),
        _transition(
            "complete_immersion",
            _OUTCOME_SOURCES,
            S.IMMERSION_COMPLETED,
            "Enregistrer une immersion réalisée",
            fields=(
                Field(
                    "start_date",
                    "Indiquez la date de début de l'immersion.",
                    required=False,
                    clean=instance_of(datetime.date),
                ),
            ),
            **OUTCOME,
        ),
        _transition(
            "not_retain",
            _OUTCOME_SOURCES,
            S.NOT_RETAINED,
            "Candidature non retenue",
            fields=(
                Field(
                    "not_retained_reason",
                    "Choisissez le motif dans la liste.",
                    clean=one_of(NotRetainedReason.values),
                ),
            ),
            **OUTCOME,
        ),
        _transition(
            "withdraw",
            OPEN_STATUSES,
            S.WITHDRAWN,
            "Désistement du jeune",
            actors={COUNSELLOR, REFERENT, PARTNER},
            updates=(reason_from_note,),
            notifies=NotificationEvent.OUTCOME,
        ),
        _transition(
            "cancel",
            OPEN_STATUSES,
            S.CANCELLED,
            "Annuler le positionnement",
            actors={COUNSELLOR, REFERENT, SYSTEM},
            updates=(reason_from_note,),
            notifies=NotificationEvent.OUTCOME,
        ),
        _transition(
            "expire",
            {S.TRANSMITTED},
            S.EXPIRED,
            "Expirer faute de réponse",
            actors={SYSTEM},
            updates=(reason_from_note,),
        ),
    ),
)
