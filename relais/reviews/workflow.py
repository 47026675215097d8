"""The review's workflow: draft (live figures) → computed (frozen) → presented at the COPIL → decided.

Pages and the demo run a move with ``apply(REVIEW_WORKFLOW, review, name, scope=...)``; a decision moves the
convention's own lifecycle in the same transaction (renewal through relais/conventions/renewal.py, or its end).
"""

import datetime

from django.utils import timezone

from relais.conventions.enums import ConventionStatus
from relais.conventions.lifecycle import CONVENTION_LIFECYCLE
from relais.conventions.models import ConventionDocument
from relais.conventions.perms import can_edit
from relais.core.workflows import Field, Transition, Workflow, apply, instance_of
from relais.events.enums import EventKind
from relais.events.models import Event
from relais.reviews.enums import ReviewDecision
from relais.reviews.enums import ReviewStatus as S
from relais.reviews.models import Review, ReviewError, ReviewTransition
from relais.reviews.snapshot import freeze, thaw

# Coordinators and directors of a party (conventions.perms.can_edit) move the review; observers only read it.
EDITOR = "editor"


def actors_of(scope, review: Review) -> set[str]:
    if not scope.is_system and can_edit(scope, review.convention):
        return {EDITOR}
    return set()


# ---- guards -------------------------------------------------------------------------------------------------


def copil_not_in_future(review, step):
    if step.values["copil_date"] > timezone.localdate(step.now):
        return "La date du COPIL ne peut pas être dans le futur : enregistrez le COPIL une fois tenu."
    return None


def copil_event_of_convention(review, step):
    event = step.values.get("copil_event")
    if event is None:
        return None
    if event.kind != EventKind.STEERING or event.convention_id != review.convention_id:
        return "La réunion choisie n'est pas une réunion de pilotage de cette convention."
    return None


def minutes_of_convention(review, step):
    if step.values["minutes"].convention_id != review.convention_id:
        return "Le compte rendu doit être un document de cette convention."
    return None


def convention_awaits_decision(review, step):
    convention = review.convention
    if convention.status != ConventionStatus.REVIEW_DUE:
        return (
            f"La convention est au statut « {convention.get_status_display()} » : la décision du COPIL "
            "s'enregistre quand elle est en « Bilan à réaliser »."
        )
    return None


def convention_renewable(review, step):
    if not review.convention.is_renewable:
        return (
            "Le texte de cette convention ne prévoit pas de renouvellement : le COPIL peut seulement décider "
            "d'y mettre fin (une nouvelle convention se conclut à part)."
        )
    return None


# ---- updates and effects ------------------------------------------------------------------------------------


def deciding(decision: ReviewDecision):
    def update(review, step) -> dict:
        return {"decision": decision, "decided_at": step.now}

    return update


def _decision_text(review, step) -> str:
    label = ReviewDecision(review.decision).label.lower()
    text = f"Décision du COPIL du {review.copil_date:%d/%m/%Y} (bilan annuel) : {label}."
    if review.decision_note:
        text += f" {review.decision_note}"
    return text


def renew_convention(review, step) -> dict:
    """The existing renewal opens the next period; the review links it."""
    convention = apply(
        CONVENTION_LIFECYCLE, review.convention, "renew", scope=step.scope, note=_decision_text(review, step)
    )
    review.next_period = convention.next_period
    review.save(update_fields=["next_period", "updated_at"])
    return {"next_period": review.next_period_id}


def end_convention(review, step) -> dict:
    apply(CONVENTION_LIFECYCLE, review.convention, "end", scope=step.scope, note=_decision_text(review, step))
    return {"convention_status": ConventionStatus.ENDED.value}


def is_renewable(review) -> bool:
    return review.convention.is_renewable


DECISION_NOTE = Field("decision_note", "Précisez la décision du COPIL.", required=False)
DECIDING = (convention_awaits_decision,)

REVIEW_WORKFLOW = Workflow(
    model=Review,
    log_model=ReviewTransition,
    actors_of=actors_of,
    error=ReviewError,
    wrong_state="Action impossible : « {label} » n'est pas possible pour un bilan au statut « {status} ».",
    denied="Seuls les coordinateurs et directeurs des parties de la convention agissent sur son bilan.",
    transitions=(
        Transition(
            "compute",
            {S.DRAFT},
            S.COMPUTED,
            "Arrêter les chiffres",
            actors={EDITOR},
            updates=(freeze,),
            needs_confirmation=True,
        ),
        Transition(
            "reopen",
            {S.COMPUTED},
            S.DRAFT,
            "Repasser en brouillon",
            actors={EDITOR},
            fields=(Field("note", "Indiquez la raison du retour en brouillon."),),
            updates=(thaw,),
            needs_confirmation=True,
        ),
        Transition(
            "present",
            {S.COMPUTED},
            S.PRESENTED,
            "Enregistrer le COPIL",
            actors={EDITOR},
            fields=(
                Field("copil_date", "Indiquez la date du COPIL.", clean=instance_of(datetime.date)),
                Field("copil_attendees", "Indiquez les participants au COPIL."),
                Field("minutes", "Joignez le compte rendu du COPIL.", clean=instance_of(ConventionDocument)),
                Field(
                    "copil_event",
                    "Choisissez une réunion de pilotage de la convention.",
                    required=False,
                    clean=instance_of(Event),
                ),
            ),
            guards=(copil_not_in_future, copil_event_of_convention, minutes_of_convention),
            needs_confirmation=True,
        ),
        Transition(
            "renew",
            {S.PRESENTED},
            S.DECIDED,
            "Décider le renouvellement",
            actors={EDITOR},
            fields=(DECISION_NOTE,),
            guards=(*DECIDING, convention_renewable),
            updates=(deciding(ReviewDecision.RENEWED),),
            effects=(renew_convention,),
            needs_confirmation=True,
            offered=is_renewable,
        ),
        Transition(
            "renew_with_changes",
            {S.PRESENTED},
            S.DECIDED,
            "Décider le renouvellement avec modifications",
            actors={EDITOR},
            fields=(Field("decision_note", "Indiquez les modifications décidées en COPIL."),),
            guards=(*DECIDING, convention_renewable),
            updates=(deciding(ReviewDecision.RENEWED_WITH_CHANGES),),
            effects=(renew_convention,),
            needs_confirmation=True,
            offered=is_renewable,
        ),
        Transition(
            "end",
            {S.PRESENTED},
            S.DECIDED,
            "Décider la fin de la convention",
            actors={EDITOR},
            fields=(DECISION_NOTE,),
            guards=DECIDING,
            updates=(deciding(ReviewDecision.ENDED),),
            effects=(end_convention,),
            needs_confirmation=True,
        ),
    ),
)
