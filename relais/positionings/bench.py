"""Measurements of the positioning pipeline for `python -m relais.bench`: suggestions, the referent's, the
partner's and the counsellor's pages. The positionings come from the generator (relais/bench/gen_youths.py)."""

from django.db.models import Count
from django.urls import reverse

from relais.accounts.models import User
from relais.bench.registry import PageRequest, register
from relais.core.scope import Scope
from relais.opportunities.enums import OpportunityStatus
from relais.opportunities.models import Delivery, Opportunity
from relais.positionings.suggestions import suggest_opportunities, suggest_youths
from relais.territories.selectors import bounding_box
from relais.youths.models import Youth


def _fresh(user) -> Scope:
    # A new user and Scope per call, as a request builds them: nothing computed earlier flatters the timings.
    return Scope.for_user(User.objects.get(pk=user.pk))


def _busiest_opportunity(data) -> Opportunity:
    """Of the open opportunities the Mission Locale received near it, the one whose ROME domain the most of
    its young people seek (the worst case of the ranking)."""
    through = Youth.sought_titles.through
    wanted = dict(
        through.objects.filter(youth__mission_locale=data.mission_locale)
        .values_list("rometitle__family__code")
        .annotate(n=Count("youth_id", distinct=True))
        .values_list("rometitle__family__code", "n")
    )
    received = Delivery.objects.filter(mission_locale=data.mission_locale).values("opportunity_id")
    candidates = Opportunity.objects.filter(
        pk__in=received, status=OpportunityStatus.PUBLISHED
    ).select_related("rome_title__family", "commune")
    home = data.mission_locale.commune
    if home is not None and home.latitude is not None:
        (lat_min, lat_max), (lon_min, lon_max) = bounding_box(home.latitude, home.longitude, 30)
        near = candidates.filter(
            commune__latitude__range=(lat_min, lat_max), commune__longitude__range=(lon_min, lon_max)
        )
        candidates = near if near.exists() else candidates
    pool = list(candidates[:2000]) or list(
        Opportunity.objects.filter(pk__in=received).select_related("rome_title__family", "commune")[:2000]
    )
    return max(
        pool,
        key=lambda o: (
            sum(n for code, n in wanted.items() if code[:3] == o.rome_title.family.code[:3]),
            -o.pk,
        ),
    )


@register(
    "suggestions_for_opportunity", "Suggestions de jeunes pour une opportunité (sélecteur)", target_ms=200
)
def suggestions_for_opportunity(data):
    opportunity = _busiest_opportunity(data)

    def run():
        # No limit: every match is scored and returned, the worst case of the ranking.
        return suggest_youths(
            _fresh(data.counsellor),
            Opportunity.objects.select_related("rome_title__family", "commune").get(pk=opportunity.pk),
            limit=10_000,
        )

    return run


@register("suggestions_for_youth", "Suggestions d'opportunités pour un jeune (sélecteur)", target_ms=200)
def suggestions_for_youth(data):
    youth = (
        Youth.objects.filter(mission_locale=data.mission_locale, consent_given_at__isnull=False)
        .order_by("-max_distance_km", "pk")
        .first()
    )

    def run():
        return suggest_opportunities(
            _fresh(data.counsellor), Youth.objects.select_related("commune").get(pk=youth.pk), limit=10_000
        )

    return run


@register("referent_page", "Page du référent : positionnements à traiter", target_ms=100)
def referent_page(data):
    return PageRequest(data.cre, reverse("positionings:referent"))


@register("partner_candidates", "Page partenaire : candidatures reçues", target_ms=100)
def partner_candidates(data):
    return PageRequest(data.recruiter, reverse("positionings:received"))


@register("counsellor_positionings", "Page conseiller : positionnements (toute la ML)", target_ms=100)
def counsellor_positionings(data):
    return PageRequest(data.counsellor, reverse("positionings:mine") + "?tous=1&status=")


@register(
    "opportunity_suggestions_page", "Page « positionner sur une opportunité » (suggestions)", target_ms=200
)
def opportunity_suggestions_page(data):
    return PageRequest(
        data.counsellor, reverse("positionings:for_opportunity", args=[_busiest_opportunity(data).pk])
    )
