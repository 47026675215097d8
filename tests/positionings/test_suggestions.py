"""Suggestions ranked on hand-built cases: job family, neighbour families, distance and mobility, publics."""

import datetime

import pytest

from relais.core.scope import Scope
from relais.organizations.enums import Role
from relais.positionings import services
from relais.positionings.suggestions import birth_date_bounds, suggest_opportunities, suggest_youths
from tests.organizations.factories import MembershipFactory
from tests.positionings.factories import consenting_youth, published_opportunity
from tests.territories.factories import CommuneFactory
from tests.youths.factories import YouthFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def villeurbanne(personas):
    return CommuneFactory(
        code="69266",
        name="Villeurbanne",
        department=personas.network.rhone,
        latitude=45.7719,
        longitude=4.8902,
    )


@pytest.fixture
def cast(personas, rome, villeurbanne):
    n = personas.network
    ml_a = n.ml_a

    def youth(name, titles, commune=None, **fields):
        return consenting_youth(
            ml_a,
            first_name=name,
            last_name="Test",
            commune=commune or n.lyon,
            sought_titles=titles,
            **{"max_distance_km": 30, **fields},
        )

    return {
        "same_title": youth("Titre", [rome.mason]),
        "family_qpv": youth("FamilleQpv", [rome.mason_helper], qpv_resident=True),
        "family": youth("Famille", [rome.mason_helper], commune=villeurbanne),
        "far_but_mobile": youth("Mobile", [rome.mason], commune=n.grenoble, max_distance_km=120),
        "neighbour": youth("Voisin", [rome.formworker]),
        "far": youth("Loin", [rome.mason], commune=n.grenoble),
        "other_job": youth("Autre", [rome.cleaner]),
        "too_old": youth("Vieux", [rome.mason], age=26),
        "too_young": youth("Jeune", [rome.mason], age=15),
        "no_consent": YouthFactory(
            mission_locale=ml_a, first_name="Sans", commune=n.lyon, sought_titles=[rome.mason]
        ),
        "archived": youth(
            "Archive", [rome.mason], archived_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        ),
        "other_ml": consenting_youth(
            n.ml_b, first_name="AutreMl", commune=n.lyon, sought_titles=[rome.mason]
        ),
        "positioned": youth("Positionne", [rome.mason]),
    }


def test_youths_are_ranked_for_an_opportunity_with_their_reasons(personas, rome, cast):
    opportunity = published_opportunity(
        personas.network, rome_title=rome.mason, priority_publics=["qpv_resident"]
    )
    services.positioning_propose(
        youth=cast["positioned"], opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
    )
    suggestions = suggest_youths(Scope.for_user(personas.counsellor_a), opportunity)
    names = [s.obj.first_name for s in suggestions]
    # Exact title far away (100 + 30 × (1 − 94/120) ≈ 106.5) edges out the same family nearby (80 + 25 = 105).
    assert names == ["Titre", "FamilleQpv", "Mobile", "Famille", "Voisin"]
    by_name = {s.obj.first_name: s for s in suggestions}
    assert by_name["Titre"].reasons == [
        "Même métier recherché : Maçon / Maçonne",
        "À moins de 1 km (mobilité 30 km)",
    ]
    assert by_name["FamilleQpv"].reasons == [
        "Même métier recherché : Aide-maçon / Aide-maçonne (fiche F1703)",
        "À moins de 1 km (mobilité 30 km)",
        "Public prioritaire accueilli : QPV",
    ]
    assert by_name["Famille"].reasons[1] == "À 5 km (mobilité 30 km)"
    assert by_name["Mobile"].reasons[1] == "À 94 km (mobilité 120 km)"
    assert by_name["Voisin"].reasons[0] == "Métier voisin : Coffreur / Coffreuse (fiche F1701)"
    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)


def test_a_youth_without_mobility_gets_the_default_radius(personas, rome, cast):
    cast["same_title"].max_distance_km = None
    cast["same_title"].save(update_fields=["max_distance_km"])
    opportunity = published_opportunity(personas.network, rome_title=rome.mason)
    first = suggest_youths(Scope.for_user(personas.counsellor_a), opportunity)[0]
    assert first.reasons[1] == "À moins de 1 km (mobilité non renseignée, 30 km retenus)"


def test_ml_b_counsellor_gets_only_ml_b_youths(personas, rome, cast):
    opportunity = published_opportunity(personas.network, rome_title=rome.mason)
    assert [s.obj.first_name for s in suggest_youths(Scope.for_user(personas.counsellor_b), opportunity)] == [
        "AutreMl"
    ]
    assert suggest_youths(Scope.for_user(personas.geiq_recruiter), opportunity) == []


