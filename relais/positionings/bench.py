"""Measurements of the positioning pipeline for `python -m relais.bench`: suggestions, referent and partner pages.

The generated data has no positionings; the first measurement adds a deterministic set (statuses spread along
the pipeline, their transition log) so that the referent's and the partner's pages have rows to show.
"""

import datetime
import random

from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from relais.accounts.models import User
from relais.bench.registry import PageRequest, register
from relais.core.scope import Scope
from relais.jobs.models import ContractType
from relais.opportunities.models import Opportunity
from relais.positionings.enums import OPEN_STATUSES, NotRetainedReason, PositioningStatus
from relais.positionings.facts import countable_facts_of
from relais.positionings.models import Positioning, PositioningTransition
from relais.positionings.suggestions import suggest_opportunities, suggest_youths
from relais.territories.selectors import bounding_box
from relais.youths.models import Youth

S = PositioningStatus
POSITIONINGS = 3000
# Share of positionings on the first partner's opportunities (the partner whose recruiter is measured).
FIRST_PARTNER_SHARE = 0.25
# (status, weight, path of statuses from "proposed")
SPREAD = [
    (S.PROPOSED, 25, []),
    (S.RETURNED, 4, [S.RETURNED]),
    (S.TRANSMITTED, 18, [S.TRANSMITTED]),
    (S.ACKNOWLEDGED, 10, [S.TRANSMITTED, S.ACKNOWLEDGED]),
    (S.INTERVIEW_PLANNED, 10, [S.TRANSMITTED, S.INTERVIEW_PLANNED]),
    (S.HIRED, 10, [S.TRANSMITTED, S.ACKNOWLEDGED, S.HIRED]),
    (S.ENTERED_TRAINING, 5, [S.TRANSMITTED, S.ENTERED_TRAINING]),
    (S.NOT_RETAINED, 10, [S.TRANSMITTED, S.NOT_RETAINED]),
    (S.CANCELLED, 5, [S.CANCELLED]),
    (S.EXPIRED, 3, [S.TRANSMITTED, S.EXPIRED]),
]
NAMES = {
    S.RETURNED: "send_back",
    S.TRANSMITTED: "transmit",
    S.ACKNOWLEDGED: "acknowledge",
    S.INTERVIEW_PLANNED: "plan_interview",
    S.HIRED: "hire",
    S.ENTERED_TRAINING: "enter_training",
    S.NOT_RETAINED: "not_retain",
    S.CANCELLED: "cancel",
    S.EXPIRED: "expire",
}


@transaction.atomic
def ensure_positionings(data, count: int = POSITIONINGS) -> int:
    """Add `count` positionings to the generated Mission Locale once (deterministic from the seed)."""
    existing = Positioning.objects.filter(mission_locale=data.mission_locale).count()
    if existing:
        return existing
    rng = random.Random(data.seed + 5)
    now = timezone.now()
    youths = {y.pk: y for y in Youth.objects.filter(pk__in=data.youth_ids, consent_given_at__isnull=False)}
    youth_ids = sorted(youths)
    opportunity_ids = sorted(data.opportunity_ids)
    first_partner = sorted(
        Opportunity.objects.filter(pk__in=opportunity_ids, publisher=data.partners[0]).values_list(
            "pk", flat=True
        )
    )
    contract = ContractType.objects.get_or_create(
        code="apprenticeship", defaults={"label": "Contrat d'apprentissage", "order": 3}
    )[0]
    statuses, weights = [s for s, _, _ in SPREAD], [w for _, w, _ in SPREAD]
    paths = {s: p for s, _, p in SPREAD}
    pairs, rows = set(), []
    while len(rows) < count:
        pool = first_partner if first_partner and rng.random() < FIRST_PARTNER_SHARE else opportunity_ids
        pair = (rng.choice(youth_ids), rng.choice(pool))
        if pair in pairs:
            continue
        pairs.add(pair)
        status = rng.choices(statuses, weights)[0]
        proposed_at = now - datetime.timedelta(days=rng.randint(1, 120), minutes=rng.randint(0, 600))
        transmitted_at = (
            proposed_at + datetime.timedelta(days=rng.randint(0, 6))
            if S.TRANSMITTED in paths[status]
            else None
        )
        rows.append(
            Positioning(
                youth_id=pair[0],
                opportunity_id=pair[1],
                **countable_facts_of(youths[pair[0]]),
                proposed_by=data.counsellor,
                status=status,
                proposed_at=proposed_at,
                transmitted_at=transmitted_at,
                closed_at=None if status in OPEN_STATUSES else proposed_at + datetime.timedelta(days=20),
                contract_type=contract if status == S.HIRED else None,
                start_date=(proposed_at + datetime.timedelta(days=30)).date() if status == S.HIRED else None,
                weekly_hours=35 if status == S.HIRED else None,
                not_retained_reason=NotRetainedReason.PROFILE_MISMATCH if status == S.NOT_RETAINED else "",
            )
        )
    created = Positioning.objects.bulk_create(rows, batch_size=500)
    log = []
    for positioning in created:
        at, previous = positioning.proposed_at, ""
        log.append(
            PositioningTransition(
                positioning=positioning,
                name="propose",
                from_status="",
                to_status=S.PROPOSED,
                by=data.counsellor,
                at=at,
            )
        )
        previous = S.PROPOSED
        for step in paths[positioning.status]:
            at = (
                positioning.transmitted_at
                if step == S.TRANSMITTED
                else at + datetime.timedelta(days=rng.randint(1, 9))
            )
            log.append(
                PositioningTransition(
                    positioning=positioning, name=NAMES[step], from_status=previous, to_status=step, at=at
                )
            )
            previous = step
    PositioningTransition.objects.bulk_create(log, batch_size=1000)
    return len(created)


