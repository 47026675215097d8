"""Writes of the positioning pipeline: propose, transmit or send back, partner answers, outcomes, expiry."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from relais.core.notifications import notify
from relais.core.scope import Scope
from relais.core.services import audit
from relais.jobs.models import ContractType
from relais.opportunities.enums import OpportunityStatus
from relais.opportunities.models import Opportunity
from relais.opportunities.selectors import opportunities_visible_to
from relais.positionings.enums import (
    OPEN_STATUSES,
    PARTNER_ANSWER_STATUSES,
    NotificationEvent,
    NotRetainedReason,
    PositioningStatus,
)
from relais.positionings.models import (
    SYSTEM,
    TRANSITIONS,
    Positioning,
    PositioningError,
    PositioningTransition,
)
from relais.positionings.notifications import EVENT_NOTIFICATIONS
from relais.positionings.perms import actor_roles
from relais.youths.models import Youth, validate_age_for_positioning
from relais.youths.selectors import youth_mission_locale_ids

S = PositioningStatus
DUPLICATE_MESSAGE = "Ce jeune est déjà positionné sur cette opportunité : un positionnement est en cours."


def reminder_days() -> int:
    return settings.RELAIS_POSITIONING_REMINDER_DAYS


def expiry_days() -> int:
    return settings.RELAIS_POSITIONING_EXPIRY_DAYS


def _queue_notification(positioning: Positioning, event: str, acting_user=None) -> None:
    """The single place the workflow e-mails about an event: recorded now, sent after the commit.

    `acting_user` is who acted (a user or their Scope; None for the platform): they are not told of it.
    """
    if isinstance(acting_user, Scope):
        scope = acting_user
    else:
        scope = Scope.for_user(acting_user) if acting_user is not None else Scope.system()
    # Each reminder is its own event, recorded once however often the hourly job runs.
    key = f"reminder-{positioning.reminders_sent}" if event == NotificationEvent.REMINDER else None
    for notification in EVENT_NOTIFICATIONS[event]:
        notify(notification, obj=positioning, scope=scope, key=key)


def _log(positioning, *, name, from_status, to_status, by, at, note="") -> PositioningTransition:
    return PositioningTransition.objects.create(
        positioning=positioning,
        name=name,
        from_status=from_status,
        to_status=to_status,
        by=by if by is not None and by.is_authenticated else None,
        at=at,
        note=note,
    )


@transaction.atomic
def positioning_propose(
    *, youth: Youth, opportunity: Opportunity, acting_user, motivation: str = ""
) -> Positioning:
    """A counsellor of the youth's Mission Locale proposes them, with recorded consent, on an opportunity."""
    if youth.mission_locale_id not in youth_mission_locale_ids(acting_user):
        raise PermissionDenied("Vous ne suivez pas les jeunes de cette Mission Locale.")
    if not opportunities_visible_to(acting_user).filter(pk=opportunity.pk).exists():
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
    now = timezone.now()
    try:
        with transaction.atomic():
            positioning = Positioning.objects.create(
                youth=youth,
                opportunity=opportunity,
                proposed_by=acting_user,
                status=S.PROPOSED,
                motivation=motivation.strip(),
                proposed_at=now,
            )
    except IntegrityError:
        # Two counsellors clicking at the same time: the database constraint is the last word.
        raise PositioningError(DUPLICATE_MESSAGE) from None
    _log(
        positioning,
        name="propose",
        from_status="",
        to_status=S.PROPOSED,
        by=acting_user,
        at=now,
        note=positioning.motivation,
    )
    audit(
        actor=acting_user,
        action="positioning.propose",
        obj=positioning,
        youth=youth.pk,
        opportunity=opportunity.pk,
    )
    return positioning


