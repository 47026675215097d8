"""E-mails of the API: a token of the organisation expires soon (30 and 15 days before, once each)."""

from django.urls import reverse

from relais.api.models import ApiToken
from relais.api.tokens import TOKEN_MANAGER_ROLES
from relais.core.notifications import Notification, absolute, register
from relais.organizations.models import Membership


@register
class ApiTokenExpiring(Notification):
    """Told to the organisation's coordinators and managers, who alone can create the next token."""

    code = "api.token_expiring"
    section = "API"
    label = "Expiration prochaine d'un jeton d'API de mon organisation (coordinateurs et responsables)"
    # A tool that silently stops calling is what the notice prevents: it cannot be turned off.
    optional = False
    model = ApiToken

    @classmethod
    def queryset(cls):
        return ApiToken.objects.select_related("organization")

    @classmethod
    def snapshot(cls, obj) -> dict:
        return {"expires_on": obj.expires_at.date().isoformat()}

    def recipients(self):
        return {
            membership.person.user
            for membership in Membership.objects.filter(
                organization_id=self.obj.organization_id,
                role__in=TOKEN_MANAGER_ROLES,
                is_active=True,
                person__user__is_active=True,
            ).select_related("person__user")
        }

    def url(self) -> str:
        return absolute(reverse("api:token_detail", args=[self.obj.pk]))
