"""E-mails of the positioning pipeline: who is told, and what (never a young person's sensitive data)."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from relais.accounts.models import User
from relais.core.scope import acting_referents
from relais.organizations.enums import Role
from relais.organizations.models import Membership
from relais.positionings.enums import NotificationEvent, PositioningStatus
from relais.positionings.models import Positioning, PositioningNotificationPreference
from relais.positionings.perms import partner_keys

PARTNER_EVENTS = {NotificationEvent.TRANSMISSION, NotificationEvent.REMINDER}


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


def wanted(users: set[User], event: str) -> list[User]:
    preferences = {
        p.user_id: p for p in PositioningNotificationPreference.objects.filter(user__in=[u.pk for u in users])
    }
    return sorted(
        (u for u in users if u.email and (u.pk not in preferences or preferences[u.pk].wants(event))),
        key=lambda u: u.email,
    )


def _url(positioning: Positioning) -> str:
    return settings.RELAIS_BASE_URL.rstrip("/") + reverse("positionings:detail", args=[positioning.pk])


def message_for(positioning: Positioning, event: str) -> tuple[str, str]:
    opportunity = positioning.opportunity
    what = f"« {opportunity.display_title} » ({opportunity.commune.name})"
    ml = positioning.mission_locale
    if event == NotificationEvent.TRANSMISSION:
        return (
            "Nouvelle candidature transmise par une Mission Locale",
            f"{ml} vous a transmis une candidature pour l'opportunité {what}.\n"
            "Consultez-la et indiquez votre réponse dans Relais.",
        )
    if event == NotificationEvent.REMINDER:
        return (
            "Relance : une candidature attend votre réponse",
            f"La candidature transmise par {ml} pour l'opportunité {what} n'a pas encore reçu de réponse.\n"
            "Sans réponse, elle expirera automatiquement.",
        )
    status = positioning.get_status_display()
    if event == NotificationEvent.RETURNED:
        return (
            "Positionnement renvoyé par le référent",
            f"Le référent de {ml} vous a renvoyé le positionnement n°{positioning.pk} (opportunité {what}).\n"
            f"Motif : {positioning.reason}\nVous pouvez le compléter et le proposer à nouveau.",
        )
    if event == NotificationEvent.PARTNER_ANSWER:
        return (
            f"Réponse du partenaire : {status}",
            f"{opportunity.publisher} a répondu sur le positionnement n°{positioning.pk} "
            f"(opportunité {what}) : {status}.",
        )
    return (
        f"Issue d'un positionnement : {status}",
        f"Le positionnement n°{positioning.pk} sur l'opportunité {what} est clos : {status}.",
    )


def send_notification(positioning_id: int, event: str, actor_id: int | None = None) -> int:
    """Send the e-mails of one event; returns the number of recipients."""
    positioning = Positioning.objects.select_related(
        "opportunity__commune",
        "opportunity__rome_title",
        "opportunity__publisher",
        "mission_locale",
        "youth__counsellor__user",
        "proposed_by",
    ).get(pk=positioning_id)
    if event in PARTNER_EVENTS:
        users = partner_recipients(positioning)
    elif event == NotificationEvent.RETURNED:
        users = counsellor_recipients(positioning)
    else:
        users = mission_locale_recipients(positioning)
        if (
            event == NotificationEvent.OUTCOME
            and positioning.transmitted_at
            and positioning.status
            in (
                PositioningStatus.WITHDRAWN,
                PositioningStatus.CANCELLED,
            )
        ):
            users |= partner_recipients(positioning)  # a candidate it received will not come
    users = {u for u in users if u.pk != actor_id}  # nobody is told of their own action
    recipients = wanted(users, event)
    if not recipients:
        return 0
    subject, body = message_for(positioning, event)
    send_mail(f"[Relais] {subject}", f"{body}\n\n{_url(positioning)}", None, [u.email for u in recipients])
    return len(recipients)