def _validate_outcome(name: str, fields: dict) -> dict:
    """Check and normalise the fields a transition needs; raises a French ValidationError."""
    errors: dict[str, str] = {}
    clean: dict = {}
    if name == "send_back" and not (fields.get("note") or "").strip():
        errors["note"] = "Indiquez au conseiller pourquoi le positionnement lui est renvoyé."
    if name == "plan_interview":
        when = fields.get("interview_at")
        if not isinstance(when, datetime.datetime):
            errors["interview_at"] = "Indiquez la date de l'entretien ou de l'information collective."
        else:
            clean["interview_at"] = when
    if name == "hire":
        contract_type = fields.get("contract_type")
        if not isinstance(contract_type, ContractType):
            errors["contract_type"] = "Choisissez le type de contrat."
        if not isinstance(fields.get("start_date"), datetime.date):
            errors["start_date"] = "Indiquez la date d'embauche."
        hours = fields.get("weekly_hours")
        if hours is None or not (Decimal("1") <= Decimal(str(hours)) <= Decimal("48")):
            errors["weekly_hours"] = "Indiquez une durée hebdomadaire entre 1 et 48 heures."
        if not errors:
            clean.update(
                contract_type=contract_type, start_date=fields["start_date"], weekly_hours=Decimal(str(hours))
            )
    if name == "enter_training":
        if not isinstance(fields.get("training_entry_date"), datetime.date):
            errors["training_entry_date"] = "Indiquez la date d'entrée en formation ou en POE."
        else:
            clean["training_entry_date"] = fields["training_entry_date"]
    if name == "complete_immersion" and fields.get("start_date"):
        clean["start_date"] = fields["start_date"]
    if name == "not_retain":
        reason = fields.get("not_retained_reason") or ""
        if reason not in NotRetainedReason.values:
            errors["not_retained_reason"] = "Choisissez le motif dans la liste."
        else:
            clean["not_retained_reason"] = reason
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def positioning_apply(*, positioning: Positioning, name: str, acting_user=None, note: str = "", **fields):
    """Fire one transition of the table; `acting_user=None` is the platform itself (expiry).

    Raises PermissionDenied (wrong role), PositioningError (wrong state) or ValidationError (missing fields).
    """
    transition = TRANSITIONS.get(name)
    if transition is None or name == "propose":
        raise PositioningError("Cette action n'existe pas.")
    if acting_user is None:
        if SYSTEM not in transition.actors:
            raise PermissionDenied
    else:
        roles = actor_roles(acting_user, positioning)
        if not roles & transition.actors:
            raise PermissionDenied("Vous ne pouvez pas effectuer cette action sur ce positionnement.")
    # Re-read the status under the transaction: the page may be stale.
    current = Positioning.objects.select_for_update().values_list("status", flat=True).get(pk=positioning.pk)
    positioning.status = current
    if current not in transition.sources:
        raise PositioningError(f"Action impossible : le positionnement est « {S(current).label} ».")
    if name in ("transmit", "repropose"):
        if positioning.opportunity.status != OpportunityStatus.PUBLISHED:
            raise PositioningError(
                "L'opportunité n'est plus ouverte aux candidatures : le positionnement ne peut pas aller plus loin."
            )
        if not positioning.youth.sharing_allowed():
            raise PositioningError(
                "Le consentement du jeune n'est plus valable : le positionnement ne peut pas aller plus loin."
            )
    if name == "repropose":
        try:
            validate_age_for_positioning(positioning.youth.birth_date, timezone.localdate())
        except ValidationError as error:
            raise PositioningError(error.messages[0]) from None
    values = _validate_outcome(name, {"note": note, **fields})
    now = timezone.now()
    update = ["status", "updated_at", *values]
    for field, value in values.items():
        setattr(positioning, field, value)
    positioning.status = transition.target
    if name == "transmit":
        positioning.transmitted_at = now
        update.append("transmitted_at")
    if name == "repropose":
        positioning.proposed_at = now
        update.append("proposed_at")
    if transition.target in PARTNER_ANSWER_STATUSES and positioning.answered_at is None:
        positioning.answered_at = now
        update.append("answered_at")
    if name in ("send_back", "cancel", "withdraw", "expire") and note.strip():
        positioning.reason = note.strip()
        update.append("reason")
    if transition.target not in OPEN_STATUSES:
        positioning.closed_at = now
        update.append("closed_at")
    positioning.save(update_fields=update)
    _log(
        positioning,
        name=name,
        from_status=current,
        to_status=transition.target,
        by=acting_user,
        at=now,
        note=note.strip(),
    )
    audit(
        actor=acting_user,
        action=f"positioning.{name}",
        obj=positioning,
        from_status=current,
        to_status=transition.target,
    )
    if transition.notifies:
        _queue_notification(positioning, transition.notifies, acting_user)
    return positioning


