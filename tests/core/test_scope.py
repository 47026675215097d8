"""The Scope: one frozen description of who acts and what they reach, built once per request, token or job."""

import dataclasses
import pathlib

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import relais
from relais.accounts.models import User
from relais.conventions.models import Convention
from relais.conventions.selectors import conventions_visible_to
from relais.core.scope import Principal, Scope, ScopeMiddleware
from relais.opportunities.selectors import available_views, opportunities_visible_to
from relais.organizations.enums import PARTNER_KINDS, Role
from relais.organizations.models import Organization
from relais.organizations.selectors import can_manage
from relais.positionings.enums import PositioningStatus
from relais.positionings.facts import countable_facts_of
from relais.positionings.models import COUNSELLOR, Positioning
from relais.positionings.perms import actor_roles
from relais.youths.selectors import has_youth_access, youths_visible_to
from tests.organizations.factories import MembershipFactory, OrganizationFactory, user_with_role
from tests.positionings.factories import published_opportunity
from tests.youths.factories import YouthFactory

# What a Scope computes from its memberships, read the way the selectors and perms read it.
DERIVED = (
    "roles",
    "organization_ids",
    "reach_ids",
    "party_ids",
    "managed_ids",
    "editor_ids",
    "mission_locale_ids",
    "cre_mission_locale_ids",
    "referent_pairs",
    "coordinated_network_ids",
    "network_region_ids",
    "publisher_ids",
    "partner_ids",
    "observer_reach",
)


def ids(*organizations) -> frozenset[int]:
    return frozenset(o.pk for o in organizations)


# ---- for_user -------------------------------------------------------------------------------------------


def test_a_counsellor_reaches_their_mission_locale_and_the_conventions_above_it(personas):
    n = personas.network
    scope = Scope.for_user(personas.counsellor_a)
    assert scope.principal == Principal.USER
    assert scope.actor == personas.counsellor_a
    assert scope.person_id == personas.counsellor_a.person.pk
    assert scope.roles == {(n.ml_a.pk, Role.COUNSELLOR)}
    assert scope.mission_locale_ids == ids(n.ml_a)
    assert scope.reach_ids == ids(n.ml_a)
    assert scope.party_ids == ids(n.ml_a, n.arml, n.unml)
    assert not scope.publisher_ids and not scope.partner_ids and not scope.managed_ids
    assert not scope.aggregates_only and not scope.is_platform


def test_the_cre_is_the_named_referent_for_the_geiq(personas):
    n = personas.network
    scope = Scope.for_user(personas.cre_a)
    assert scope.cre_mission_locale_ids == ids(n.ml_a)
    assert scope.referent_pairs == {(n.ml_a.pk, n.geiq.pk)}


def test_a_recruiter_publishes_for_and_receives_candidates_of_their_structure_only(personas):
    n = personas.network
    scope = Scope.for_user(personas.geiq_recruiter)
    assert scope.publisher_ids == ids(n.geiq)
    assert scope.partner_ids == ids(n.geiq)
    assert not scope.mission_locale_ids


def test_a_network_head_coordinator_publishes_for_its_members_but_receives_only_its_own(personas):
    n = personas.network
    scope = Scope.for_user(personas.geiq_coordinator)
    assert scope.publisher_ids == ids(n.cr_geiq, n.geiq, n.geiq_2)
    assert scope.partner_ids == ids(n.cr_geiq)
    assert scope.managed_ids == ids(n.cr_geiq, n.geiq, n.geiq_2)
    assert scope.editor_ids == ids(n.cr_geiq)


def test_the_arml_coordinator_runs_its_network_without_being_staff_of_its_missions_locales(personas):
    n = personas.network
    scope = Scope.for_user(personas.arml_coordinator)
    assert scope.coordinated_network_ids == ids(n.arml)
    assert scope.network_region_ids == {n.aura.pk}
    assert scope.reach_ids == ids(n.arml, n.ml_a, n.ml_b)
    assert scope.managed_ids == ids(n.arml, n.ml_a, n.ml_b)
    assert not scope.mission_locale_ids


def test_a_state_observer_reads_aggregates_of_its_region_only(personas):
    scope = Scope.for_user(personas.state_observer)
    assert scope.aggregates_only
    assert scope.observer_region_ids == {personas.network.aura.pk}
    assert not scope.observer_national
    assert not scope.mission_locale_ids and not scope.publisher_ids and not scope.referent_pairs


