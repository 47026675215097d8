"""Writes of the positioning pipeline: the proposal, reminders and expiry, settling (moves: lifecycle.py)."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from relais.core.scope import Scope
from relais.core.services import audit
from relais.core.workflows import apply
from relais.opportunities.enums import OpportunityStatus
from relais.opportunities.models import Opportunity
from relais.opportunities.selectors import opportunities_visible_to
from relais.positionings.enums import (
    OPEN_STATUSES,
    NotificationEvent,
    PositioningStatus,
)
from relais.positionings.facts import countable_facts_of
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.positionings.models import Positioning, PositioningError, PositioningTransition
from relais.positionings.notifications import queue_notification
from relais.positionings.outcomes import CurrentOutcome, current_outcome_of
from relais.youths.models import Youth, validate_age_for_positioning

S = PositioningStatus
DUPLICATE_MESSAGE = "Ce jeune est déjà positionné sur cette opportunité : un positionnement est en cours."


def reminder_days() -> int:
    return settings.RELAIS_POSITIONING_REMINDER_DAYS


def expiry_days() -> int:
    return settings.RELAIS_POSITIONING_EXPIRY_DAYS


@transaction.atomic
def positioning_propose(
    *,
    youth: Youth,
    opportunity: Opportunity,
    scope: Scope,
    motivation: str = "",
    availability: str = "",
    despite_current_outcome: bool = False,
) -> Positioning:
    """A counsellor of the youth's Mission Locale proposes them, with recorded consent, on an opportunity.

    A young person already hired or in training (outcomes.py) is proposed only when the counsellor confirms it
    (`despite_current_outcome`): otherwise CurrentOutcome says what the current outcome is.
    """
    if youth.mission_locale_id not in scope.mission_locale_ids:
        raise PermissionDenied("Vous ne suivez pas les jeunes de cette Mission Locale.")
    if not opportunities_visible_to(scope).filter(pk=opportunity.pk).exists():
        raise PermissionDenied("Cette opportunité n'a pas été diffusée à votre Mission Locale.")
    if not opportunity.deliveries.filter(mission_locale_id=youth.mission_locale_id).exists():
        # Someone on the staff of two Missions Locales may see an opportunity diffused to only one of them.
        raise PositioningError(
            f"Cette opportunité n'a pas été diffusée à {youth.mission_locale} : "
            "seuls les jeunes d'une Mission Locale destinataire peuvent y être proposés."
        )
    today = timezone.localdate()
    if opportunity.status != OpportunityStatus.PUBLISHED:
        raise PositioningError("Cette opportunité n'est plus ouverte aux candidatures.")
    if opportunity.closing_date is not None and opportunity.closing_date < today:
        raise PositioningError(
            f"La date limite de candidature ({opportunity.closing_date:%d/%m/%Y}) est passée."
        )
    if youth.is_archived:
        raise PositioningError("Ce jeune est archivé : il ne peut pas être proposé.")
    if not youth.sharing_allowed(today):
        raise PositioningError(
            "Le consentement du jeune au partage de ses informations avec les partenaires n'est pas "
            "enregistré : recueillez-le avant de le proposer."
        )
    try:
        validate_age_for_positioning(youth.birth_date, today)
    except ValidationError as error:
        raise PositioningError(error.messages[0]) from None
    if Positioning.objects.filter(youth=youth, opportunity=opportunity, status__in=OPEN_STATUSES).exists():
        raise PositioningError(DUPLICATE_MESSAGE)
    current = current_outcome_of(youth, today=today)
    if current is not None and not despite_current_outcome:
        raise CurrentOutcome(current)
    now = timezone.now()
    try:
        with transaction.atomic():
            positioning = Positioning.objects.create(
                youth=youth,
                opportunity=opportunity,
                proposed_by=scope.actor,
                status=S.PROPOSED,
                motivation=motivation.strip(),
                availability=availability.strip()[:200],
                proposed_at=now,
                first_proposed_at=now,
                **countable_facts_of(youth),
            )
    except IntegrityError:
        # Two counsellors clicking at the same time: the database constraint is the last word.
        raise PositioningError(DUPLICATE_MESSAGE) from None
    PositioningTransition.record(
        positioning, name="propose", to_status=S.PROPOSED, by=scope.actor, at=now, note=positioning.motivation
    )
    audit(
        actor=scope.actor,
        action="positioning.propose",
        obj=positioning,
        youth=youth.pk,
        opportunity=opportunity.pk,
        despite_current_outcome=current.pk if current is not None else None,
    )
    return positioning


# ---- periodic: reminders and expiry ------------------------------------------------------------------


def positionings_process_unanswered(*, now: datetime.datetime | None = None) -> dict:
    """Remind the partner once about a candidate left unanswered, then expire it (periodic job body)."""
    now = now or timezone.now()
    expired = 0
    expiry_limit = now - datetime.timedelta(days=expiry_days())
    for positioning in Positioning.objects.filter(
        status=S.TRANSMITTED, transmitted_at__lte=expiry_limit
    ).select_related("youth", "opportunity"):
        try:
            apply(
                POSITIONING_LIFECYCLE,
                positioning,
                "expire",
                scope=Scope.system(),
                note=f"Sans réponse du partenaire {expiry_days()} jours après la transmission.",
            )
            expired += 1
        except PositioningError:
            continue  # answered in the meantime
    reminded = 0
    # A reminder every `reminder_days()` without an answer (7, 14, 21, 28 days by default), until expiry.
    reminder_limit = now - datetime.timedelta(days=reminder_days())
    candidates = (
        Positioning.objects.filter(status=S.TRANSMITTED, transmitted_at__lte=reminder_limit)
        .filter(Q(reminder_sent_at__isnull=True) | Q(reminder_sent_at__lte=reminder_limit))
        .values_list("pk", "reminder_sent_at")
    )
    for pk, last_sent in list(candidates):
        with transaction.atomic():
            # The conditional update on the last reminder's date is what makes each reminder "sent once",
            # even with two workers or after a restart.
            unchanged = (
                Q(reminder_sent_at__isnull=True) if last_sent is None else Q(reminder_sent_at=last_sent)
            )
            claimed = Positioning.objects.filter(unchanged, pk=pk, status=S.TRANSMITTED)
            if not claimed.update(reminder_sent_at=now, reminders_sent=F("reminders_sent") + 1):
                continue
            positioning = Positioning.objects.get(pk=pk)
            audit(actor=None, action="positioning.remind", obj=positioning, number=positioning.reminders_sent)
            queue_notification(positioning, NotificationEvent.REMINDER, Scope.system())
            reminded += 1
    return {"reminded": reminded, "expired": expired}


def positionings_settle_ended_opportunity(*, opportunity: Opportunity) -> int:
    """An opportunity was filled, closed or cancelled: settle the positionings it leaves hanging.

    Cancelled: every open positioning is cancelled. Filled or closed: those not yet transmitted are cancelled
    (they can go no further); the partner still answers the candidates it received. Returns the count.
    """
    statuses = (
        OPEN_STATUSES if opportunity.status == OpportunityStatus.CANCELLED else {S.PROPOSED, S.RETURNED}
    )
    note = f"L'opportunité est « {opportunity.get_status_display().lower()} » : positionnement annulé."
    settled = 0
    for positioning in Positioning.objects.filter(
        opportunity=opportunity, status__in=statuses
    ).select_related("youth", "opportunity"):
        apply(POSITIONING_LIFECYCLE, positioning, "cancel", scope=Scope.system(), note=note)
        settled += 1
    return settled