def test_a_youth_whose_commune_has_no_coordinates_is_kept_with_an_unknown_distance(personas, rome):
    n = personas.network
    hamlet = CommuneFactory(
        code="69999", name="Sans-Coordonnées", department=n.rhone, latitude=None, longitude=None
    )
    consenting_youth(n.ml_a, first_name="Hameau", commune=hamlet, sought_titles=[rome.mason])
    opportunity = published_opportunity(n, rome_title=rome.mason)
    (suggestion,) = suggest_youths(Scope.for_user(personas.counsellor_a), opportunity)
    assert suggestion.obj.first_name == "Hameau"
    assert suggestion.reasons[1] == "Distance inconnue (commune sans coordonnées)"


def test_only_young_people_of_a_receiving_mission_locale_are_suggested(personas, rome, cast):
    n = personas.network
    MembershipFactory(person=personas.counsellor_a.person, organization=n.ml_b, role=Role.COUNSELLOR)
    only_to_a = published_opportunity(n, rome_title=rome.mason, mission_locales=[n.ml_a])
    names = [s.obj.first_name for s in suggest_youths(Scope.for_user(personas.counsellor_a), only_to_a)]
    assert "Titre" in names and "AutreMl" not in names


def test_opportunities_are_ranked_for_a_youth(personas, rome, villeurbanne):
    n = personas.network
    youth = consenting_youth(
        n.ml_a, commune=n.lyon, max_distance_km=30, rqth=True, sought_titles=[rome.mason]
    )
    same = published_opportunity(n, rome_title=rome.mason, title="Maçon Lyon")
    family_near = published_opportunity(
        n, rome_title=rome.mason_helper, commune=villeurbanne, title="Aide Villeurbanne"
    )
    family_rqth = published_opportunity(
        n,
        rome_title=rome.mason_helper,
        commune=villeurbanne,
        title="Aide RQTH",
        priority_publics=["rqth", "qpv_resident"],
    )
    neighbour = published_opportunity(n, rome_title=rome.formworker, title="Coffreur Lyon")
    published_opportunity(n, rome_title=rome.mason, commune=n.grenoble, title="Trop loin")
    published_opportunity(n, rome_title=rome.cleaner, title="Autre métier")
    published_opportunity(n, rome_title=rome.mason, title="Pas diffusée", mission_locales=[n.ml_b])
    closed = published_opportunity(n, rome_title=rome.mason, title="Close")
    closed.status = "closed"
    closed.save(update_fields=["status"])
    expired = published_opportunity(
        n,
        rome_title=rome.mason,
        title="Date passée",
        closing_date=datetime.date.today() - datetime.timedelta(days=1),
    )
    positioned = published_opportunity(n, rome_title=rome.mason, title="Déjà positionné")
    services.positioning_propose(
        youth=youth, opportunity=positioned, scope=Scope.for_user(personas.counsellor_a)
    )
    suggestions = suggest_opportunities(Scope.for_user(personas.counsellor_a), youth)
    assert [s.obj for s in suggestions] == [same, family_rqth, family_near, neighbour]
    assert "Public prioritaire accueilli : RQTH" in suggestions[1].reasons
    assert not any("QPV" in r for r in suggestions[1].reasons)  # the youth is not a QPV resident
    assert expired not in [s.obj for s in suggestions]


def test_no_opportunity_is_suggested_outside_16_to_25(personas, rome):
    n = personas.network
    published_opportunity(n, rome_title=rome.mason)
    old = consenting_youth(n.ml_a, age=26, commune=n.lyon, sought_titles=[rome.mason])
    fine = consenting_youth(n.ml_a, age=25, commune=n.lyon, sought_titles=[rome.mason])
    assert suggest_opportunities(Scope.for_user(personas.counsellor_a), old) == []
    assert len(suggest_opportunities(Scope.for_user(personas.counsellor_a), fine)) == 1


def test_birth_date_bounds_match_the_age_rule():
    oldest, youngest = birth_date_bounds(datetime.date(2026, 3, 1))
    assert youngest == datetime.date(2010, 3, 1)  # 16 today
    assert oldest == datetime.date(2000, 3, 2)  # 26 tomorrow... 25 today


def test_suggestions_use_a_constant_number_of_queries(personas, rome, cast, django_assert_max_num_queries):
    opportunity = published_opportunity(personas.network, rome_title=rome.mason)
    with django_assert_max_num_queries(4):
        suggest_youths(Scope.for_user(personas.counsellor_a), opportunity)
