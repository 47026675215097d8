"""E-mails of accounts: a membership suggested by a ProConnect login (to the organisation's managers), and its
decision (to the person)."""

from django.urls import reverse

from relais.accounts.models import MembershipSuggestion
from relais.core.notifications import Notification, absolute, register


def organization_managers(organization):
    """Active accounts directing, coordinating or administering the organisation, else its parent's (a GEIQ
    without a manager of its own is managed by its network head's coordinators)."""
    from relais.accounts.models import User
    from relais.core.scope import MANAGER_ROLES

    for candidate in (organization, organization.parent):
        if candidate is None:
            continue
        managers = User.objects.filter(
            is_active=True,
            person__memberships__organization=candidate,
            person__memberships__role__in=MANAGER_ROLES,
            person__memberships__is_active=True,
        ).distinct()
        if managers.exists():
            return managers
    return User.objects.none()


@register
class MembershipSuggested(Notification):
    code = "accounts.membership_suggested"
    section = "Comptes"
    label = "Rattachement à votre organisation proposé par une connexion ProConnect (responsables)"
    model = MembershipSuggestion

    @classmethod
    def queryset(cls):
        return MembershipSuggestion.objects.select_related("user", "organization")

    def recipients(self):
        return list(organization_managers(self.obj.organization))

    def url(self) -> str:
        return absolute(reverse("accounts:proconnect_suggestions"))


@register
class MembershipSuggestionDecided(Notification):
    code = "accounts.membership_suggestion_decided"
    section = "Comptes"
    label = "Réponse à votre rattachement proposé par ProConnect"
    model = MembershipSuggestion

    @classmethod
    def queryset(cls):
        return MembershipSuggestion.objects.select_related("user", "organization", "membership")

    def recipients(self):
        return [self.obj.user]

    def url(self) -> str:
        return absolute(reverse("core:home"))
