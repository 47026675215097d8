"""Suggestions: young people for an opportunity, opportunities for a young person, each with its reasons.

Filtering happens in SQL (same professional domain of the ROME, age 16–25, bounding box around the place,
not already positioned); the reduced set is scored in Python, where distances and reasons are computed.
"""

import datetime
import math
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from relais.core.scope import Scope
from relais.jobs.models import RomeTitle
from relais.opportunities.enums import OpportunityStatus
from relais.opportunities.models import Opportunity
from relais.opportunities.selectors import opportunities_visible_to
from relais.positionings.enums import PositioningStatus
from relais.positionings.models import Positioning
from relais.positionings.outcomes import current_outcomes
from relais.territories.selectors import bounding_box, distance_km
from relais.youths.models import MAX_AGE, MIN_AGE, Youth

# Mobility assumed when the record says nothing, and the widest radius ever searched.
DEFAULT_MOBILITY_KM = 30
MAX_SEARCH_KM = 150
SCORE_SAME_TITLE = 100
SCORE_SAME_FAMILY = 80
SCORE_NEIGHBOUR_FAMILY = 40
SCORE_DISTANCE = 30
SCORE_PRIORITY_PUBLIC = 10
# Short French names of the priority publics, as the reasons show them.
PUBLIC_SHORT_LABELS = {
    "qpv_resident": "QPV",
    "rqth": "RQTH",
    "cej_beneficiary": "CEJ",
    "school_dropout": "décrocheur scolaire",
    "no_diploma": "sans diplôme",
}
FLAGS = tuple(PUBLIC_SHORT_LABELS)


@dataclass
class Suggestion:
    obj: object  # a Youth or an Opportunity
    score: float
    reasons: list[str] = field(default_factory=list)
    distance_km: float | None = None