def test_platform_staff_reach_the_directory_and_conventions_but_no_young_person(personas):
    scope = Scope.for_user(personas.admin)
    assert scope.is_platform_staff and scope.is_platform and not scope.is_system
    assert not scope.aggregates_only
    assert scope.publisher_ids == frozenset(
        Organization.objects.filter(kind__in=PARTNER_KINDS).values_list("pk", flat=True)
    )
    assert not scope.partner_ids
    YouthFactory(mission_locale=personas.network.ml_a)
    assert not has_youth_access(scope)
    assert not youths_visible_to(scope).exists()


def test_an_anonymous_visitor_and_a_disabled_account_reach_nothing(personas):
    anonymous = Scope.for_user(AnonymousUser())
    assert anonymous.principal == Principal.ANONYMOUS and not anonymous.is_authenticated
    assert anonymous.actor is None and not anonymous.organization_ids
    personas.counsellor_a.is_active = False
    personas.counsellor_a.save(update_fields=["is_active"])
    assert not Scope.for_user(personas.counsellor_a).mission_locale_ids


def test_a_scope_is_frozen(personas):
    scope = Scope.for_user(personas.counsellor_a)
    with pytest.raises(dataclasses.FrozenInstanceError):
        scope.is_platform_staff = True


# ---- the other constructors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("organization", "role", "persona"),
    [
        ("geiq", Role.PARTNER_RECRUITER, "geiq_recruiter"),
        ("ml_a", Role.COUNSELLOR, "counsellor_a"),
        ("arml", Role.COORDINATOR, "arml_coordinator"),
        ("state", Role.OBSERVER, "state_observer"),
        ("cr_geiq", Role.COORDINATOR, "geiq_coordinator"),
    ],
)
def test_an_organisation_token_reaches_what_a_member_with_those_roles_reaches(
    personas, organization, role, persona
):
    token = Scope.for_organization(getattr(personas.network, organization), roles=[role])
    member = Scope.for_user(getattr(personas, persona))
    assert token.principal == Principal.TOKEN
    assert token.actor is None
    for name in DERIVED:
        if name == "referent_pairs":
            continue  # a referent is a named person: a token is nobody
        assert getattr(token, name) == getattr(member, name), name
    assert token.aggregates_only == member.aggregates_only


def test_the_system_reaches_every_record_and_acts_for_nobody(personas):
    YouthFactory(mission_locale=personas.network.ml_b)
    Convention.objects.create(title="Charte", kind="regional_charter")
    system = Scope.system()
    assert system.is_system and system.is_platform and system.is_authenticated
    assert system.actor is None and system.user is None
    assert can_manage(system, personas.network.geiq)
    assert conventions_visible_to(system).count() == Convention.objects.count()
    assert youths_visible_to(system).count() == 1


def test_the_anonymous_scope_reaches_nothing(personas):
    published_opportunity(personas.network)
    scope = Scope.anonymous()
    assert not opportunities_visible_to(scope).exists()
    assert not conventions_visible_to(scope).exists()
    assert not youths_visible_to(scope).exists()


def test_aggregates_keeps_the_principal_but_drops_every_individual_record(personas):
    full = Scope.for_user(personas.cre_a)
    restricted = full.aggregates()
    assert restricted.aggregates_only and not full.aggregates_only
    assert restricted.user == full.user and restricted.roles == full.roles
    assert not restricted.mission_locale_ids and not restricted.referent_pairs
    assert not has_youth_access(restricted) and has_youth_access(full)


# ---- the one definition of "staff of a Mission Locale" --------------------------------------------------


