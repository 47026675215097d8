"""E-mails of the mentoring: the reminder of a follow-up interview due, to the counsellor who created it."""

from django.urls import reverse

from relais.core.notifications import Notification, absolute, register
from relais.mentoring.models import FollowUp


@register
class FollowUpDue(Notification):
    """Recorded once per follow-up by the periodic job (its key names the follow-up's kind)."""

    code = "mentoring.follow_up_due"
    section = "Parrainage"
    label = "Entretien de suivi d'un parrainage à réaliser (conseiller·ère qui a créé le parrainage)"
    model = FollowUp
    tells_actor = True

    @classmethod
    def queryset(cls):
        return FollowUp.objects.select_related("mentorship__mentor__person")

    def recipients(self):
        creator = self.obj.mentorship.created_by
        return [creator] if creator is not None else []

    def url(self) -> str:
        return absolute(reverse("mentoring:mentorship_detail", args=[self.obj.mentorship_id]))

    def context(self, recipient) -> dict:
        # The young person's name stays out of the e-mail: the page shows it to the one who may read it.
        return {
            "follow_up": self.obj,
            "mentorship": self.obj.mentorship,
            "mentor": self.obj.mentorship.mentor,
        }