def birth_date_bounds(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Birth dates of people aged MIN_AGE to MAX_AGE on `today` (inclusive bounds)."""

    def years_before(years: int) -> datetime.date:
        try:
            return today.replace(year=today.year - years)
        except ValueError:  # 29 February
            return today.replace(year=today.year - years, day=28)

    youngest = years_before(MIN_AGE)
    oldest = years_before(MAX_AGE + 1) + datetime.timedelta(days=1)
    return oldest, youngest


def _job_match(titles, target_title_id: int, target_family: str) -> tuple[int, str]:
    """Best match between sought titles [(id, label, family code)] and the target; (score, reason)."""
    best = (0, "")
    for title_id, label, family in titles:
        if title_id == target_title_id:
            candidate = (SCORE_SAME_TITLE, f"Même métier recherché : {label}")
        elif family == target_family:
            candidate = (SCORE_SAME_FAMILY, f"Même métier recherché : {label} (fiche {family})")
        elif family[:3] == target_family[:3]:
            candidate = (SCORE_NEIGHBOUR_FAMILY, f"Métier voisin : {label} (fiche {family})")
        else:
            continue
        best = max(best, candidate, key=lambda item: item[0])
    return best


def _distance_part(youth_point, place_point, mobility: int | None):
    """(kept, score, reason, km): a place beyond the young person's mobility is not suggested."""
    km = distance_km(youth_point, place_point)
    limit = mobility if mobility is not None else DEFAULT_MOBILITY_KM
    if km is None:
        return True, 0.0, "Distance inconnue (commune sans coordonnées)", None
    if km > limit:
        return False, 0.0, "", km
    score = SCORE_DISTANCE * (1 - km / limit) if limit else SCORE_DISTANCE
    shown = "moins de 1 km" if km < 1 else f"{round(km)} km"
    mobility_text = (
        f"mobilité {limit} km" if mobility is not None else f"mobilité non renseignée, {limit} km retenus"
    )
    return True, score, f"À {shown} ({mobility_text})", km


def _public_part(flags: dict, welcomed) -> tuple[float, list[str]]:
    reasons = [
        f"Public prioritaire accueilli : {PUBLIC_SHORT_LABELS[code]}"
        for code in FLAGS
        if code in welcomed and flags.get(code)
    ]
    return SCORE_PRIORITY_PUBLIC * len(reasons), reasons


def _near_or_unplaced(place, km: float) -> Q:
    """Rows whose commune lies in the box around `place`, or has no coordinates (kept, distance unknown)."""
    lat_range, lon_range = bounding_box(place.latitude, place.longitude, km)
    return Q(commune__latitude__range=lat_range, commune__longitude__range=lon_range) | Q(
        commune__latitude__isnull=True
    )


def _point(lat, lon):
    return SimpleNamespace(latitude=lat, longitude=lon)


def _domain_titles(family: str):
    """The ROME titles of the family's professional domain (its first three characters), a referential read."""
    return RomeTitle.objects.filter(family__code__startswith=family[:3]).values("pk")


def suggest_youths(
    scope: Scope, opportunity: Opportunity, *, limit: int = 20, today: datetime.date | None = None
):
    """The principal's Mission Locale young people ranked for this opportunity."""
    today = today or timezone.localdate()
    ml_ids = scope.mission_locale_ids
    if not ml_ids:
        return []
    title = opportunity.rome_title
    family = title.family.code
    oldest, youngest = birth_date_bounds(today)
    through = Youth.sought_titles.through
    # Without youth__isnull, NOT IN a list holding a NULL (an anonymised positioning) would exclude everyone.
    positioned = Positioning.objects.filter(opportunity=opportunity, youth__isnull=False).exclude(
        status=PositioningStatus.CANCELLED
    )
    qs = (
        Youth.objects.filter(
            # Only the young people of the user's Missions Locales that received the opportunity can be proposed.
            Q(mission_locale_id__in=ml_ids)
            & Q(mission_locale_id__in=opportunity.deliveries.values("mission_locale_id")),
            archived_at__isnull=True,
            consent_given_at__isnull=False,
            consent_given_at__lte=today,
            birth_date__range=(oldest, youngest),
        )
        .filter(
            # Probes of the (youth, title) index for the ML's young people, with the titles of the domain resolved
            # in the small ROME referential: never a LIKE over the national youth–title table.
            Exists(through.objects.filter(youth_id=OuterRef("pk"), rometitle_id__in=_domain_titles(family))),
        )
        .exclude(pk__in=positioned.values("youth_id"))
    )
    # A young person already hired or in training is not suggested (a counsellor may still propose them).
    qs = qs.exclude(Exists(current_outcomes(today).filter(youth_id=OuterRef("pk"))))
    place = opportunity.commune
    if place.latitude is not None and place.longitude is not None:
        qs = qs.filter(_near_or_unplaced(place, MAX_SEARCH_KM))
    rows = list(qs.values("pk", "max_distance_km", "commune__latitude", "commune__longitude", *FLAGS))
    if not rows:
        return []
    titles: dict[int, list] = {}
    for youth_id, title_id, label, fam in through.objects.filter(
        youth_id__in=[row["pk"] for row in rows], rometitle_id__in=_domain_titles(family)
    ).values_list("youth_id", "rometitle_id", "rometitle__label", "rometitle__family__code"):
        titles.setdefault(youth_id, []).append((title_id, label, fam))
    welcomed = set(opportunity.priority_publics or [])
    place_point = _point(place.latitude, place.longitude)
    scored = []
    for row in rows:
        job_score, job_reason = _job_match(titles.get(row["pk"], []), title.pk, family)
        if not job_score:
            continue
        kept, distance_score, distance_reason, km = _distance_part(
            _point(row["commune__latitude"], row["commune__longitude"]), place_point, row["max_distance_km"]
        )
        if not kept:
            continue
        public_score, public_reasons = _public_part(row, welcomed)
        reasons = [job_reason, distance_reason, *public_reasons]
        scored.append(Suggestion(row["pk"], round(job_score + distance_score + public_score, 1), reasons, km))
    return _top(scored, limit, Youth.objects.select_related("commune", "counsellor"))


def suggest_opportunities(scope: Scope, youth: Youth, *, limit: int = 20, today: datetime.date | None = None):
    """Open opportunities visible to the principal ranked for this young person (none outside 16–25)."""
    today = today or timezone.localdate()
    if not MIN_AGE <= youth.age_on(today) <= MAX_AGE:
        return []
    sought = [(t.pk, t.label, t.family.code) for t in youth.sought_titles.select_related("family")]
    if not sought:
        return []
    domains = Q()
    for domain in {fam[:3] for _, _, fam in sought}:
        domains |= Q(rome_title__family__code__startswith=domain)
    positioned = Positioning.objects.filter(youth=youth).exclude(status=PositioningStatus.CANCELLED)
    qs = (
        opportunities_visible_to(scope)
        .filter(domains, status=OpportunityStatus.PUBLISHED)
        .filter(Q(closing_date__isnull=True) | Q(closing_date__gte=today))
        .exclude(pk__in=positioned.values("opportunity_id"))
    )
    home = youth.commune
    mobility = youth.max_distance_km if youth.max_distance_km is not None else DEFAULT_MOBILITY_KM
    if home.latitude is not None and home.longitude is not None:
        qs = qs.filter(_near_or_unplaced(home, min(mobility, MAX_SEARCH_KM)))
    rows = list(
        qs.values(
            "pk",
            "rome_title_id",
            "rome_title__family__code",
            "commune__latitude",
            "commune__longitude",
            "priority_publics",
        )
    )
    flags = {code: getattr(youth, code) for code in FLAGS}
    home_point = _point(home.latitude, home.longitude)
    scored = []
    for row in rows:
        job_score, job_reason = _job_match(sought, row["rome_title_id"], row["rome_title__family__code"])
        if not job_score:
            continue
        kept, distance_score, distance_reason, km = _distance_part(
            home_point, _point(row["commune__latitude"], row["commune__longitude"]), youth.max_distance_km
        )
        if not kept:
            continue
        public_score, public_reasons = _public_part(flags, set(row["priority_publics"] or []))
        reasons = [job_reason, distance_reason, *public_reasons]
        scored.append(Suggestion(row["pk"], round(job_score + distance_score + public_score, 1), reasons, km))
    return _top(
        scored,
        limit,
        Opportunity.objects.select_related("rome_title", "rome_title__family", "commune", "publisher"),
    )


def _top(scored: list[Suggestion], limit: int, queryset) -> list[Suggestion]:
    scored.sort(key=lambda s: (-s.score, s.distance_km if s.distance_km is not None else math.inf, s.obj))
    top = scored[:limit]
    objects = queryset.in_bulk([s.obj for s in top])
    for suggestion in top:
        suggestion.obj = objects[suggestion.obj]
    return top
