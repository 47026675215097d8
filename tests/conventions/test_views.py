"""Pages and permissions per persona: members see, coordinators edit, observers read, others get 404."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from relais.conventions import editing
from relais.conventions.enums import ConventionStatus, OccurrenceKind, OccurrenceStatus
from relais.conventions.jobs import run_daily
from relais.conventions.models import Convention, Occurrence
from relais.core.scope import Scope
from relais.organizations.enums import OrganizationKind, Role
from tests.conventions.factories import ConventionFactory, scheduled
from tests.organizations.factories import OrganizationFactory, user_with_role

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def outsider(personas):
    return user_with_role(personas.network.arml_ge, Role.COORDINATOR, "coord@arml-ge.test")


@pytest.mark.parametrize(
    "persona",
    [
        "arml_coordinator",
        "geiq_coordinator",
        "cre_a",
        "counsellor_b",
        "geiq_recruiter",
        "state_observer",
        "admin",
    ],
)
def test_members_below_a_party_and_observers_see_the_aura_charter(client, personas, aura, persona):
    client.force_login(getattr(personas, persona))
    response = client.get(f"/conventions/{aura.pk}/")
    assert response.status_code == 200
    assert "Lucio CAMPANILE" in response.content.decode()


def test_someone_outside_the_parties_gets_404(client, partnership, outsider):
    client.force_login(outsider)
    assert client.get(f"/conventions/{partnership.pk}/").status_code == 404
    assert client.get(f"/conventions/{partnership.pk}/calendrier.ics").status_code == 404


def test_a_regional_state_observer_does_not_read_another_regions_charter(client, personas, grand_est):
    client.force_login(personas.state_observer)
    assert client.get(f"/conventions/{grand_est.pk}/").status_code == 404


def test_a_national_observer_reads_every_convention(client, seeded):
    dgefp_user = user_with_role(
        OrganizationFactory(kind=OrganizationKind.STATE, region=None, name="DGEFP obs"),
        Role.OBSERVER,
        "obs@dgefp.test",
    )
    client.force_login(dgefp_user)
    response = client.get("/conventions/")
    assert response.context["page_obj"].paginator.count == Convention.objects.count()


def test_members_read_but_do_not_edit(client, personas, partnership):
    client.force_login(personas.cre_a)
    assert client.get(f"/conventions/{partnership.pk}/modifier/").status_code == 403
    point = partnership.occurrences.first()
    assert client.post(f"/conventions/echeances/{point.pk}/realisee/", {"note": "x"}).status_code == 403


def test_list_shows_the_hierarchy_and_filters(client, personas, seeded):
    client.force_login(personas.admin)
    rows = client.get("/conventions/").context["page_obj"].object_list
    titles = [(c.slug, depth) for c, depth, _ in rows]
    parent = titles.index(("seed-002-medef-midi-pyrenees", 0))
    assert titles[parent + 1] == ("seed-002-local-medef-31-ml-toulouse", 1)
    assert [depth for slug, depth in titles if slug.startswith("seed-00") and "00" in slug][:2] == [0, 0]
    assert titles[0][0] in {"seed-003-mission-jeunes", "seed-004-unml-regions-de-france"}  # national first
    only_84 = client.get("/conventions/?region=84").context["page_obj"].object_list
    assert [c.slug for c, _, _ in only_84] == ["seed-000-cr-geiq-aura-amilaura"]
    national = client.get("/conventions/?region=national").context["page_obj"].object_list
    assert {c.slug for c, _, _ in national} == {"seed-003-mission-jeunes", "seed-004-unml-regions-de-france"}
    network = personas.network.cr_geiq.pk
    assert [c.slug for c, _, _ in client.get(f"/conventions/?network={network}").context["page_obj"]] == [
        "seed-000-cr-geiq-aura-amilaura"
    ]
    assert client.get("/conventions/?kind=local_application").context["page_obj"].paginator.count == 1


def test_list_query_count_does_not_grow_with_rows(client, personas):
    n = personas.network
    client.force_login(personas.arml_coordinator)

    def list_queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/conventions/")
        assert response.status_code == 200
        return len(captured), response

    def add_conventions(count):
        for _ in range(count):
            parent = ConventionFactory(region=n.aura, parties=[n.cr_geiq, n.arml])
            ConventionFactory(local=True, parent=parent, region=n.aura, parties=[n.arml, n.ml_a])

    add_conventions(2)
    list_queries()  # warm up the session
    small, response = list_queries()
    assert response.context["page_obj"].paginator.count == 4
    add_conventions(20)
    large, response = list_queries()
    assert response.context["page_obj"].paginator.count == 44
    assert large == small
    # Only the page's rows are loaded as conventions: 25 of the 44, in tree order (a partnership, its local one).
    page = list(response.context["page_obj"])
    assert len(page) == 25 and [depth for _, depth, _ in page[:4]] == [0, 1, 0, 1]
    assert page[1][0].parent == page[0][0]


def test_the_list_pages_follow_the_tree_order(client, personas):
    n = personas.network
    national = ConventionFactory(national=True, title="Accord national", parties=[n.unml])
    charters = [
        ConventionFactory(regional_charter=True, parent=national, title=f"Charte {i:02d}", parties=[n.arml])
        for i in range(30)
    ]
    client.force_login(personas.admin)
    first = [c for c, _, _ in client.get("/conventions/").context["page_obj"]]
    second = [c for c, _, _ in client.get("/conventions/?page=2").context["page_obj"]]
    assert first == [national, *charters[:24]] and second == charters[24:]


def test_coordinator_marks_a_point_done_with_a_note(client, personas, partnership):
    client.force_login(personas.arml_coordinator)
    point = partnership.occurrences.filter(kind=OccurrenceKind.FOLLOW_UP).first()
    response = client.post(
        f"/conventions/echeances/{point.pk}/realisee/",
        {"done_on": "2025-05-05", "note": "Point tenu à Lyon."},
    )
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.status == OccurrenceStatus.DONE and point.note == "Point tenu à Lyon."
    assert point.done_by == personas.arml_coordinator


def test_a_failed_form_keeps_what_was_typed(client, personas, partnership):
    client.force_login(personas.arml_coordinator)
    response = client.post(
        f"/conventions/{partnership.pk}/modifier/",
        {
            "title": "Titre conservé",
            "kind": "regional_charter",
            "renewal_rule": "fixed_term",
            "followup_cadence": "none",
            "start_date": "2025-01-10",
            "end_date": "2024-01-01",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Titre conservé" in html and "La date de fin doit suivre la date de début." in html


def test_impossible_transition_is_shown_as_a_french_message(client, personas, aura):
    client.force_login(personas.arml_coordinator)
    response = client.post(f"/conventions/{aura.pk}/statut/cancel/", {"note": ""}, follow=True)
    assert "Action impossible" in response.content.decode()


def test_destructive_transition_asks_for_confirmation(client, personas, aura):
    client.force_login(personas.arml_coordinator)
    response = client.get(f"/conventions/{aura.pk}/statut/end/")
    assert response.status_code == 200 and "définitive" in response.content.decode()
    aura.refresh_from_db()
    assert aura.status == "active"


def test_coordinator_creates_a_draft_convention(client, personas, seeded):
    client.force_login(personas.geiq_coordinator)
    response = client.post(
        "/conventions/nouvelle/",
        {
            "own_organization": personas.network.cr_geiq.pk,
            "partners": [personas.network.arml.pk],
            "title": "Convention locale GEIQ BTP",
            "kind": "local_application",
            "parent": seeded["seed-000-cr-geiq-aura-amilaura"].pk,
            "renewal_rule": "annual_on_review",
            "followup_cadence": "quarterly_point",
            "start_date": "2026-01-01",
            "duration_months": "12",
            "review_lead_months": "1",
            "indicators": "Jeunes positionnés\nJeunes recrutés",
        },
    )
    convention = Convention.objects.get(title="Convention locale GEIQ BTP")
    assert response.status_code == 302 and convention.status == "draft"
    assert convention.end_date == datetime.date(2026, 12, 31) and convention.indicators.count() == 2
    assert convention.parties.count() == 2


def test_a_counsellor_cannot_create(client, personas):
    client.force_login(personas.counsellor_a)
    assert client.get("/conventions/nouvelle/").status_code == 404


def test_icalendar_exports(client, personas, aura):
    client.force_login(personas.arml_coordinator)
    calendar = Calendar.from_ical(client.get(f"/conventions/{aura.pk}/calendrier.ics").content)
    events = calendar.walk("VEVENT")
    # Dated items only: the four undated one-off commitments have no place in a calendar.
    assert len(events) == aura.occurrences.filter(due_date__isnull=False).count() == 5
    mine = Calendar.from_ical(client.get("/conventions/mes-engagements/calendrier.ics").content)
    assert len(mine.walk("VEVENT")) == 5


def test_my_commitments_lists_late_items(client, personas, aura):
    client.force_login(personas.geiq_coordinator)
    response = client.get("/conventions/mes-engagements/")
    assert response.status_code == 200
    assert len(response.context["late"]) == 5  # every item of the 2024-2025 period is past today
    client.force_login(personas.counsellor_a)
    assert len(client.get("/conventions/mes-engagements/").context["late"]) == 0


@pytest.mark.parametrize("persona", ["state_observer", "cre_a", "geiq_recruiter"])
def test_observers_and_members_read_but_cannot_edit(client, personas, partnership, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(f"/conventions/{partnership.pk}/").status_code == 200
    assert client.get(f"/conventions/{partnership.pk}/modifier/").status_code == 403
    assert client.post(f"/conventions/{partnership.pk}/modifier/", {"title": "Changé"}).status_code == 403
    assert client.post(f"/conventions/{partnership.pk}/statut/end/", {"note": ""}).status_code == 403
    assert client.get(f"/conventions/{partnership.pk}/documents/deposer/").status_code == 403
    partnership.refresh_from_db()
    assert partnership.status == ConventionStatus.ACTIVE and partnership.title != "Changé"


def test_a_region_observer_reads_its_region_s_charter_only(client, personas, aura, grand_est):
    council = OrganizationFactory(
        kind=OrganizationKind.REGION_COUNCIL, name="Région Auvergne-Rhône-Alpes", region=personas.network.aura
    )
    client.force_login(user_with_role(council, Role.OBSERVER, "observation@region-aura.test"))
    assert client.get(f"/conventions/{aura.pk}/").status_code == 200
    assert client.get(f"/conventions/{aura.pk}/modifier/").status_code == 403
    assert client.get(f"/conventions/{grand_est.pk}/").status_code == 404


def test_a_unml_observer_reads_every_convention_and_edits_none(client, personas, seeded):
    client.force_login(user_with_role(personas.network.unml, Role.OBSERVER, "observation@unml.test"))
    assert client.get("/conventions/").context["page_obj"].paginator.count == Convention.objects.count()
    for convention in seeded.values():
        assert client.get(f"/conventions/{convention.pk}/").status_code == 200
        assert client.get(f"/conventions/{convention.pk}/modifier/").status_code == 403


def test_the_partner_network_filter_offers_only_parties_of_visible_conventions(client, personas, seeded):
    client.force_login(personas.geiq_coordinator)
    offered = set(
        client.get("/conventions/").context["form"].fields["network"].queryset.values_list("slug", flat=True)
    )
    assert "cr-geiq-84" in offered and "arml-84" in offered
    assert not offered & {"cr-geiq-44", "medef-midi-pyrenees", "regions-de-france", "dgefp"}
    client.force_login(personas.admin)
    offered = set(
        client.get("/conventions/").context["form"].fields["network"].queryset.values_list("slug", flat=True)
    )
    assert {"cr-geiq-44", "medef-midi-pyrenees", "regions-de-france"} <= offered


def test_reminders_show_on_the_convention_page_with_recipients_for_coordinators_only(
    client, personas, aura, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime.datetime(2025, 4, 22, 7, tzinfo=datetime.UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            run_daily()
    client.force_login(personas.arml_coordinator)
    html = client.get(f"/conventions/{aura.pk}/").content.decode()
    assert "Point de suivi dans 14 jours : Point semestriel (06/05/2025)" in html
    assert "animation@crgeiq-aura.test" in html and "coordination@amilaura.test" in html
    client.force_login(personas.cre_a)
    response = client.get(f"/conventions/{aura.pk}/")
    html = response.content.decode()
    assert html.count("Point de suivi dans 14 jours : Point semestriel (06/05/2025)") == 1
    assert "animation@crgeiq-aura.test" not in html and "Manuel Colombino &lt;" not in html
    assert "ne sont visibles que des coordinateurs" in html


def test_pages_show_the_name_the_text_uses_next_to_today_s(client, personas, seeded):
    medef = seeded["seed-002-medef-midi-pyrenees"]
    client.force_login(personas.admin)
    html = client.get(f"/conventions/{medef.pk}/").content.decode()
    assert "Agence nationale pour l&#x27;emploi (ANPE) — Direction régionale" in html
    assert "aujourd'hui : France Travail Occitanie" in html
    assert "DDTEFP de la Haute-Garonne" in client.get(f"/conventions/{medef.pk}/").content.decode()
    listing = client.get("/conventions/?region=76").content.decode()
    assert "Agence nationale pour l&#x27;emploi (ANPE) — Direction régionale" in listing
    assert "(aujourd'hui : France Travail Occitanie)" in listing


def test_the_steering_committee_members_are_listed_on_the_page(client, personas, seeded):
    medef = seeded["seed-002-medef-midi-pyrenees"]
    client.force_login(personas.admin)
    response = client.get(f"/conventions/{medef.pk}/")
    assert [p.organization.slug for p in response.context["steering_parties"]][:2] == [
        "drtefp-midi-pyrenees",
        "ddtefp-09",
    ]
    assert len(response.context["steering_parties"]) == 9
    assert 'data-testid="steering-members"' in response.content.decode()


def test_the_convention_page_query_count_does_not_grow_with_parties(client, personas, seeded):
    medef = seeded["seed-002-medef-midi-pyrenees"]

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/conventions/{medef.pk}/").status_code == 200
        return len(captured)

    client.force_login(personas.admin)
    queries()
    before = queries()
    for i in range(5):
        party = editing.party_add(
            convention=medef,
            scope=Scope.for_user(personas.admin),
            organization=OrganizationFactory(name=f"Partie {i}"),
        )
        editing.signatories_save(
            convention=medef,
            scope=Scope.for_user(personas.admin),
            rows=[
                {
                    "pk": s.pk,
                    "full_name": s.full_name,
                    "title": s.title,
                    "capacity": s.capacity,
                    "party": s.party,
                }
                for s in medef.signatories.all()
            ]
            + [{"pk": None, "full_name": f"Signataire {i}", "title": "", "party": party}],
        )
    assert queries() == before


def test_a_past_point_is_late_and_never_shown_as_the_next_one(client, personas):
    """A past occurrence of the MEDEF quarterly committee still showed "Prochain point … (prévue)"."""
    n = personas.network
    convention = scheduled(ConventionFactory(region=n.aura, parties=[n.cr_geiq, n.arml]))
    points = Occurrence.objects.filter(convention=convention, kind="follow_up").order_by("due_date")
    first, second = points[0], points[1]
    client.force_login(personas.arml_coordinator)
    moment = datetime.datetime.combine(
        first.due_date + datetime.timedelta(days=3), datetime.time(9), tzinfo=PARIS
    )
    with time_machine.travel(moment, tick=False):
        body = client.get(f"/conventions/{convention.pk}/").content.decode()
    next_point = body[body.index('data-testid="next-follow-up"') :].split("</p>")[0]
    assert f"{second.due_date:%d/%m/%Y}" in next_point and f"{first.due_date:%d/%m/%Y}" not in next_point
    overdue = body[body.index('data-testid="overdue-points"') :].split("</p>")[0]
    assert f"{first.due_date:%d/%m/%Y}" in overdue


def test_the_list_shows_one_row_per_convention_with_its_earlier_periods_folded(client, personas):
    """The demo renewed the 2024 charters up to today: three rows shared one title."""
    n = personas.network
    first = ConventionFactory(
        title="Charte GEIQ", region=n.aura, parties=[n.cr_geiq, n.arml], status="renewed"
    )
    second = ConventionFactory(
        title="Charte GEIQ",
        region=n.aura,
        parties=[n.cr_geiq, n.arml],
        status="renewed",
        period_number=2,
        previous_period=first,
    )
    current = ConventionFactory(
        title="Charte GEIQ",
        region=n.aura,
        parties=[n.cr_geiq, n.arml],
        status="active",
        period_number=3,
        previous_period=second,
    )
    local = ConventionFactory(
        title="Déclinaison Rhône", kind="local_application", parent=first, parties=[n.geiq]
    )
    client.force_login(personas.admin)
    rows = client.get("/conventions/").context["page_obj"].object_list
    assert [(c.pk, depth, [p.pk for p in earlier]) for c, depth, earlier in rows] == [
        (current.pk, 0, [second.pk, first.pk]),
        (local.pk, 1, []),
    ]
    body = client.get("/conventions/").content.decode()
    assert "2 périodes précédentes" in body


def test_other_parties_are_chosen_with_a_search_picker_not_a_long_select(client, personas):
    """ "Autres parties" was a ~500-option multi-select."""
    n = personas.network
    client.force_login(personas.arml_coordinator)
    page = client.get("/conventions/nouvelle/").content.decode()
    assert 'id="organisation-q"' in page and 'hx-get="/conventions/parties/"' in page
    assert '<select name="partners"' not in page
    found = client.get("/conventions/parties/", {"organisation_q": "geiq btp"}).content.decode()
    assert n.geiq.name in found and n.ml_b.name not in found
    tags = client.get("/conventions/parties/selection/", {"partners": [n.cr_geiq.pk], "add": n.geiq.pk})
    body = tags.content.decode()
    assert (
        f'name="partners" value="{n.cr_geiq.pk}"' in body and f'name="partners" value="{n.geiq.pk}"' in body
    )