# Named services: what views, the API and commands call.


def positioning_transmit(*, positioning: Positioning, acting_user, note: str = "") -> Positioning:
    return positioning_apply(positioning=positioning, name="transmit", acting_user=acting_user, note=note)


def positioning_send_back(*, positioning: Positioning, acting_user, reason: str) -> Positioning:
    return positioning_apply(positioning=positioning, name="send_back", acting_user=acting_user, note=reason)


def positioning_repropose(*, positioning: Positioning, acting_user, note: str = "") -> Positioning:
    return positioning_apply(positioning=positioning, name="repropose", acting_user=acting_user, note=note)


def positioning_acknowledge(*, positioning: Positioning, acting_user) -> Positioning:
    return positioning_apply(positioning=positioning, name="acknowledge", acting_user=acting_user)


def positioning_plan_interview(
    *, positioning: Positioning, acting_user, interview_at: datetime.datetime, note: str = ""
) -> Positioning:
    return positioning_apply(
        positioning=positioning,
        name="plan_interview",
        acting_user=acting_user,
        interview_at=interview_at,
        note=note,
    )


def positioning_hire(
    *,
    positioning: Positioning,
    acting_user,
    contract_type: ContractType,
    start_date: datetime.date,
    weekly_hours: Decimal,
    note: str = "",
) -> Positioning:
    return positioning_apply(
        positioning=positioning,
        name="hire",
        acting_user=acting_user,
        note=note,
        contract_type=contract_type,
        start_date=start_date,
        weekly_hours=weekly_hours,
    )


def positioning_enter_training(
    *, positioning: Positioning, acting_user, training_entry_date: datetime.date, note: str = ""
) -> Positioning:
    return positioning_apply(
        positioning=positioning,
        name="enter_training",
        acting_user=acting_user,
        note=note,
        training_entry_date=training_entry_date,
    )


def positioning_complete_immersion(
    *, positioning: Positioning, acting_user, start_date: datetime.date | None = None, note: str = ""
) -> Positioning:
    return positioning_apply(
        positioning=positioning,
        name="complete_immersion",
        acting_user=acting_user,
        note=note,
        start_date=start_date,
    )


def positioning_not_retain(
    *, positioning: Positioning, acting_user, reason: str, note: str = ""
) -> Positioning:
    return positioning_apply(
        positioning=positioning,
        name="not_retain",
        acting_user=acting_user,
        note=note,
        not_retained_reason=reason,
    )


def positioning_withdraw(*, positioning: Positioning, acting_user, note: str = "") -> Positioning:
    return positioning_apply(positioning=positioning, name="withdraw", acting_user=acting_user, note=note)


def positioning_cancel(*, positioning: Positioning, acting_user, reason: str = "") -> Positioning:
    return positioning_apply(positioning=positioning, name="cancel", acting_user=acting_user, note=reason)


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
            positioning_apply(
                positioning=positioning,
                name="expire",
                acting_user=None,
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
            _queue_notification(positioning, NotificationEvent.REMINDER)
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
        positioning_apply(positioning=positioning, name="cancel", acting_user=None, note=note)
        settled += 1
    return settled
