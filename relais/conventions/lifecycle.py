"""The convention lifecycle: its transition table, who runs it, what each move checks, stamps and notifies.

Pages, jobs and commands run a move with ``apply(CONVENTION_LIFECYCLE, convention, name, scope=...)``.
Renewal closes the period and opens the next one (see renewal.open_next_period).
"""

import datetime

from django.utils import timezone

from relais.conventions.enums import ConventionStatus as S
from relais.conventions.enums import RenewalRule
from relais.conventions.hooks import renewal_refusal
from relais.conventions.models import Convention, ConventionError, ConventionTransition
from relais.conventions.notifications import ConventionRenewed, ConventionStatusChanged
from relais.conventions.perms import can_edit
from relais.conventions.renewal import open_next_period
from relais.conventions.scheduling import add_months, end_from_duration, schedule_convention
from relais.core.notifications import notify
from relais.core.workflows import SYSTEM, Field, Transition, Workflow, instance_of

# Coordinators and directors of a party (and platform staff) move the convention; the platform marks the
# review due when its date comes.
EDITOR = "editor"
STATUS_CHANGED = "status_changed"
RENEWED = "renewed"

RENEWAL_REFUSED = {
    RenewalRule.FIXED_TERM: "Cette convention est conclue pour une durée déterminée, sans renouvellement prévu par "
    "son texte : elle ne peut pas être renouvelée. Mettez-y fin à son échéance et, si les "
    "parties le décident, concluez une nouvelle convention.",
    RenewalRule.UNSPECIFIED: "Le texte de cette convention ne prévoit pas de renouvellement : renseignez d'abord sa "
    "règle de renouvellement si les parties en ont décidé un.",
}


def actors_of(scope, convention: Convention) -> set[str]:
    actors = {SYSTEM} if scope.is_system else set()
    # The platform itself is no editor: it only runs what is declared for SYSTEM.
    if not scope.is_system and can_edit(scope, convention):
        actors.add(EDITOR)
    return actors


# ---- guards, updates, effects -------------------------------------------------------------------------------


def has_start_date(convention, step):
    if not convention.start_date:
        return "Renseignez la date de début avant de démarrer la convention."
    return None


def end_date_from_duration(convention, step) -> dict:
    if not convention.end_date and convention.duration_months:
        return {"end_date": end_from_duration(convention.start_date, convention.duration_months)}
    return {}


def is_renewable(convention) -> bool:
    return convention.is_renewable


def renewable_here(convention) -> bool:
    """The page offers the renewal unless an app decides it elsewhere (the review, once it exists)."""
    return convention.is_renewable and renewal_refusal(convention) is None


def renewal_planned(convention, step):
    if not convention.is_renewable:
        return RENEWAL_REFUSED.get(convention.renewal_rule, RENEWAL_REFUSED[RenewalRule.UNSPECIFIED])
    return None


# The review may be opened this long before the date the calendar gives the COPIL (review_lead_months before the
# end): earlier, "bilan à réaliser" would stand for most of the period.
REVIEW_OPENS_EARLY = datetime.timedelta(days=61)


def review_opens_on(convention) -> datetime.date | None:
    """The first day an editor may mark the review due; None when the convention has no end to count from."""
    if convention.end_date is None:
        return None
    due = add_months(convention.end_date, -(convention.review_lead_months or 0))
    return due - REVIEW_OPENS_EARLY


def review_is_open(convention) -> bool:
    opens = review_opens_on(convention)
    return opens is None or timezone.localdate() >= opens


def review_is_due(convention, step):
    """The platform's job marks the review due on its date; an editor may do it from two months before."""
    if step.scope.is_system:
        return None
    opens = review_opens_on(convention)
    if opens is not None and timezone.localdate(step.now) < opens:
        return (
            f"Le bilan de cette convention s'ouvre le {opens:%d/%m/%Y}, deux mois avant le COPIL prévu : "
            "il est trop tôt pour la passer en bilan à réaliser."
        )
    return None


def renewal_allowed_by_apps(convention, step):
    """Once the convention's review exists, only its decision renews (relais/reviews registers the check)."""
    return renewal_refusal(convention)


def has_end_and_duration(convention, step):
    if not convention.end_date or not convention.duration_months:
        return "Le renouvellement demande une date de fin et une durée."
    return None


def schedule(convention, step) -> None:
    schedule_convention(convention)


# ---- notification -------------------------------------------------------------------------------------------


def notify_parties(convention, transition, scope, log) -> None:
    """Within the transaction: the parties' coordinators, directors and referents hear of the new status.

    Whoever acted is told too: the e-mail is every party's record of the change.
    """
    if transition.notifies == RENEWED:
        notify(ConventionRenewed, obj=convention.next_period)
    else:
        notify(ConventionStatusChanged, obj=convention)


CONVENTION_LIFECYCLE = Workflow(
    model=Convention,
    log_model=ConventionTransition,
    actors_of=actors_of,
    error=ConventionError,
    wrong_state="Action impossible : « {label} » n'est pas possible pour une convention au statut « {status} ».",
    notify=notify_parties,
    transitions=(
        Transition(
            "sign",
            {S.DRAFT},
            S.SIGNED,
            "Enregistrer la signature",
            actors={EDITOR},
            fields=(
                Field(
                    "signature_date",
                    "Indiquez une date de signature valide.",
                    required=False,
                    clean=instance_of(datetime.date),
                ),
            ),
            effects=(schedule,),
            # Not destructive, but the page asks for the signature date.
            needs_confirmation=True,
            notifies=STATUS_CHANGED,
        ),
        Transition(
            "activate",
            {S.SIGNED},
            S.ACTIVE,
            "Démarrer la convention",
            actors={EDITOR},
            guards=(has_start_date,),
            updates=(end_date_from_duration,),
            effects=(schedule,),
            notifies=STATUS_CHANGED,
        ),
        Transition(
            "mark_review_due",
            {S.ACTIVE},
            S.REVIEW_DUE,
            "Passer en bilan à réaliser",
            actors={EDITOR, SYSTEM},
            guards=(review_is_due,),
            effects=(schedule,),
            needs_confirmation=True,
            notifies=STATUS_CHANGED,
            offered=review_is_open,
        ),
        Transition(
            "renew",
            {S.REVIEW_DUE},
            S.RENEWED,
            "Renouveler pour une nouvelle période",
            actors={EDITOR},
            # The decision it rests on is the log's note: the review's decision writes it; a convention with no
            # review yet (texts loaded before the reviews) renews on a decision typed here.
            fields=(
                Field(
                    "note",
                    "Indiquez la décision du bilan (COPIL) qui fonde le renouvellement, et sa date.",
                ),
            ),
            guards=(renewal_planned, renewal_allowed_by_apps, has_end_and_duration),
            effects=(open_next_period,),
            needs_confirmation=True,
            notifies=RENEWED,
            offered=renewable_here,
        ),
        Transition(
            "end",
            {S.ACTIVE, S.REVIEW_DUE},
            S.ENDED,
            "Mettre fin à la convention",
            actors={EDITOR},
            needs_confirmation=True,
            notifies=STATUS_CHANGED,
        ),
        Transition(
            "cancel",
            {S.DRAFT},
            S.CANCELLED,
            "Annuler le brouillon",
            actors={EDITOR},
            needs_confirmation=True,
            notifies=STATUS_CHANGED,
        ),
    ),
)
