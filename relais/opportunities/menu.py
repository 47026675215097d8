"""Navigation entry and home section of the opportunities."""

import datetime

from django.db.models import Exists, F, OuterRef
from django.urls import reverse

from relais.core.home import HOME_SECTIONS, HomeSection, WorkItem
from relais.core.menu import register
from relais.core.words import plural
from relais.opportunities.enums import OpportunityStatus
from relais.opportunities.models import Delivery
from relais.opportunities.selectors import (
    available_views,
    network_opportunities,
    published_opportunities,
    received_opportunities,
)

register(35, "Opportunités", "opportunities:list", lambda scope: bool(available_views(scope)))

CLOSING_SOON_DAYS = 7
LISTED = 3  # offers named one by one in a section; the rest is behind its link


def unread_sentence(count: int) -> str:
    if count == 0:
        return "Vous avez lu toutes les opportunités diffusées à votre Mission Locale."
    if count == 1:
        return "1 opportunité diffusée à votre Mission Locale que vous n'avez pas encore lue"
    return f"{count} opportunités diffusées à votre Mission Locale que vous n'avez pas encore lues"


def _received_items(scope) -> list[WorkItem]:
    unread = (
        received_opportunities(scope).filter(read_by_me=False, status=OpportunityStatus.PUBLISHED).count()
    )
    url = reverse("opportunities:list") + "?vue=recues&unread=on"
    return [WorkItem(unread_sentence(unread), url, count=unread, urgent=unread > 0)] if unread else []


def _coordinator_items(scope) -> list[WorkItem]:
    """Needs waiting for diffusion, and diffused offers the Missions Locales' CREs have not read yet."""
    network = network_opportunities(scope).filter(status=OpportunityStatus.PUBLISHED)
    waiting = network.exclude(Exists(Delivery.objects.filter(opportunity=OuterRef("pk")))).count()
    items = []
    if waiting:
        items.append(
            WorkItem(
                plural(
                    waiting,
                    "besoin publié en attente de diffusion",
                    "besoins publiés en attente de diffusion",
                ),
                reverse("opportunities:list") + "?vue=reseau",
                count=waiting,
                urgent=True,
            )
        )
    # From the list's own per-offer counts (correlated subqueries on the delivery index), not a join of every
    # delivery of the region grouped by offer: flat in the region's deliveries.
    unread = (
        network.annotate(unread=F("delivery_count") - F("read_count"))
        .filter(unread__gt=0)
        .order_by("-unread", "-pk")[:LISTED]
    )
    for opportunity in unread:
        items.append(
            WorkItem(
                f"« {opportunity.display_title} » : {opportunity.unread} / {opportunity.delivery_count} non lue"
                f"{'s' if opportunity.unread > 1 else ''} par les CRE",
                reverse("opportunities:detail", args=[opportunity.pk]) + "?tri=lecture",
            )
        )
    return items


def _publisher_items(scope, today) -> list[WorkItem]:
    mine = published_opportunities(scope)
    items = []
    drafts = mine.filter(status=OpportunityStatus.DRAFT).count()
    if drafts:
        items.append(
            WorkItem(
                plural(drafts, "brouillon à publier", "brouillons à publier"),
                reverse("opportunities:list") + "?vue=publiees&status=draft",
                count=drafts,
            )
        )
    closing = mine.filter(
        status=OpportunityStatus.PUBLISHED,
        closing_date__gte=today,
        closing_date__lte=today + datetime.timedelta(days=CLOSING_SOON_DAYS),
    ).order_by("closing_date", "pk")[:LISTED]
    for opportunity in closing:
        items.append(
            WorkItem(
                f"« {opportunity.display_title} » : candidatures jusqu'au {opportunity.closing_date:%d/%m/%Y}",
                reverse("opportunities:detail", args=[opportunity.pk]),
                urgent=True,
                count=1,
            )
        )
    return items


@HOME_SECTIONS.register
def home_section(scope, today):
    views = dict(available_views(scope))
    if not views:
        return None
    items = []
    if "recues" in views:
        items += _received_items(scope)
    if "reseau" in views and (scope.coordinated_network_ids or scope.is_platform):
        items += _coordinator_items(scope)
    if "publiees" in views:
        items += _publisher_items(scope, today)
    return HomeSection(
        "Opportunités",
        order=20,
        items=tuple(items),
        url=reverse("opportunities:list"),
        link_label="Voir les opportunités",
        empty="Rien n'attend de votre part sur les opportunités.",
    )
