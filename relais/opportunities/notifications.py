"""E-mails of the opportunities: a diffusion tells the CREs of the Missions Locales that received it."""

from django.urls import reverse

from relais.core.notifications import Notification, absolute, register
from relais.opportunities.models import Delivery, Diffusion
from relais.opportunities.selectors import cre_memberships


def _deliveries(ids):
    return (
        Delivery.objects.filter(pk__in=ids)
        .select_related(
            "opportunity__rome_title",
            "opportunity__commune",
            "opportunity__publisher",
            "mission_locale",
            "diffusion__by",
        )
        .order_by("opportunity__start_date", "pk")
    )


def _rows(deliveries) -> list[dict]:
    return [
        {
            "opportunity": delivery.opportunity,
            "mission_locale": delivery.mission_locale,
            # The coordinator's message travels with the offer to the CREs (e-mail, digest, page).
            "note": delivery.diffusion.note if delivery.diffusion_id else "",
            "by": delivery.diffusion.by if delivery.diffusion_id else None,
            "url": absolute(reverse("opportunities:detail", args=[delivery.opportunity_id])),
        }
        for delivery in deliveries
    ]


@register
class OpportunityDiffused(Notification):
    """One diffusion, as each CRE receives it: the opportunity for each of their Missions Locales reached."""

    code = "opportunities.diffused"
    section = "Opportunités"
    label = "Opportunités diffusées à ma Mission Locale (chargés de relations entreprises)"
    immediate_label = "Un e-mail à chaque offre reçue"
    digest = True
    digest_title = "Opportunités diffusées à votre Mission Locale"
    tells_actor = True
    model = Diffusion

    def _deliveries_by_user(self) -> dict:
        if not hasattr(self, "_by_user"):
            by_ml = dict(self.obj.deliveries.values_list("mission_locale_id", "pk"))
            self._by_user: dict = {}
            for membership in cre_memberships(list(by_ml)):
                self._by_user.setdefault(membership.person.user, set()).add(by_ml[membership.organization_id])
        return self._by_user

    def recipients(self):
        return set(self._deliveries_by_user())

    def recipient_data(self, user) -> dict:
        return {"deliveries": sorted(self._deliveries_by_user().get(user, ()))}

    def url(self) -> str:
        return absolute(reverse("opportunities:detail", args=[self.obj.opportunity_id]))

    def context(self, recipient) -> dict:
        return {"rows": _rows(_deliveries(self.data.get("deliveries", [])))}

    @classmethod
    def digest_entries(cls, items) -> list[dict]:
        ids = {pk for item in items for pk in item.data.get("deliveries", [])}
        return _rows(_deliveries(ids))

    @classmethod
    def digest_summary(cls, count: int) -> str:
        return f"{count} opportunité(s) reçue(s)"
