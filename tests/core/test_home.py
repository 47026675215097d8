"""The home page as each persona's work queue: what waits for them, with counts, in a flat number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from relais.conventions.models import Convention, ConventionParty
from relais.organizations.enums import Role
from relais.positionings.enums import PositioningStatus as S
from tests.organizations.factories import user_with_role
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity

pytestmark = pytest.mark.django_db


def home(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def activity(personas, rome, size: int) -> None:
    """`size` opportunities diffused to ML A, each with a positioning in its own state."""
    n = personas.network
    states = [S.PROPOSED, S.RETURNED, S.TRANSMITTED, S.ACKNOWLEDGED]
    for index in range(size):
        opportunity = published_opportunity(
            n,
            rome_title=rome.mason,
            title=f"Maçon {index}",
            closing_date=timezone.localdate() + datetime.timedelta(days=3),
        )
        youth = consenting_youth(
            n.ml_a, commune=n.lyon, counsellor=personas.counsellor_a.person, sought_titles=[rome.mason]
        )
        positioning_at(personas, states[index % len(states)], youth=youth, opportunity=opportunity)


def test_the_counsellor_sees_their_positionings_by_state_sent_back_first(client, personas, rome):
    activity(personas, rome, 4)
    body = home(client, personas.counsellor_a)
    returned = body.index("1 positionnement renvoyé par le référent")
    assert returned < body.index("1 positionnement en attente du référent")
    assert "1 positionnement transmis, sans réponse du partenaire" in body
    assert "?status=returned" in body


def test_the_cre_sees_what_to_transmit_and_the_offers_they_have_not_read(client, personas, rome):
    activity(personas, rome, 4)
    body = home(client, personas.cre_a)
    assert "1 positionnement à transmettre" in body
    assert "1 positionnement transmis sans réponse du partenaire" in body
    assert "4 opportunités diffusées à votre Mission Locale que vous n&#x27;avez pas encore lues" in body


def test_the_recruiter_sees_unanswered_candidates_and_offers_closing_soon(client, personas, rome):
    activity(personas, rome, 4)
    body = home(client, personas.geiq_recruiter)
    assert "1 candidature reçue sans réponse" in body
    assert "1 candidature en cours d&#x27;examen" in body
    assert "candidatures jusqu&#x27;au" in body


def test_the_coordinator_sees_needs_to_diffuse_unread_offers_and_coverage_gaps(client, personas, rome):
    n = personas.network
    published_opportunity(n, rome_title=rome.mason, title="Coffreur", mission_locales=[])
    read = published_opportunity(n, rome_title=rome.mason, title="Maçon lu par Grenoble")
    read.deliveries.filter(mission_locale=n.ml_b).update(first_read_at=timezone.now())
    charter = Convention.objects.create(
        title="Charte", kind="regional_charter", status="active", region=n.aura
    )
    ConventionParty.objects.create(convention=charter, organization=n.arml)
    ConventionParty.objects.create(convention=charter, organization=n.cr_geiq)
    body = home(client, personas.arml_coordinator)
    assert "1 besoin publié en attente de diffusion" in body
    assert "« Maçon lu par Grenoble » : 1 / 2 non lue par les CRE" in body
    assert "sans référent pour un membre de CR GEIQ Auvergne-Rhône-Alpes" in body


def test_the_mission_locale_director_sees_points_d_accueil_and_referents_to_complete(client, personas, rome):
    n = personas.network
    director = user_with_role(n.ml_a, Role.DIRECTOR, "direction@ml-lyon.test")
    body = home(client, director)
    assert "Mission Locale de Lyon : aucun point d&#x27;accueil renseigné" in body


def test_the_observer_gets_the_entry_to_the_indicators_and_nothing_of_the_pipeline(client, personas, rome):
    activity(personas, rome, 2)
    body = home(client, personas.state_observer)
    assert "Indicateurs des partenariats" in body
    assert "positionnement" not in body.split('data-testid="work-queue"')[1].split("Indicateurs")[0]
    assert "Mes positionnements" not in body and "Candidatures reçues" not in body


@pytest.mark.parametrize(
    "persona", ["counsellor_a", "cre_a", "geiq_recruiter", "arml_coordinator", "state_observer"]
)
def test_the_home_page_runs_a_number_of_queries_that_does_not_grow_with_the_data(
    client, personas, rome, persona
):
    user = getattr(personas, persona)
    client.force_login(user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    activity(personas, rome, 2)
    small = queries()
    activity(personas, rome, 10)
    assert queries() == small


def test_events_and_mentorships_say_what_waits(client, personas, rome):
    from relais.events.enums import EventStatus
    from tests.events.factories import make_event

    n = personas.network
    make_event(n.geiq, days=-2, title="Forum de l'alternance", status=EventStatus.PLANNED)
    make_event(n.geiq, days=5, title="Visite du chantier de Gerland")
    body = home(client, personas.geiq_recruiter)
    assert "1 événement passé dont les présences sont à saisir" in body
    assert "Visite du chantier de Gerland — le " in body
