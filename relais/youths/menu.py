"""Navigation entry and home section of the young people's records."""

import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse

from relais.core.home import HOME_SECTIONS, HomeSection, WorkItem
from relais.core.menu import register
from relais.core.words import plural
from relais.youths.selectors import has_youth_access, youths_visible_to

register(50, "Jeunes", "youths:list", has_youth_access)


@HOME_SECTIONS.register
def home_section(scope, today):
    if not has_youth_access(scope):
        return None
    renew_before = today - datetime.timedelta(days=30 * settings.RELAIS_CONSENT_RENEWAL_MONTHS)
    counts = (
        youths_visible_to(scope)
        .filter(archived_at__isnull=True)
        .aggregate(
            followed=Count("pk"),
            no_consent=Count("pk", filter=Q(consent_given_at__isnull=True)),
            to_renew=Count("pk", filter=Q(consent_given_at__lt=renew_before)),
        )
    )
    url = reverse("youths:list")
    items = [
        WorkItem(plural(counts["followed"], "jeune suivi", "jeunes suivis"), url, count=counts["followed"])
    ]
    if counts["no_consent"]:
        items.append(
            WorkItem(
                plural(
                    counts["no_consent"],
                    "jeune sans consentement recueilli",
                    "jeunes sans consentement recueilli",
                ),
                url,
                count=counts["no_consent"],
                detail="Sans consentement, un jeune ne peut être proposé à aucun partenaire.",
            )
        )
    if counts["to_renew"]:
        items.append(
            WorkItem(
                plural(
                    counts["to_renew"],
                    "consentement recueilli il y a plus d'un an, à renouveler",
                    "consentements recueillis il y a plus d'un an, à renouveler",
                ),
                url,
                count=counts["to_renew"],
                urgent=True,
            )
        )
    return HomeSection("Jeunes suivis", order=40, items=tuple(items), url=url, link_label="Voir les jeunes")
