"""E-mails of the positioning pipeline: who is told, and what (never a young person's sensitive data)."""

from django.urls import reverse

from relais.accounts.models import User
from relais.core.notifications import Notification, absolute, notify, register
from relais.core.scope import Scope, acting_referents
from relais.organizations.enums import Role
from relais.organizations.models import Membership
from relais.positionings.enums import NotificationEvent, PositioningStatus
from relais.positionings.models import Positioning
from relais.positionings.perms import partner_keys

SECTION = "Positionnements"


def partner_recipients(positioning: Positioning) -> set[User]:
    """The recruiters of the publishing structure (its coordinators when it has no recruiter)."""
    publisher_id = positioning.opportunity.publisher_id
    memberships = Membership.objects.filter(
        organization_id=publisher_id, is_active=True, person__user__is_active=True
    ).select_related("person__user")
    by_role: dict[str, set] = {}
    for membership in memberships:
        by_role.setdefault(membership.role, set()).add(membership.person.user)
    return by_role.get(Role.PARTNER_RECRUITER) or by_role.get(Role.COORDINATOR) or set()


def counsellor_recipients(positioning: Positioning) -> set[User]:
    """The counsellor who proposed and the youth's counsellor."""
    users = set()
    if positioning.proposed_by_id and positioning.proposed_by.is_active:
        users.add(positioning.proposed_by)
    counsellor = positioning.youth.counsellor if positioning.youth is not None else None
    if counsellor is not None and counsellor.user_id and counsellor.user.is_active:
        users.add(counsellor.user)
    return users


def mission_locale_recipients(positioning: Positioning) -> set[User]:
    """The counsellors (see above) and the ML's referent for the partner (its CREs when none can act)."""
    users = counsellor_recipients(positioning)
    ml_id = positioning.mission_locale_id
    referents = list(
        acting_referents()
        .filter(mission_locale_id=ml_id, partner_id__in=partner_keys(positioning.opportunity))
        .select_related("person__user")
    )
    if referents:
        users |= {r.person.user for r in referents}
    else:
        users |= {
            m.person.user
            for m in Membership.objects.filter(
                organization_id=ml_id, role=Role.CRE, is_active=True, person__user__is_active=True
            ).select_related("person__user")
        }
    return users


class PositioningNotification(Notification):
    """What every positioning e-mail shares: the object, its link, the status at the event."""

    section = SECTION
    model = Positioning

    @classmethod
    def snapshot(cls, obj) -> dict:
        # The status of the event, not the one the positioning may have reached when the job sends.
        return {"status": obj.status}

    @classmethod
    def queryset(cls):
        return Positioning.objects.select_related(
            "opportunity__commune",
            "opportunity__rome_title",
            "opportunity__publisher",
            "mission_locale",
            "youth__counsellor__user",
            "proposed_by",
        )

    def url(self) -> str:
        return absolute(reverse("positionings:detail", args=[self.obj.pk]))

    def context(self, recipient) -> dict:
        opportunity = self.obj.opportunity
        status = self.data.get("status") or self.obj.status
        return {
            "positioning": self.obj,
            "opportunity": opportunity,
            "what": f"« {opportunity.display_title} » ({opportunity.commune.name})",
            "mission_locale": self.obj.mission_locale,
            "status": PositioningStatus(status).label,
            "reason": self.obj.reason,
        }


@register
class PositioningTransmitted(PositioningNotification):
    code = "positionings.transmitted"
    label = "Candidature transmise par une Mission Locale (partenaires)"

    def recipients(self):
        return partner_recipients(self.obj)


@register
class PositioningReturned(PositioningNotification):
    code = "positionings.returned"
    label = "Positionnement renvoyé au conseiller par le référent (conseillers)"

    def recipients(self):
        return counsellor_recipients(self.obj)


@register
class PositioningPartnerAnswer(PositioningNotification):
    code = "positionings.partner_answer"
    label = "Réponse du partenaire (conseillers et référents)"
    digest = True
    digest_title = "Réponses des partenaires"

    def recipients(self):
        return mission_locale_recipients(self.obj)

    @classmethod
    def digest_summary(cls, count: int) -> str:
        return f"{count} réponse(s) de partenaire"


@register
class PositioningOutcome(PositioningNotification):
    code = "positionings.outcome"
    label = "Issue d'un positionnement (conseillers et référents)"
    digest = True
    digest_title = "Issues des positionnements"

    def recipients(self):
        return mission_locale_recipients(self.obj)

    @classmethod
    def digest_summary(cls, count: int) -> str:
        return f"{count} issue(s) de positionnement"


@register
class PositioningClosedForPartner(PositioningNotification):
    """A candidate the partner received will not come: the young person withdrew or it was cancelled."""

    code = "positionings.closed_for_partner"
    label = "Candidature reçue annulée ou désistement du jeune (partenaires)"

    def recipients(self):
        status = self.data.get("status") or self.obj.status
        if self.obj.transmitted_at and status in (PositioningStatus.WITHDRAWN, PositioningStatus.CANCELLED):
            return partner_recipients(self.obj)
        return set()


@register
class PositioningReminder(PositioningNotification):
    code = "positionings.reminder"
    label = "Relance d'une candidature sans réponse (partenaires)"

    def recipients(self):
        return partner_recipients(self.obj)


# The workflow's events (its transition table says which one each transition e-mails about) and their e-mails.
EVENT_NOTIFICATIONS = {
    NotificationEvent.TRANSMISSION: (PositioningTransmitted,),
    NotificationEvent.RETURNED: (PositioningReturned,),
    NotificationEvent.PARTNER_ANSWER: (PositioningPartnerAnswer,),
    NotificationEvent.OUTCOME: (PositioningOutcome, PositioningClosedForPartner),
    NotificationEvent.REMINDER: (PositioningReminder,),
}


def queue_notification(positioning: Positioning, event: str, scope: Scope) -> None:
    """The single place the pipeline e-mails about an event: recorded now, sent after the commit.

    `scope` is who acted (the platform for the jobs): they are not told of their own action.
    """
    # Each reminder is its own event, recorded once however often the hourly job runs.
    key = f"reminder-{positioning.reminders_sent}" if event == NotificationEvent.REMINDER else None
    for notification in EVENT_NOTIFICATIONS[event]:
        notify(notification, obj=positioning, scope=scope, key=key)
