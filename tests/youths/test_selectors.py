import datetime
import importlib

import pytest
from django.http import Http404

from relais.core.scope import Scope
from relais.organizations.enums import Role
from relais.youths.enums import ConsentScope
from relais.youths.models import Youth
from relais.youths.selectors import partner_view, youth_for_user, youth_list, youths_visible_to
from relais.youths.services import youth_create, youth_update
from tests.organizations.factories import MembershipFactory
from tests.youths.factories import YouthFactory, birth_date_for_age


@pytest.fixture
def youth_b(personas):
    return YouthFactory(
        mission_locale=personas.network.ml_b, commune=personas.network.grenoble, last_name="Isère"
    )


def test_members_of_the_mission_locale_see_its_youths(personas, youth_a, youth_b):
    for user in (personas.counsellor_a, personas.cre_a):
        assert list(youths_visible_to(Scope.for_user(user))) == [youth_a]
        assert youth_for_user(Scope.for_user(user), youth_a.pk) == youth_a


def test_a_director_of_the_mission_locale_sees_its_youths(personas, youth_a):
    MembershipFactory(
        person=personas.counsellor_b.person, organization=personas.network.ml_a, role=Role.DIRECTOR
    )
    assert youth_for_user(Scope.for_user(personas.counsellor_b), youth_a.pk) == youth_a


def test_counsellor_of_another_mission_locale_gets_404(personas, youth_a, youth_b):
    assert list(youths_visible_to(Scope.for_user(personas.counsellor_b))) == [youth_b]
    with pytest.raises(Http404):
        youth_for_user(Scope.for_user(personas.counsellor_b), youth_a.pk)


@pytest.mark.parametrize(
    "persona", ["geiq_recruiter", "arml_coordinator", "geiq_coordinator", "state_observer", "admin"]
)
def test_people_outside_mission_locales_see_no_youth(personas, youth_a, youth_b, persona):
    user = getattr(personas, persona)
    assert not youths_visible_to(Scope.for_user(user)).exists()
    with pytest.raises(Http404):
        youth_for_user(Scope.for_user(user), youth_a.pk)


def test_an_observer_attached_to_a_mission_locale_sees_no_youth(personas, youth_a):
    MembershipFactory(
        person=personas.state_observer.person, organization=personas.network.ml_a, role=Role.OBSERVER
    )
    assert not youths_visible_to(Scope.for_user(personas.state_observer)).exists()


def test_an_inactive_membership_gives_no_access(personas, youth_a):
    personas.counsellor_a.person.memberships.update(is_active=False)
    assert not youths_visible_to(Scope.for_user(personas.counsellor_a)).exists()


def test_list_filters_by_search_counsellor_flag_and_rome_family(personas, rome, youth_a):
    ml_a = personas.network.ml_a
    other = YouthFactory(
        mission_locale=ml_a,
        commune=personas.network.lyon,
        first_name="Tom",
        last_name="Durand",
        imilo_id="IM-0002",
        sought_titles=[rome.cleaner, rome.mason_helper],
    )
    user = personas.counsellor_a
    assert list(youth_list(Scope.for_user(user), query="canari")) == [youth_a]
    assert list(youth_list(Scope.for_user(user), query="Léa Canari")) == [youth_a]
    assert list(youth_list(Scope.for_user(user), query="IM-0002")) == [other]
    assert list(youth_list(Scope.for_user(user), counsellor_id=personas.counsellor_a.person.pk)) == [youth_a]
    assert list(youth_list(Scope.for_user(user), flags=["rqth"])) == [youth_a]
    assert list(youth_list(Scope.for_user(user), rome_family="k2204")) == [other]
    assert list(youth_list(Scope.for_user(user), rome_family="F1703")) == [youth_a, other]
    other.archived_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    other.save()
    assert list(youth_list(Scope.for_user(user))) == [youth_a]
    assert list(youth_list(Scope.for_user(user), include_archived=True)) == [youth_a, other]


def test_partner_view_never_carries_the_priority_flags(youth_a):
    view = partner_view(youth_a, on_date=datetime.date(2026, 3, 1))
    assert view.first_name == "Léa"
    assert view.sought_titles == ["Maçon / Maçonne"]
    fields = set(vars(view))
    assert not fields & {
        "qpv_resident",
        "rqth",
        "cej_beneficiary",
        "school_dropout",
        "no_diploma",
        "imilo_id",
        "birth_date",
    }
    assert fields == {
        "pk",
        "first_name",
        "last_name",
        "age",
        "commune",
        "qualification_level",
        "driving_licence",
        "has_vehicle",
        "max_distance_km",
        "sought_titles",
        "email",
        "phone",
        "contact_shared",
    }


def test_partner_view_shares_contact_details_only_under_the_contact_scope(youth_a):
    on_date = datetime.date(2026, 3, 1)
    assert partner_view(youth_a, on_date).email == ""
    assert partner_view(youth_a, on_date).phone == ""
    youth_a.consent_scope = ConsentScope.IDENTITY_AND_CONTACT
    assert partner_view(youth_a, on_date).email == "lea.canari@example.org"


def test_partner_view_is_none_without_consent(youth_a):
    youth_a.consent_given_at = None
    youth_a.consent_scope = ""
    assert partner_view(youth_a) is None


@pytest.mark.parametrize("query", ["lea", "LEA", "Lea Martin", "LEA MARTIN", "martin léa", "léa"])
def test_the_search_is_accent_and_case_blind(personas, query):
    ml_a, user = personas.network.ml_a, personas.counsellor_a
    lea = YouthFactory(mission_locale=ml_a, first_name="Léa", last_name="Martin")
    YouthFactory(mission_locale=ml_a, first_name="Léon", last_name="Martin")
    assert list(youth_list(Scope.for_user(user), query=query)) == [lea]


def test_the_folded_names_follow_the_names_written_by_the_services(personas):
    ml_a, user = personas.network.ml_a, personas.counsellor_a
    youth = youth_create(
        mission_locale=ml_a,
        scope=Scope.for_user(user),
        first_name="Éloïse",
        last_name="Lefèvre-Œuvrard",
        birth_date=birth_date_for_age(19),
        commune=personas.network.lyon,
    )
    assert youth.search_text == "eloise lefevre oeuvrard"
    assert list(youth_list(Scope.for_user(user), query="eloise oeuvrard")) == [youth]

    youth_update(youth=youth, scope=Scope.for_user(user), first_name="Noémie")
    youth.refresh_from_db()
    assert youth.search_text == "noemie lefevre oeuvrard"
    assert list(youth_list(Scope.for_user(user), query="noemie")) == [youth]
    assert list(youth_list(Scope.for_user(user), query="eloise")) == []


def test_the_migration_fills_the_folded_names_of_existing_rows(personas):
    from django.apps import apps

    fill_search_text = importlib.import_module(
        "relais.youths.migrations.0002_youth_search_text"
    ).fill_search_text
    youth = YouthFactory(mission_locale=personas.network.ml_a, first_name="Zoé", last_name="N'Diaye")
    Youth.objects.filter(pk=youth.pk).update(search_text="")
    fill_search_text(apps, None)
    youth.refresh_from_db()
    assert youth.search_text == "zoe n diaye"
