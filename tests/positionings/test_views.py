"""Pages of the pipeline: lists per role, detail and actions, proposals with htmx, query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from relais.core.models import AccessLog
from relais.core.scope import Scope
from relais.core.selectors import accesses_to
from relais.core.workflows import apply
from relais.organizations.enums import OrganizationKind, Role
from relais.organizations.models import PartnerReferent
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.positionings.models import Positioning
from tests.organizations.factories import OrganizationFactory, user_with_role
from tests.positionings.factories import (
    consenting_youth,
    contract_type,
    positioning_at,
    published_opportunity,
)

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


def many(personas, rome, count, status=S.PROPOSED):
    n = personas.network
    opportunity = published_opportunity(n, rome_title=rome.mason)
    for i in range(count):
        youth = consenting_youth(
            n.ml_a,
            commune=n.lyon,
            counsellor=personas.counsellor_a.person,
            last_name=f"Nom{i}",
            sought_titles=[rome.mason],
        )
        positioning_at(personas, status, youth=youth, opportunity=opportunity)


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize(
    ("persona", "url", "status"),
    [
        ("counsellor_a", "/positionnements/", S.PROPOSED),
        ("cre_a", "/positionnements/a-transmettre/", S.PROPOSED),
        ("geiq_recruiter", "/positionnements/candidatures-recues/", S.TRANSMITTED),
    ],
)
def test_list_pages_do_not_grow_queries_with_rows(client, personas, rome, persona, url, status):
    many(personas, rome, 2, status)
    client.force_login(getattr(personas, persona))
    few = queries(client, url)
    many(personas, rome, 8, status)
    assert queries(client, url) == few


@pytest.mark.parametrize(
    ("persona", "url", "empty_text"),
    [
        ("counsellor_a", "/positionnements/", "Aucun positionnement"),
        ("cre_a", "/positionnements/a-transmettre/", "Rien n'attend votre validation"),
        ("geiq_recruiter", "/positionnements/candidatures-recues/", "Aucune candidature reçue"),
    ],
)
def test_list_pages_have_an_empty_state(client, personas, persona, url, empty_text):
    client.force_login(getattr(personas, persona))
    assert empty_text in client.get(url).content.decode()


def test_list_pages_are_refused_to_the_wrong_people(client, personas):
    client.force_login(personas.state_observer)
    for url in (
        "/positionnements/",
        "/positionnements/a-transmettre/",
        "/positionnements/candidatures-recues/",
    ):
        assert client.get(url).status_code == 403
    client.force_login(personas.counsellor_a)
    assert client.get("/positionnements/a-transmettre/").status_code == 403
    assert client.get("/positionnements/candidatures-recues/").status_code == 403


def test_menu_entries_follow_the_roles(client, personas):
    client.force_login(personas.cre_a)
    body = client.get("/").content.decode()
    assert "À transmettre" in body and "Candidatures reçues" not in body
    client.force_login(personas.geiq_recruiter)
    body = client.get("/").content.decode()
    assert "Candidatures reçues" in body and "À transmettre" not in body


def test_the_referent_sees_every_counsellor_s_proposals_for_their_partner_only(
    client, personas, rome, youth, opportunity
):
    n = personas.network
    colleague = user_with_role(n.ml_a, Role.COUNSELLOR, "collegue@ml-lyon.test")
    other_youth = consenting_youth(n.ml_a, commune=n.lyon, last_name="Collegue", sought_titles=[rome.mason])
    from relais.positionings import services

    services.positioning_propose(youth=other_youth, opportunity=opportunity, scope=Scope.for_user(colleague))
    positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    # An offer of a company for which another person of ML A is the named referent: not in the CRE's queue.
    company = OrganizationFactory(kind=OrganizationKind.COMPANY, name="Entreprise Bâtir", region=n.aura)
    PartnerReferent.objects.create(mission_locale=n.ml_a, partner=company, person=colleague.person)
    elsewhere = published_opportunity(n, publisher=company, rome_title=rome.mason)
    services.positioning_propose(
        youth=youth, opportunity=elsewhere, scope=Scope.for_user(personas.counsellor_a)
    )
    client.force_login(personas.cre_a)
    body = client.get("/positionnements/a-transmettre/").content.decode()
    assert "COLLEGUE" in body and "DUPONT" in body
    assert body.count('<tr id="positioning-') == 2
    client.force_login(colleague)
    body = client.get("/positionnements/a-transmettre/").content.decode()
    assert body.count('<tr id="positioning-') == 1 and "Entreprise Bâtir" in body


def test_the_referent_transmits_from_the_list_with_htmx(client, personas, youth, opportunity):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    client.force_login(personas.cre_a)
    response = client.post(
        f"/positionnements/{positioning.pk}/transmit/", {"row": "1"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.strip().startswith("<tr") and "Transmis au partenaire" in body
    assert Positioning.objects.get(pk=positioning.pk).status == S.TRANSMITTED


def test_a_counsellor_posting_transmit_gets_a_message_not_a_change(client, personas, youth, opportunity):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    client.force_login(personas.counsellor_a)
    response = client.post(f"/positionnements/{positioning.pk}/transmit/", follow=True)
    assert "Vous ne pouvez pas effectuer cette action" in response.content.decode()
    assert Positioning.objects.get(pk=positioning.pk).status == S.PROPOSED


def test_a_failed_hire_form_keeps_what_was_typed(client, personas, youth, opportunity):
    positioning = positioning_at(personas, S.ACKNOWLEDGED, youth=youth, opportunity=opportunity)
    apprenticeship = contract_type()
    client.force_login(personas.geiq_recruiter)
    response = client.post(
        f"/positionnements/{positioning.pk}/hire/",
        {
            "hire-contract_type": apprenticeship.pk,
            "hire-start_date": "",
            "hire-weekly_hours": "35",
            "hire-note": "Très bon entretien",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Très bon entretien" in body and 'value="35"' in body
    assert Positioning.objects.get(pk=positioning.pk).status == S.ACKNOWLEDGED


def test_the_recruiter_records_a_hire_through_the_page(client, personas, youth, opportunity):
    positioning = positioning_at(personas, S.INTERVIEW_PLANNED, youth=youth, opportunity=opportunity)
    apprenticeship = contract_type()
    start = timezone.localdate() + datetime.timedelta(days=30)
    client.force_login(personas.geiq_recruiter)
    response = client.post(
        f"/positionnements/{positioning.pk}/hire/",
        {
            "hire-contract_type": apprenticeship.pk,
            "hire-start_date": start.isoformat(),
            "hire-weekly_hours": "35",
        },
        follow=True,
    )
    assert response.status_code == 200
    positioning.refresh_from_db()
    assert (positioning.status, positioning.contract_type, str(positioning.start_date)) == (
        S.HIRED,
        apprenticeship,
        start.isoformat(),
    )
    assert "Contrat d&#x27;apprentissage" in response.content.decode()


def test_the_detail_page_offers_each_role_its_own_actions(client, personas, youth, opportunity):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    client.force_login(personas.cre_a)
    body = client.get(f"/positionnements/{positioning.pk}/").content.decode()
    assert "Valider et transmettre" in body and "Renvoyer au conseiller" in body
    client.force_login(personas.counsellor_a)
    body = client.get(f"/positionnements/{positioning.pk}/").content.decode()
    assert "Valider et transmettre" not in body and "Annuler le positionnement" in body


def test_proposing_from_the_suggestions_opens_the_argument_page_then_confirms(
    client, personas, youth, opportunity
):
    client.force_login(personas.counsellor_a)
    page = client.get(f"/positionnements/opportunite/{opportunity.pk}/").content.decode()
    assert "Même métier recherché : Maçon / Maçonne" in page and "DUPONT" in page
    link = f"/positionnements/proposer/?jeune={youth.pk}&amp;opportunite={opportunity.pk}"
    assert link in page and 'hx-post="/positionnements/proposer/"' not in page
    argument = client.get(link.replace("&amp;", "&")).content.decode()
    assert "Argumentaire pour le référent et le partenaire" in argument and "ni la santé" in argument
    assert "Disponibilité du jeune" in argument and "Recueilli le" in argument
    assert not Positioning.objects.exists()  # opening the page proposes nothing
    response = client.post(
        "/positionnements/proposer/",
        {
            "youth": youth.pk,
            "opportunity": opportunity.pk,
            "motivation": "Motivé",
            "availability": "Dès lundi",
        },
    )
    positioning = Positioning.objects.get(youth=youth, opportunity=opportunity, status=S.PROPOSED)
    assert response.status_code == 302 and positioning.availability == "Dès lundi"
    again = client.post("/positionnements/proposer/", {"youth": youth.pk, "opportunity": opportunity.pk})
    assert again.status_code == 400 and "déjà positionné" in again.content.decode()
    page = client.get(f"/positionnements/opportunite/{opportunity.pk}/").content.decode()
    assert "Même métier recherché" not in page  # no longer suggested once positioned


def test_proposal_from_the_youth_page_without_htmx(client, personas, youth, opportunity):
    client.force_login(personas.counsellor_a)
    page = client.get(f"/positionnements/jeune/{youth.pk}/").content.decode()
    assert opportunity.display_title in page and "À moins de 1 km (mobilité 30 km)" in page
    confirm = client.get(f"/positionnements/proposer/?jeune={youth.pk}&opportunite={opportunity.pk}")
    assert confirm.status_code == 200
    response = client.post(
        "/positionnements/proposer/",
        {"youth": youth.pk, "opportunity": opportunity.pk, "motivation": "Très motivée"},
    )
    positioning = Positioning.objects.get(youth=youth)
    assert response.status_code == 302 and response.url == f"/positionnements/{positioning.pk}/"
    assert positioning.motivation == "Très motivée"


def test_a_refused_proposal_keeps_the_motivation(client, personas, no_consent_youth, opportunity):
    client.force_login(personas.counsellor_a)
    response = client.post(
        "/positionnements/proposer/",
        {"youth": no_consent_youth.pk, "opportunity": opportunity.pk, "motivation": "Argumentaire conservé"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "consentement" in body and "Argumentaire conservé" in body


def test_the_search_on_the_opportunity_page_finds_a_youth_not_suggested(client, personas, rome, opportunity):
    n = personas.network
    consenting_youth(n.ml_a, commune=n.lyon, last_name="Introuvable", sought_titles=[rome.cleaner])
    client.force_login(personas.counsellor_a)
    body = client.get(f"/positionnements/opportunite/{opportunity.pk}/?q=Introuvable").content.decode()
    assert "INTROUVABLE" in body and f"opportunite={opportunity.pk}" in body


def test_counsellor_b_gets_404_on_ml_a_pages(client, personas, youth, opportunity):
    client.force_login(personas.counsellor_b)
    assert client.get(f"/positionnements/jeune/{youth.pk}/").status_code == 404
    response = client.post("/positionnements/proposer/", {"youth": youth.pk, "opportunity": opportunity.pk})
    assert response.status_code == 404


def test_the_list_filters_by_status_and_paginates(client, personas, rome):
    many(personas, rome, 27)
    client.force_login(personas.counsellor_a)
    body = client.get("/positionnements/").content.decode()
    assert "27 positionnements" in body and "fr-pagination" in body
    assert "0 positionnement" in client.get("/positionnements/?status=hired").content.decode()


def test_the_opportunity_page_links_to_positioning_for_the_ml_and_to_candidates_for_the_partner(
    client, personas, opportunity
):
    client.force_login(personas.counsellor_a)
    body = client.get(f"/opportunites/{opportunity.pk}/").content.decode()
    assert f"/positionnements/opportunite/{opportunity.pk}/" in body and "Positionner un jeune" in body
    client.force_login(personas.geiq_recruiter)
    body = client.get(f"/opportunites/{opportunity.pk}/").content.decode()
    assert f"/positionnements/candidatures-recues/?opportunite={opportunity.pk}" in body


def test_the_home_page_says_what_waits_for_the_referent_and_the_partner(client, personas, youth, opportunity):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    client.force_login(personas.cre_a)
    assert "1 positionnement à transmettre" in client.get("/").content.decode()
    client.force_login(personas.geiq_recruiter)
    assert "Aucune candidature n&#x27;attend votre réponse." in client.get("/").content.decode()

    apply(POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(personas.cre_a))
    assert "1 candidature reçue sans réponse" in client.get("/").content.decode()
    client.force_login(personas.cre_a)
    body = client.get("/").content.decode()
    assert "1 positionnement transmis sans réponse du partenaire" in body
    client.force_login(personas.counsellor_a)
    assert "1 positionnement transmis, sans réponse du partenaire" in client.get("/").content.decode()


def test_an_htmx_transmit_that_fails_redraws_the_row_with_the_reason(client, personas, youth, opportunity):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    youth.consent_given_at = None
    youth.consent_scope = ""
    youth.save(update_fields=["consent_given_at", "consent_scope"])
    client.force_login(personas.cre_a)
    response = client.post(
        f"/positionnements/{positioning.pk}/transmit/", {"row": "1"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert body.strip().startswith("<tr") and "consentement du jeune n&#x27;est plus valable" in body
    assert Positioning.objects.get(pk=positioning.pk).status == S.PROPOSED


def test_the_partner_list_counts_only_candidacies_transmitted_to_it(client, personas, youth, opportunity):
    from relais.positionings import services

    client.force_login(personas.geiq_recruiter)
    positioning = services.positioning_propose(
        youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
    )
    rows = client.get("/opportunites/?vue=publiees").context["page_obj"].object_list
    assert [o.positioning_count for o in rows if o.pk == opportunity.pk] == [0]
    apply(POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(personas.cre_a))
    rows = client.get("/opportunites/?vue=publiees").context["page_obj"].object_list
    assert [o.positioning_count for o in rows if o.pk == opportunity.pk] == [1]


def test_the_row_redrawn_after_an_htmx_transmit_is_access_logged(client, personas, youth, opportunity):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    before = set(accesses_to(youth).values_list("pk", flat=True))
    client.force_login(personas.cre_a)
    response = client.post(
        f"/positionnements/{positioning.pk}/transmit/", {"row": "1"}, headers={"HX-Request": "true"}
    )
    assert "DUPONT" in response.content.decode()
    [log] = accesses_to(youth).exclude(pk__in=before)
    assert log.kind == AccessLog.Kind.LIST and log.user == personas.cre_a


def test_each_side_reads_its_own_word_in_the_message_after_a_move(client, personas, youth, opportunity):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    client.force_login(personas.cre_a)
    response = client.post(f"/positionnements/{positioning.pk}/transmit/", follow=True)
    assert f"Positionnement n°{positioning.pk} : transmis au partenaire." in response.content.decode()
    client.force_login(personas.geiq_recruiter)
    response = client.post(f"/positionnements/{positioning.pk}/acknowledge/", follow=True)
    assert f"Candidature n°{positioning.pk} : pris en compte par le partenaire." in response.content.decode()


def test_a_row_transmitted_in_place_redraws_the_lists_count_and_says_what_was_done(
    client, personas, youth, opportunity
):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    client.force_login(personas.cre_a)
    assert "1 positionnement<" in client.get("/positionnements/a-transmettre/").content.decode()
    response = client.post(
        f"/positionnements/{positioning.pk}/transmit/",
        {"row": "1", "list_status": "proposed"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert (
        'id="positioning-count" data-testid="positioning-count" hx-swap-oob="true">Aucun positionnement'
        in body
    )
    assert "transmis au partenaire" in body and 'id="row-message"' in body
