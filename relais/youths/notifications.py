"""E-mails about young people's records: the notice of a coming anonymisation (retention)."""

from django.urls import reverse

from relais.core.notifications import Notification, absolute, register
from relais.core.scope import acting_referents
from relais.organizations.enums import Role
from relais.organizations.models import Membership
from relais.youths.models import Youth


def retention_recipients(youth: Youth) -> set:
    """The youth's counsellor and their Mission Locale's partner referents (its CREs when none can act)."""
    users = set()
    counsellor = youth.counsellor
    if counsellor is not None and counsellor.user_id and counsellor.user.is_active:
        users.add(counsellor.user)
    referents = {
        r.person.user
        for r in acting_referents()
        .filter(mission_locale_id=youth.mission_locale_id)
        .select_related("person__user")
    }
    if not referents:
        referents = {
            m.person.user
            for m in Membership.objects.filter(
                organization_id=youth.mission_locale_id,
                role=Role.CRE,
                is_active=True,
                person__user__is_active=True,
            ).select_related("person__user")
        }
    return users | referents


@register
class YouthRetentionNotice(Notification):
    """Sent once per record and inactivity cycle, `RELAIS_RETENTION_NOTICE_DAYS` before the anonymisation."""

    code = "youths.retention_notice"
    section = "Jeunes"
    label = "Anonymisation prochaine d'une fiche jeune inactive (conseillers, référents et CRE)"
    # The Mission Locale must be able to object (new activity keeps the record): it cannot be turned off.
    optional = False
    model = Youth

    @classmethod
    def queryset(cls):
        return Youth.objects.select_related("mission_locale")

    def recipients(self):
        return retention_recipients(self.obj)

    def url(self) -> str:
        return absolute(reverse("youths:detail", args=[self.obj.pk]))

    def context(self, recipient) -> dict:
        # Ids, never the name: the e-mail leaves the platform; the link shows the record to those who may see it.
        return {"youth_number": self.obj.pk, "mission_locale": self.obj.mission_locale}
