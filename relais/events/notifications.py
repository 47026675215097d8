"""E-mails of the events: invited CREs told of a publication or cancellation, reminders to registered staff,
the organiser asked to record attendance. Never a young person's name in any of them."""

from django.urls import reverse
from django.utils import timezone

from relais.core.notifications import Notification, absolute, register
from relais.core.words import plural
from relais.events.enums import MANAGING_ROLES, ParticipantKind, RegistrationStatus
from relais.events.models import Event
from relais.organizations.enums import Role
from relais.organizations.models import Membership


def _when(event) -> str:
    if event.starts_at is None:
        return ""
    return timezone.localtime(event.starts_at).strftime("%d/%m/%Y à %H:%M")


class EventNotification(Notification):
    section = "Événements"
    model = Event

    @classmethod
    def snapshot(cls, event) -> dict:
        return {"title": event.title, "when": _when(event), "status": event.get_status_display()}

    def url(self) -> str:
        return absolute(reverse("events:detail", args=[self.obj.pk]))

    @classmethod
    def digest_entries(cls, items) -> list[dict]:
        return [
            {
                "title": item.data.get("title"),
                "when": item.data.get("when"),
                "move": item.data.get("move"),
                "url": item.url(),
            }
            for item in items
        ]


@register
class EventAnnounced(EventNotification):
    """An event published or cancelled, told once to the CREs of the Missions Locales it invites."""

    code = "events.announced"
    label = "Événements auxquels ma Mission Locale est invitée : publication et annulation (chargés de relations entreprises)"
    immediate_label = "Un e-mail à chaque événement"
    digest = True
    digest_title = "Événements auxquels votre Mission Locale est invitée"

    def recipients(self):
        ml_ids = list(self.obj.invited_mission_locales.values_list("pk", flat=True))
        rows = Membership.objects.filter(
            organization_id__in=ml_ids, role=Role.CRE, is_active=True, person__user__is_active=True
        ).select_related("person__user")
        return {row.person.user for row in rows}

    @classmethod
    def digest_summary(cls, count: int) -> str:
        return plural(count, "événement publié ou annulé", "événements publiés ou annulés")


@register
class EventReminder(EventNotification):
    """Two days before: a reminder to each professional registered."""

    code = "events.reminder"
    label = "Rappel deux jours avant un événement auquel je suis inscrit·e"

    def recipients(self):
        rows = self.obj.registrations.filter(
            kind=ParticipantKind.STAFF, status=RegistrationStatus.REGISTERED, person__user__is_active=True
        ).select_related("person__user")
        return {row.person.user for row in rows}


@register
class AttendanceRequested(EventNotification):
    """After the event, until attendance is recorded: the organisers are asked to record it."""

    code = "events.attendance_requested"
    label = "Demande d'enregistrer les présences après un événement que j'organise"
    tells_actor = True

    def recipients(self):
        org_ids = list(
            self.obj.organizers.filter(role__in=MANAGING_ROLES).values_list("organization_id", flat=True)
        )
        rows = Membership.objects.filter(
            organization_id__in=org_ids,
            role__in=[Role.COORDINATOR, Role.DIRECTOR, Role.CRE, Role.PARTNER_RECRUITER],
            is_active=True,
            person__user__is_active=True,
        ).select_related("person__user")
        users = {row.person.user for row in rows}
        if self.obj.created_by is not None and self.obj.created_by.is_active:
            users.add(self.obj.created_by)
        return users
