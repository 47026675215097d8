"""E-mails of the conventions: lifecycle changes and the follow-up calendar's reminders.

Who is told: a status change, a renewal and an upcoming point or review go to every party (coordinators,
directors and named referents with an account). A late follow-up point or review is the business of the
whole partnership: every party is told. A late commitment goes to the party that owes it (its coordinators,
directors and named referents) and to the coordinators of the other parties, who are its single points of
contact; a late common commitment goes to every party.
"""

from django.urls import reverse

from relais.conventions.enums import ConventionStatus, OccurrenceKind, ReminderKind
from relais.conventions.models import Convention, ConventionParty, Occurrence, Referent
from relais.core.notifications import Notification, absolute, register
from relais.core.scope import EDITOR_ROLES
from relais.organizations.models import Membership

SECTION = "Conventions"


def recipients(convention, party: ConventionParty | None = None) -> list:
    """Coordinators and directors of the parties (or of one party) and the referents who have an account."""
    parties = [party] if party is not None else list(convention.parties.all())
    users = set(coordinators(parties))
    for referent in Referent.objects.filter(party__in=parties, person__user__is_active=True).select_related(
        "person__user"
    ):
        users.add(referent.person.user)
    return sorted(users, key=lambda u: u.email)


def coordinators(parties) -> list:
    """The coordinators and directors of these parties: their single points of contact."""
    return list(
        {
            m.person.user
            for m in Membership.objects.filter(
                organization_id__in=[p.organization_id for p in parties],
                role__in=EDITOR_ROLES,
                is_active=True,
                person__user__isnull=False,
                person__user__is_active=True,
            ).select_related("person__user")
        }
    )


def late_recipients(occurrence) -> list:
    """The owing party and the other parties' coordinators, or everyone (see the module docstring)."""
    party = occurrence.commitment.party if occurrence.commitment_id else None
    if occurrence.kind != OccurrenceKind.COMMITMENT or party is None:
        return recipients(occurrence.convention)
    others = [p for p in occurrence.convention.parties.all() if p.pk != party.pk]
    users = set(recipients(occurrence.convention, party)) | set(coordinators(others))
    return sorted(users, key=lambda u: u.email)


def convention_url(convention) -> str:
    return absolute(reverse("conventions:detail", args=[convention.pk]))


# ---- lifecycle -----------------------------------------------------------------------------------------------


class ConventionNotification(Notification):
    section = SECTION
    model = Convention
    # A party's coordinator who moved the convention is told like the others: the e-mail is its record.
    tells_actor = True

    def recipients(self):
        return recipients(self.obj)

    def url(self) -> str:
        return convention_url(self.obj)


@register
class ConventionStatusChanged(ConventionNotification):
    code = "conventions.status_changed"
    label = "Changement de statut d'une convention (coordinateurs, directeurs et référents des parties)"
    optional = False

    @classmethod
    def snapshot(cls, obj) -> dict:
        return {"status": obj.status}

    def context(self, recipient) -> dict:
        return {"status": ConventionStatus(self.data.get("status") or self.obj.status).label}


@register
class ConventionRenewed(ConventionNotification):
    code = "conventions.renewed"
    label = "Renouvellement d'une convention (coordinateurs, directeurs et référents des parties)"
    optional = False


# ---- the follow-up calendar's reminders ----------------------------------------------------------------------


class ReminderNotification(Notification):
    """A reminder about one calendar item, recorded once per item and person (the daily job passes its key)."""

    section = SECTION
    model = Occurrence
    reminder_kind: ReminderKind
    tells_actor = True

    @classmethod
    def queryset(cls):
        return Occurrence.objects.select_related("convention", "commitment__party")

    @classmethod
    def template(cls, part: str) -> str:
        if part == "body":  # one body for every reminder, the subject says which
            return "conventions/notifications/reminder_body.txt"
        return super().template(part)

    def recipients(self):
        return recipients(self.obj.convention)

    def url(self) -> str:
        return convention_url(self.obj.convention)

    def context(self, recipient) -> dict:
        return {
            "occurrence": self.obj,
            "convention": self.obj.convention,
            "kind_label": self.reminder_kind.label,
        }


@register
class UpcomingPoint(ReminderNotification):
    code = "conventions.upcoming_point"
    label = "Rappel d'un point de suivi 14 jours avant (coordinateurs, directeurs et référents des parties)"
    reminder_kind = ReminderKind.UPCOMING_POINT


@register
class UpcomingReview(ReminderNotification):
    code = "conventions.upcoming_review"
    label = (
        "Rappel du bilan annuel (COPIL) 30 jours avant (coordinateurs, directeurs et référents des parties)"
    )
    reminder_kind = ReminderKind.UPCOMING_REVIEW


@register
class LateItem(ReminderNotification):
    """A follow-up point or review (or a common commitment) is late: every party is told."""

    code = "conventions.late_item"
    label = "Point de suivi ou bilan en retard (toutes les parties)"
    optional = False
    reminder_kind = ReminderKind.LATE


@register
class LateCommitment(ReminderNotification):
    code = "conventions.late_commitment"
    label = "Engagement en retard (la partie qui le doit et les coordinateurs des autres parties)"
    optional = False
    reminder_kind = ReminderKind.LATE

    def recipients(self):
        return late_recipients(self.obj)


# The reminders of each kind, as the calendar shows them.
REMINDERS = (UpcomingPoint, UpcomingReview, LateItem, LateCommitment)
REMINDER_KIND_OF = {notification.code: notification.reminder_kind for notification in REMINDERS}


def reminder_codes(kind: str | None = None) -> list[str]:
    return [code for code, reminder_kind in REMINDER_KIND_OF.items() if kind is None or reminder_kind == kind]


def reminder_for(kind: str, occurrence) -> type[ReminderNotification]:
    if kind == ReminderKind.UPCOMING_POINT:
        return UpcomingPoint
    if kind == ReminderKind.UPCOMING_REVIEW:
        return UpcomingReview
    party = occurrence.commitment.party if occurrence.commitment_id else None
    return LateCommitment if occurrence.kind == OccurrenceKind.COMMITMENT and party is not None else LateItem