def _fresh(user) -> Scope:
    # A new user and Scope per call, as a request builds them: nothing computed earlier flatters the timings.
    return Scope.for_user(User.objects.get(pk=user.pk))


def _busiest_opportunity(data) -> Opportunity:
    """Of the first opportunities, the one whose ROME domain the most young people seek (worst case)."""
    through = Youth.sought_titles.through
    wanted = dict(
        through.objects.filter(youth__mission_locale=data.mission_locale)
        .values_list("rometitle__family__code")
        .annotate(n=Count("youth_id", distinct=True))
        .values_list("rometitle__family__code", "n")
    )
    home = data.mission_locale.commune
    candidates = Opportunity.objects.filter(pk__in=data.opportunity_ids).select_related(
        "rome_title__family", "commune"
    )
    if home is not None and home.latitude is not None:
        # Near the Mission Locale, where most of its young people live and can go.
        (lat_min, lat_max), (lon_min, lon_max) = bounding_box(home.latitude, home.longitude, 15)
        candidates = candidates.filter(
            commune__latitude__range=(lat_min, lat_max), commune__longitude__range=(lon_min, lon_max)
        )
    return max(
        candidates,
        key=lambda o: (
            sum(n for code, n in wanted.items() if code[:3] == o.rome_title.family.code[:3]),
            -o.pk,
        ),
    )


@register("suggestions_for_opportunity", "Suggestions de jeunes pour une opportunité", target_ms=200)
def suggestions_for_opportunity(data):
    ensure_positionings(data)
    opportunity = _busiest_opportunity(data)

    def run():
        # No limit: every match is scored and returned, the worst case of the ranking.
        return suggest_youths(
            _fresh(data.counsellor),
            Opportunity.objects.select_related("rome_title__family", "commune").get(pk=opportunity.pk),
            limit=10_000,
        )

    return run


@register("suggestions_for_youth", "Suggestions d'opportunités pour un jeune", target_ms=200)
def suggestions_for_youth(data):
    ensure_positionings(data)
    youth = (
        Youth.objects.filter(pk__in=data.youth_ids, consent_given_at__isnull=False)
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
    ensure_positionings(data)
    return PageRequest(data.cre, reverse("positionings:referent"))


@register("partner_candidates", "Page partenaire : candidatures reçues", target_ms=100)
def partner_candidates(data):
    ensure_positionings(data)
    return PageRequest(data.recruiter, reverse("positionings:received"))


@register("counsellor_positionings", "Page conseiller : mes positionnements (toute la ML)", target_ms=100)
def counsellor_positionings(data):
    ensure_positionings(data)
    return PageRequest(data.counsellor, reverse("positionings:mine") + "?tous=1&status=")


@register(
    "opportunity_suggestions_page", "Page « positionner sur une opportunité » (suggestions)", target_ms=200
)
def opportunity_suggestions_page(data):
    ensure_positionings(data)
    return PageRequest(
        data.counsellor, reverse("positionings:for_opportunity", args=[_busiest_opportunity(data).pk])
    )
