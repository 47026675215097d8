"""E-mails of the webhooks: an endpoint was disabled after repeated failed deliveries."""

from django.urls import reverse

from relais.core.notifications import Notification, absolute, register
from relais.organizations.models import Membership
from relais.webhooks.models import WebhookEndpoint


@register
class WebhookEndpointDisabled(Notification):
    """Told to whoever registered the endpoint and to the organisation's coordinators and managers."""

    code = "webhooks.endpoint_disabled"
    section = "API"
    label = "Désactivation d'un webhook de mon organisation après des échecs répétés (coordinateurs et responsables)"
    # The organisation's system stops hearing of events: the notice cannot be turned off.
    optional = False
    tells_actor = True
    model = WebhookEndpoint

    @classmethod
    def queryset(cls):
        return WebhookEndpoint.objects.select_related("organization")

    @classmethod
    def snapshot(cls, obj) -> dict:
        return {"failures": obj.consecutive_failures}

    def recipients(self):
        from relais.webhooks.services import ENDPOINT_MANAGER_ROLES

        managers = {
            membership.person.user
            for membership in Membership.objects.filter(
                organization_id=self.obj.organization_id,
                role__in=ENDPOINT_MANAGER_ROLES,
                is_active=True,
                person__user__is_active=True,
            ).select_related("person__user")
        }
        return managers | ({self.obj.created_by} if self.obj.created_by_id else set())

    def url(self) -> str:
        return absolute(reverse("webhooks:detail", args=[self.obj.pk]))
