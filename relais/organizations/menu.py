"""Navigation entries and home sections of the network directory: coverage gaps, points d'accueil to complete."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from relais.conventions.enums import ConventionStatus
from relais.core.home import HOME_SECTIONS, HomeSection, WorkItem
from relais.core.menu import register
from relais.core.words import plural
from relais.organizations.enums import OrganizationKind, Role
from relais.organizations.models import Organization, PartnerReferent
from relais.organizations.selectors import referent_managed_missions_locales

register(20, "Missions Locales", "organizations:ml_list")
register(30, "Partenaires", "organizations:partner_list")
register(40, "Couverture des référents", "organizations:coverage")

RUNNING = [ConventionStatus.SIGNED, ConventionStatus.ACTIVE, ConventionStatus.REVIEW_DUE]
LISTED = 3


def _coverage_items(scope) -> list[WorkItem]:
    """For an ARML coordinator: per partner network it runs a convention with, the Missions Locales of its region
    that have no referent for one of the network's members."""
    networks = Organization.objects.filter(pk__in=scope.coordinated_network_ids, kind=OrganizationKind.ARML)
    items = []
    for arml in networks.select_related("region")[:LISTED]:
        heads = (
            Organization.objects.filter(
                kind=OrganizationKind.NETWORK_HEAD,
                convention_parties__convention__parties__organization=arml,
                convention_parties__convention__status__in=RUNNING,
                children__isnull=False,
            )
            .distinct()
            .order_by("name")[:LISTED]
        )
        for head in heads:
            members = Organization.objects.filter(parent=head, is_active=True)
            member_count = members.count()
            gaps = (
                Organization.objects.filter(
                    kind=OrganizationKind.MISSION_LOCALE, is_active=True, region_id=arml.region_id
                )
                .annotate(
                    named=Count(
                        "partner_referents",
                        filter=Q(partner_referents__partner__in=members),
                        distinct=True,
                    )
                )
                .filter(named__lt=member_count)
                .count()
            )
            if gaps:
                items.append(
                    WorkItem(
                        plural(
                            gaps,
                            f"Mission Locale sans référent pour un membre de {head}",
                            f"Missions Locales sans référent pour un membre de {head}",
                        ),
                        reverse("organizations:coverage") + f"?network={head.pk}&region={arml.region.code}",
                        count=gaps,
                        urgent=True,
                    )
                )
    return items


def _own_mission_locales(scope) -> frozenset[int]:
    """The Missions Locales the principal works in as a manager or CRE (not every one below an ARML)."""
    return scope.organization_ids_with(
        {Role.DIRECTOR, Role.COORDINATOR, Role.ADMINISTRATOR, Role.CRE},
        kinds={OrganizationKind.MISSION_LOCALE},
    )


def _manager_items(scope, own) -> list[WorkItem]:
    """For a Mission Locale's managers: points d'accueil without a phone, partners sending offers without a
    named referent."""
    from relais.opportunities.models import Delivery

    items = []
    for ml in referent_managed_missions_locales(scope).filter(pk__in=own).order_by("name")[:LISTED]:
        url = reverse("organizations:detail", args=[ml.pk])
        sites = ml.sites.aggregate(total=Count("pk"), no_phone=Count("pk", filter=Q(phone="")))
        if not sites["total"]:
            items.append(WorkItem(f"{ml} : aucun point d'accueil renseigné", url, count=1, urgent=True))
        elif sites["no_phone"]:
            items.append(
                WorkItem(
                    f"{ml} : "
                    + plural(
                        sites["no_phone"], "point d'accueil sans téléphone", "points d'accueil sans téléphone"
                    ),
                    url,
                    count=sites["no_phone"],
                )
            )
        unnamed = (
            Organization.objects.filter(
                Exists(Delivery.objects.filter(mission_locale=ml, opportunity__publisher=OuterRef("pk")))
            )
            .exclude(Exists(PartnerReferent.objects.filter(mission_locale=ml, partner=OuterRef("pk"))))
            .count()
        )
        if unnamed:
            items.append(
                WorkItem(
                    f"{ml} : "
                    + plural(
                        unnamed,
                        "partenaire qui vous diffuse des offres sans référent nommé",
                        "partenaires qui vous diffusent des offres sans référent nommé",
                    ),
                    url,
                    count=unnamed,
                    urgent=True,
                )
            )
    return items


@HOME_SECTIONS.register
def home_section(scope, today):
    own = _own_mission_locales(scope)
    items = _coverage_items(scope) + _manager_items(scope, own)
    if not items and not (scope.coordinated_network_ids or own):
        return None
    return HomeSection(
        "Annuaire et référents",
        order=50,
        items=tuple(items),
        url=reverse("organizations:coverage"),
        link_label="Voir la couverture des référents",
        empty="Les référents et les points d'accueil de votre réseau sont renseignés.",
    )


@HOME_SECTIONS.register
def directory_section(scope, today):
    if not scope.is_authenticated:
        return None
    return HomeSection(
        "Annuaire du réseau",
        order=90,
        items=(
            WorkItem("Rechercher une Mission Locale", reverse("organizations:ml_list")),
            WorkItem("Rechercher un partenaire", reverse("organizations:partner_list")),
        ),
    )