@pytest.mark.parametrize(
    ("role", "staff"),
    [
        (Role.COUNSELLOR, True),
        (Role.CRE, True),
        (Role.DIRECTOR, True),
        (Role.PRESIDENT, True),
        (Role.DISABILITY_REFERENT, True),
        (Role.COORDINATOR, True),
        (Role.ADMINISTRATOR, True),
        (Role.OBSERVER, False),
        (Role.PARTNER_RECRUITER, False),
    ],
)
def test_staff_of_a_mission_locale_is_defined_once_for_young_people_opportunities_and_positionings(
    personas, role, staff
):
    n = personas.network
    user = user_with_role(n.ml_a, role, f"{role}-staff-test@ml-lyon.test")
    opportunity = published_opportunity(n, mission_locales=[n.ml_a])
    youth = YouthFactory(mission_locale=n.ml_a)
    positioning = Positioning.objects.create(
        youth=youth,
        **countable_facts_of(youth),
        opportunity=opportunity,
        status=PositioningStatus.PROPOSED,
        proposed_at=timezone.now(),
    )
    scope = Scope.for_user(user)
    assert (scope.mission_locale_ids == ids(n.ml_a)) is staff
    assert has_youth_access(scope) is staff  # young people's records
    assert ("recues" in dict(available_views(scope))) is staff  # opportunities diffused to the ML
    assert (COUNSELLOR in actor_roles(scope, positioning)) is staff  # positionings


def test_an_observer_gets_403_on_young_people_and_sees_the_conventions_it_observes(client, personas):
    n = personas.network
    regional = Convention.objects.create(title="Charte AURA", kind="regional_charter", region=n.aura)
    national = Convention.objects.create(title="Accord national", kind="national_framework")
    Convention.objects.create(title="Charte Grand Est", kind="regional_charter", region=n.grand_est)
    client.force_login(personas.state_observer)
    assert client.get("/jeunes/").status_code == 403
    assert set(conventions_visible_to(Scope.for_user(personas.state_observer))) == {regional, national}


# ---- cost and the user object ----------------------------------------------------------------------------


def _queries_to_build_and_read(user) -> int:
    fresh = User.objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        request = RequestFactory().get("/")
        request.user = fresh
        ScopeMiddleware(lambda r: None)(request)
        for name in DERIVED:
            getattr(request.scope, name)
    return len(queries)


def test_building_a_request_scope_costs_the_same_queries_whatever_the_number_of_memberships(personas):
    n = personas.network
    few = user_with_role(n.ml_a, Role.COUNSELLOR, "one@ml.test")
    many = user_with_role(n.ml_a, Role.COUNSELLOR, "many@ml.test")
    for index in range(6):
        ml = OrganizationFactory(name=f"ML {index}", parent=n.arml, region=n.aura)
        # The same kinds of role for both people; only the number of memberships differs.
        for person in [many.person] + ([few.person] if index == 0 else []):
            MembershipFactory(person=person, organization=ml, role=Role.CRE)
            MembershipFactory(person=person, organization=ml, role=Role.DIRECTOR)
    assert len(Scope.for_user(few).memberships) == 3
    assert len(Scope.for_user(many).memberships) == 13
    assert _queries_to_build_and_read(many) == _queries_to_build_and_read(few)


def test_the_request_scope_is_built_once_and_only_when_used(personas):
    request = RequestFactory().get("/")
    request.user = User.objects.get(pk=personas.cre_a.pk)
    with CaptureQueriesContext(connection) as unused:
        ScopeMiddleware(lambda r: None)(request)
    assert len(unused) == 0
    first = request.scope.mission_locale_ids
    with CaptureQueriesContext(connection) as again:
        assert request.scope.mission_locale_ids is first
        assert request.scope.organization_ids
    assert len(again) == 0


PAGES = [
    "/",
    "/conventions/",
    "/opportunites/",
    "/jeunes/",
    "/positionnements/",
    "/positionnements/a-transmettre/",
]


@pytest.mark.parametrize("persona", ["counsellor_a", "cre_a", "geiq_recruiter", "arml_coordinator", "admin"])
def test_rendering_pages_leaves_nothing_cached_on_the_user_object(client, personas, persona):
    client.force_login(getattr(personas, persona))
    for path in PAGES:
        response = client.get(path)
        assert response.status_code in (200, 302, 403), path
        user = response.wsgi_request.user
        attributes = vars(getattr(user, "_wrapped", user))
        assert not [name for name in attributes if name.startswith("_relais_")], path


def test_no_module_caches_reach_on_the_user_object():
    root = pathlib.Path(relais.__file__).parent
    marker = "_relais" + "_"
    offenders = [str(path) for path in root.rglob("*.py") if marker in path.read_text(encoding="utf-8")]
    assert offenders == []
