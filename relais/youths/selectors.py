"""Reads of young people's records, always scoped to the Mission Locales of the acting Scope."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from relais.core.scope import NON_STAFF_ROLES, Scope
from relais.core.search import search_terms
from relais.jobs.models import RomeTitle
from relais.organizations.models import Organization, Person
from relais.youths.enums import PRIORITY_FLAGS, QualificationLevel
from relais.youths.models import Youth


def has_youth_access(scope: Scope) -> bool:
    """Staff of a Mission Locale (``scope.mission_locale_ids``, the one definition) read its young people."""
    return bool(scope.mission_locale_ids)


def youth_mission_locales(scope: Scope) -> QuerySet[Organization]:
    return Organization.objects.filter(pk__in=scope.mission_locale_ids).order_by("name")


def youths_visible_to(scope: Scope) -> QuerySet[Youth]:
    """Young people of the principal's Mission Locales only; platform staff get none (data stays in the ML).

    The platform's own jobs (``Scope.system()``) reach every record.
    """
    if scope.is_system:
        return Youth.objects.all()
    ml_ids = scope.mission_locale_ids
    if not ml_ids:
        return Youth.objects.none()
    return Youth.objects.filter(mission_locale_id__in=ml_ids)


def youth_for_user(scope: Scope, pk) -> Youth:
    try:
        return (
            youths_visible_to(scope)
            .select_related("mission_locale", "counsellor", "commune", "commune__department")
            .prefetch_related(Prefetch("sought_titles", queryset=RomeTitle.objects.select_related("family")))
            .get(pk=pk)
        )
    except (Youth.DoesNotExist, ValueError, TypeError):
        raise Http404("Ce jeune n'existe pas ou n'est pas suivi par votre Mission Locale.") from None


def counsellors_of(mission_locale_ids) -> QuerySet[Person]:
    """People who may follow young people: active members of the Mission Locales, observers excepted.

    Those holding a role that is not staff (see ``core.scope.NON_STAFF_ROLES``) are left out.
    """
    return (
        Person.objects.filter(
            memberships__organization_id__in=mission_locale_ids, memberships__is_active=True
        )
        .exclude(memberships__role__in=NON_STAFF_ROLES)
        .distinct()
        .order_by("last_name", "first_name")
    )


def youth_list(
    scope: Scope,
    *,
    query: str = "",
    counsellor_id: int | None = None,
    flags: list[str] | tuple = (),
    rome_family: str = "",
    include_archived: bool = False,
) -> QuerySet[Youth]:
    """The list page's rows: searched, filtered, with everything the row shows loaded in constant queries."""
    qs = youths_visible_to(scope)
    if not include_archived:
        qs = qs.filter(archived_at__isnull=True)
    terms = search_terms(query)
    if terms:
        # "Léa Martin" must find Léa Martin, not every Léa and every Martin; "lea" finds "Léa". At most
        # RELAIS_SEARCH_MAX_WORDS words are searched (see relais.core.search).
        imilo_id = query.strip()[: Youth._meta.get_field("imilo_id").max_length]
        qs = qs.filter(Q(imilo_id__iexact=imilo_id) | terms.condition("search_text"))
    if counsellor_id:
        qs = qs.filter(counsellor_id=counsellor_id)
    for flag in flags:
        if flag in PRIORITY_FLAGS:
            qs = qs.filter(**{flag: True})
    rome_family = rome_family.strip().upper()
    if rome_family:
        # A subquery rather than a join keeps one row per young person without DISTINCT.
        through = Youth.sought_titles.through
        qs = qs.filter(pk__in=through.objects.filter(rometitle__family__code=rome_family).values("youth_id"))
    return (
        qs.select_related("counsellor", "commune", "mission_locale")
        .prefetch_related(Prefetch("sought_titles", queryset=RomeTitle.objects.select_related("family")))
        .order_by("last_name", "first_name", "pk")
    )


@dataclass(frozen=True)
class PartnerYouthView:
    """What a partner may see of a young person: what consent covers, never the priority-public flags."""

    pk: int
    first_name: str
    last_name: str
    age: int
    commune: str
    qualification_level: str
    driving_licence: bool
    has_vehicle: bool
    max_distance_km: int | None
    sought_titles: list[str] = field(default_factory=list)
    email: str = ""
    phone: str = ""
    contact_shared: bool = False


def partner_view(youth: Youth, on_date: datetime.date | None = None) -> PartnerYouthView | None:
    """The shareable projection of a record, or None when no valid consent allows sharing."""
    on_date = on_date or timezone.localdate()
    if not youth.sharing_allowed(on_date):
        return None
    contact = youth.contact_sharing_allowed(on_date)
    return PartnerYouthView(
        pk=youth.pk,
        first_name=youth.first_name,
        last_name=youth.last_name,
        age=youth.age_on(on_date),
        commune=str(youth.commune),
        qualification_level=QualificationLevel(youth.qualification_level).label
        if youth.qualification_level
        else "",
        driving_licence=youth.driving_licence,
        has_vehicle=youth.has_vehicle,
        max_distance_km=youth.max_distance_km,
        sought_titles=[title.label for title in youth.sought_titles.all()],
        email=youth.email if contact else "",
        phone=youth.phone if contact else "",
        contact_shared=contact,
    )
