"""The opportunities pages: lists per role and their query counts, filters, pickers, forms, actions."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from relais.conventions.models import Convention, ConventionParty
from relais.core.notifications import NotificationPreference
from relais.opportunities.enums import OpportunityStatus
from relais.opportunities.models import Delivery, Opportunity
from tests.jobs.factories import RomeFamilyFactory, RomeTitleFactory
from tests.opportunities.factories import (
    OpportunityFactory,
    delivered,
    in_days,
)
from tests.territories.factories import CommuneFactory

pytestmark = pytest.mark.django_db
LIST = reverse("opportunities:list")


def make_received(personas, rome_title, count):
    n = personas.network
    for i in range(count):
        opportunity = OpportunityFactory(
            publisher=n.geiq,
            rome_title=rome_title,
            commune=n.lyon,
            status=OpportunityStatus.PUBLISHED,
            title=f"Poste {i}",
        )
        delivered(opportunity, n.ml_a)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize(
    ("persona", "view"), [("cre_a", "recues"), ("geiq_recruiter", "publiees"), ("arml_coordinator", "reseau")]
)
def test_list_pages_run_a_number_of_queries_that_does_not_grow_with_rows(
    client, personas, rome_title, persona, view, django_assert_max_num_queries
):
    client.force_login(getattr(personas, persona))
    make_received(personas, rome_title, 2)
    few, _ = count_queries(client, f"{LIST}?vue={view}")
    make_received(personas, rome_title, 20)
    many, response = count_queries(client, f"{LIST}?vue={view}")
    assert few == many
    with django_assert_max_num_queries(16):
        client.get(f"{LIST}?vue={view}")
    assert response.context["page_obj"].paginator.count == 22
    assert "Poste 19" in response.content.decode()


def test_the_cre_sees_what_was_diffused_to_the_mission_locale_with_unread_marks(client, personas, published):
    n = personas.network
    delivered(published, n.ml_a)
    other = OpportunityFactory(
        publisher=n.geiq,
        rome_title=published.rome_title,
        commune=n.lyon,
        status="published",
        title="Réservé à Grenoble",
    )
    delivered(other, n.ml_b)
    client.force_login(personas.cre_a)
    html = client.get(LIST).content.decode()
    unread_badge = 'fr-badge--new">Non lue<'
    assert "Maçon / Maçonne" in html and unread_badge in html
    assert "Réservé à Grenoble" not in html
    client.get(reverse("opportunities:detail", args=[published.pk]))
    assert unread_badge not in client.get(LIST).content.decode()


def test_filters_by_family_kind_and_distance(client, personas, rome_title):
    n = personas.network
    villeurbanne = CommuneFactory(
        code="69266", name="Villeurbanne", department=n.rhone, latitude=45.771, longitude=4.880
    )
    cook = RomeTitleFactory(
        ogr_code="77777",
        label="Cuisinier / Cuisinière",
        family=RomeFamilyFactory(code="G1602", label="Personnel de cuisine"),
    )
    near = OpportunityFactory(
        publisher=n.geiq,
        rome_title=rome_title,
        commune=villeurbanne,
        status="published",
        title="Près de Lyon",
    )
    far = OpportunityFactory(
        publisher=n.geiq, rome_title=rome_title, commune=n.grenoble, status="published", title="À Grenoble"
    )
    kitchen = OpportunityFactory(
        publisher=n.geiq,
        rome_title=cook,
        commune=n.lyon,
        status="published",
        kind="pmsmp",
        duration_months=None,
        weekly_hours=None,
        title="En cuisine",
    )
    for opportunity in (near, far, kitchen):
        delivered(opportunity, n.ml_a)
    client.force_login(personas.cre_a)

    def titles(query):
        response = client.get(f"{LIST}?{query}")
        return {o.display_title for o in response.context["page_obj"]}

    assert titles("") == {"Près de Lyon", "À Grenoble", "En cuisine"}
    assert titles("rome_family=F17") == {"Près de Lyon", "À Grenoble"}
    assert titles("rome_family=g1602") == {"En cuisine"}
    assert titles("kind=pmsmp") == {"En cuisine"}
    assert titles(f"commune={n.lyon.pk}&distance=20") == {"Près de Lyon", "En cuisine"}
    assert titles(f"commune={n.grenoble.pk}&distance=10") == {"À Grenoble"}
    response = client.get(f"{LIST}?commune={n.lyon.pk}")
    assert [o.display_title for o in response.context["page_obj"]][-1] == "À Grenoble"  # sorted by distance
    assert round(response.context["page_obj"][0].distance_km) in (0, 4)


def test_filters_by_start_dates_and_status(client, personas, rome_title):
    n = personas.network
    soon = OpportunityFactory(
        publisher=n.geiq,
        rome_title=rome_title,
        commune=n.lyon,
        status="published",
        title="Bientôt",
        start_date=in_days(5),
    )
    later = OpportunityFactory(
        publisher=n.geiq,
        rome_title=rome_title,
        commune=n.lyon,
        status="published",
        title="Plus tard",
        start_date=in_days(90),
    )
    done = OpportunityFactory(
        publisher=n.geiq, rome_title=rome_title, commune=n.lyon, status="filled", title="Pourvue"
    )
    for opportunity in (soon, later, done):
        delivered(opportunity, n.ml_a)
    client.force_login(personas.cre_a)
    response = client.get(f"{LIST}?start_from={in_days(30).isoformat()}")
    assert [o.display_title for o in response.context["page_obj"]] == ["Plus tard"]
    response = client.get(f"{LIST}?status=all")
    assert {o.display_title for o in response.context["page_obj"]} == {"Bientôt", "Plus tard", "Pourvue"}
    # Candidacies still open on a date: the closing date decides (none: open until filled or closed).
    soon.closing_date = in_days(3)
    soon.save(update_fields=["closing_date"])
    response = client.get(f"{LIST}?open_until={in_days(10).isoformat()}")
    assert [o.display_title for o in response.context["page_obj"]] == ["Plus tard"]


def test_the_partner_page_shows_diffusion_and_reading_counts(client, personas, published):
    n = personas.network
    delivered(published, n.ml_a, n.ml_b)
    Delivery.objects.filter(mission_locale=n.ml_a).update(first_read_at="2026-01-05T10:00:00Z")
    client.force_login(personas.geiq_recruiter)
    response = client.get(LIST)
    row = response.context["page_obj"][0]
    assert (row.delivery_count, row.read_count) == (2, 1)
    html = response.content.decode()
    assert 'data-testid="delivery-count">2<' in html and 'data-testid="read-count">1<' in html


def test_a_person_with_no_opportunity_role_gets_an_empty_state(client, personas):
    client.force_login(personas.state_observer)
    response = client.get(LIST)
    assert response.status_code == 200
    assert "Aucune ne concerne votre structure" in response.content.decode()


def test_the_form_pickers_use_the_shared_referential_searches(client, personas, rome_title):
    RomeTitleFactory(
        ogr_code="22222", label="Coffreur bancheur / Coffreuse bancheuse", short_label="Coffreur"
    )
    client.force_login(personas.geiq_recruiter)
    page = client.get(reverse("opportunities:create")).content.decode()
    assert f'hx-get="{reverse("jobs:rome_search")}"' in page
    assert f'hx-get="{reverse("territories:commune_search")}"' in page
    assert '"field": "rome_title", "key": "pk"' in page and '"field": "commune", "key": "pk"' in page
    results = client.get(
        reverse("jobs:rome_search"),
        {"rome_q": "maçon", "field": "rome_title"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert f'name="rome_title" value="{rome_title.pk}"' in results and "Coffreur" not in results
    by_code = client.get(reverse("jobs:rome_search"), {"rome_q": "F1703"}).content.decode()
    assert "Maçon" in by_code and "Coffreur" in by_code
    communes = client.get(reverse("territories:commune_search"), {"commune_q": "Greno"}).content.decode()
    assert f'name="commune" value="{personas.network.grenoble.pk}"' in communes


def test_the_list_filter_uses_the_shared_commune_search(client, personas, published):
    client.force_login(personas.counsellor_a)
    page = client.get(LIST, {"commune": personas.network.grenoble.pk}).content.decode()
    assert f'hx-get="{reverse("territories:commune_search")}"' in page
    assert f'name="commune" value="{personas.network.grenoble.pk}" checked' in page


def form_data(personas, rome_title, **overrides):
    data = {
        "publisher": personas.network.geiq.pk,
        "kind": "apprenticeship",
        "rome_title": rome_title.pk,
        "commune": personas.network.lyon.pk,
        "positions": 2,
        "start_date": in_days(30).isoformat(),
        "closing_date": in_days(20).isoformat(),
        "duration_months": 24,
        "weekly_hours": "35",
        "priority_publics": ["rqth", "qpv_resident"],
        "description": "Chantiers de l'agglomération",
    }
    data.update(overrides)
    return data


def test_the_recruiter_publishes_from_the_form(client, personas, rome_title):
    client.force_login(personas.geiq_recruiter)
    response = client.post(
        reverse("opportunities:create"), {**form_data(personas, rome_title), "publish": "1"}
    )
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "opportunities:detail", args=[opportunity.pk]
    )
    assert opportunity.status == OpportunityStatus.PUBLISHED
    assert opportunity.priority_publics == ["qpv_resident", "rqth"]


def test_a_failed_form_keeps_the_input_and_says_what_is_wrong(client, personas, rome_title):
    client.force_login(personas.geiq_recruiter)
    data = form_data(personas, rome_title, duration_months="", positions=0, description="Texte conservé")
    response = client.post(reverse("opportunities:create"), data)
    html = response.content.decode()
    assert response.status_code == 200 and not Opportunity.objects.exists()
    assert "Indiquez au moins un poste ou une place." in html
    assert "Texte conservé" in html
    assert f'value="{rome_title.pk}" checked' in html  # the chosen ROME title is still selected
    data = form_data(personas, rome_title, duration_months="")
    html = client.post(reverse("opportunities:create"), data).content.decode()
    assert "Indiquez la durée du contrat en mois." in html and not Opportunity.objects.exists()


def test_publishing_an_outdated_draft_from_the_form_keeps_it_as_draft_with_the_message(
    client, personas, rome_title
):
    client.force_login(personas.geiq_recruiter)
    data = {
        **form_data(personas, rome_title, start_date=in_days(-2).isoformat(), closing_date=""),
        "publish": "1",
    }
    html = client.post(reverse("opportunities:create"), data).content.decode()
    assert "La date de début est déjà passée." in html


def test_cancel_asks_for_confirmation_then_applies(client, personas, published):
    client.force_login(personas.geiq_recruiter)
    url = reverse("opportunities:transition", args=[published.pk, "cancel"])
    page = client.get(url)
    assert "Ce changement est définitif" in page.content.decode()
    published.refresh_from_db()
    assert published.status == OpportunityStatus.PUBLISHED
    response = client.post(url, {"note": "Besoin retiré"}, follow=True)
    published.refresh_from_db()
    assert published.status == OpportunityStatus.CANCELLED
    assert "Statut : annulée." in response.content.decode()
    response = client.post(url, follow=True)
    assert "Impossible de « annuler »" in response.content.decode()


def test_a_cre_cannot_reach_the_transition_page_of_a_received_opportunity(client, personas, published):
    delivered(published, personas.network.ml_a)
    client.force_login(personas.cre_a)
    url = reverse("opportunities:transition", args=[published.pk, "close"])
    assert client.get(url).status_code == 403
    client.post(url)
    published.refresh_from_db()
    assert published.status == OpportunityStatus.PUBLISHED


def test_the_coordinator_diffuses_through_the_form(
    client, personas, published, django_capture_on_commit_callbacks
):
    client.force_login(personas.arml_coordinator)
    url = reverse("opportunities:diffuse", args=[published.pk])
    assert "Toute la région" in client.get(url).content.decode()
    html = client.post(url, {"perimeter": "departments"}).content.decode()
    assert "Choisissez au moins un département." in html and not Delivery.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"perimeter": "departments", "departments": [personas.network.rhone.pk]}, follow=True
        )
    assert "Opportunité diffusée à 1 Mission Locale." in response.content.decode()
    assert [m.to for m in mail.outbox] == [["cre@ml-lyon.test"]]


def test_the_diffuse_page_is_refused_to_a_counsellor(client, personas, published):
    delivered(published, personas.network.ml_a)
    client.force_login(personas.counsellor_a)
    assert client.get(reverse("opportunities:diffuse", args=[published.pk])).status_code == 403


def test_the_preferences_page_saves_the_choice(client, personas):
    client.force_login(personas.cre_a)
    old = reverse("opportunities:preferences")  # the former page leads to the one preferences page
    url = reverse("core:notifications")
    assert client.get(old)["Location"] == url
    checked = re.compile(r'<input[^>]*name="opportunities__diffused"[^>]*value="(\w+)"[^>]*checked')
    assert checked.findall(client.get(url).content.decode()) == ["immediate"]  # the default
    client.post(
        url,
        {
            "opportunities__diffused": "daily",
            "positionings__partner_answer": "immediate",
            "positionings__outcome": "immediate",
            "events__announced": "immediate",
        },
    )
    preference = NotificationPreference.objects.get(user=personas.cre_a, code="opportunities.diffused")
    assert (preference.enabled, preference.frequency) == (True, "daily")
    assert checked.findall(client.get(url).content.decode()) == ["daily"]


def test_the_diffusion_setting_of_an_invisible_convention_answers_404_like_a_missing_one(client, personas):
    from relais.conventions.models import Convention, ConventionParty

    n = personas.network
    elsewhere = Convention.objects.create(
        title="Charte Grand Est", kind="regional_charter", region=n.grand_est
    )
    ConventionParty.objects.create(convention=elsewhere, organization=n.arml_ge)
    client.force_login(personas.arml_coordinator)
    invisible = client.get(reverse("opportunities:convention_setting", args=[elsewhere.pk]))
    missing = client.get(reverse("opportunities:convention_setting", args=[elsewhere.pk + 1000]))
    assert invisible.status_code == missing.status_code == 404
    own = Convention.objects.create(title="Charte AURA", kind="regional_charter", region=n.aura)
    ConventionParty.objects.create(convention=own, organization=n.arml)
    assert client.get(reverse("opportunities:convention_setting", args=[own.pk])).status_code == 200
    client.force_login(personas.counsellor_a)  # sees the convention of its network, may not set it
    assert client.get(reverse("opportunities:convention_setting", args=[own.pk])).status_code == 403


def test_the_form_preselects_the_convention_the_publisher_falls_under_and_says_what_none_means(
    client, personas
):
    """An opportunity published under "Aucune" never counted anywhere: the charter of its network head applies."""
    n = personas.network
    ended = Convention.objects.create(
        title="Charte 2021", kind="regional_charter", status="ended", region=n.aura
    )
    charter = Convention.objects.create(
        title="Charte GEIQ × AMILAURA", kind="regional_charter", status="active", region=n.aura
    )
    for convention in (ended, charter):
        ConventionParty.objects.create(convention=convention, organization=n.cr_geiq)
        ConventionParty.objects.create(convention=convention, organization=n.arml)
    client.force_login(personas.geiq_recruiter)
    body = client.get("/opportunites/nouvelle/").content.decode()
    assert f'<option value="{charter.pk}" selected>' in body
    assert "« Aucune » : l'opportunité ne sera comptée dans le bilan d'aucune convention" in body
    # The GEIQ's own local convention, once it exists, is the one that applies.
    local = Convention.objects.create(
        title="Convention GEIQ BTP Rhône × ML Lyon", kind="local_application", status="active", parent=charter
    )
    ConventionParty.objects.create(convention=local, organization=n.geiq)
    body = client.get("/opportunites/nouvelle/").content.decode()
    assert f'<option value="{local.pk}" selected>' in body
