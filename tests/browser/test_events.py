"""The AMILAURA coordinator plans the charter's annual partner webinar, the Lyon CRE registers, attendance is
recorded after the event, and the event shows on the charter's page and in the CRE's private calendar feed.

The clock is set a week before the webinar (10/09/2025) to plan it, then moved to the afternoon after it.
"""

import datetime
import re
import zoneinfo

import time_machine
from django.urls import reverse
from icalendar import Calendar
from playwright.sync_api import expect

from relais.conventions.feeds import calendar_feed_regenerate
from relais.conventions.models import Convention
from relais.conventions.seeds import load_seed_conventions
from relais.core.scope import Scope
from relais.events.models import Event

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
TITLE = "Webinaire annuel de présentation des GEIQ"


def test_the_coordinator_plans_the_partner_webinar_and_records_attendance(
    page, login, personas, screenshot, live_server
):
    n = personas.network
    with time_machine.travel(datetime.datetime(2025, 9, 10, 9, 30, tzinfo=PARIS), tick=True):
        load_seed_conventions()
        charter = Convention.objects.get(slug="seed-000-cr-geiq-aura-amilaura")
        login(personas.arml_coordinator)
        page.get_by_role("link", name="Événements", exact=True).first.click()
        page.get_by_role("link", name="Nouvel événement").click()
        page.get_by_label("Type d'événement").select_option(label="Webinaire partenaire")
        page.get_by_label("Intitulé").fill(TITLE)
        page.locator("#id_convention").select_option(str(charter.pk))
        # The CR GEIQ co-organises, chosen in the search picker.
        page.get_by_label("Ajouter une structure").fill("CR GEIQ")
        page.get_by_role("button", name=re.compile("CR GEIQ Auvergne-Rhône-Alpes")).click()
        expect(page.get_by_test_id("organisation-selected")).to_contain_text("CR GEIQ Auvergne-Rhône-Alpes")
        page.locator("#id_slot_1_date").fill("2025-09-16")
        page.locator("#id_slot_1_start").fill("10:00")
        page.locator("#id_slot_1_end").fill("11:30")
        page.get_by_text("À distance", exact=True).click()
        page.locator("#id_online_url").fill("https://webinaire.example.org/geiq-2025")
        page.locator("#id_audience").select_option(label="Professionnels")
        page.get_by_text("Toute la région", exact=True).click()
        page.locator("#id_region").select_option(label="Auvergne-Rhône-Alpes")
        page.locator("#id_description").fill(
            "Présentation des GEIQ de la région aux chargés de relations entreprises et aux référents "
            "handicap des Missions Locales."
        )
        screenshot(page, "events-form")
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
        page.get_by_role("link", name="Publier").click()
        page.get_by_role("button", name="Confirmer : publier").click()
        expect(page.get_by_text("Publier : c'est fait.")).to_be_visible()
        event = Event.objects.get(title=TITLE)
        assert event.status == "planned" and event.convention == charter
        assert set(event.invited_mission_locales.all()) == {n.ml_a, n.ml_b}

        # The Lyon CRE finds it in the month's calendar and registers.
        page.context.clear_cookies()
        login(personas.cre_a)
        page.goto("/evenements/")
        screenshot(page, "events-calendar")
        page.get_by_role("link", name=re.compile(TITLE)).click()
        page.get_by_role("button", name="M'inscrire").click()
        expect(page.get_by_text("Vous êtes inscrit·e.")).to_be_visible()
        expect(page.get_by_text("Votre inscription : inscrit")).to_be_visible()

    with time_machine.travel(datetime.datetime(2025, 9, 16, 15, 0, tzinfo=PARIS), tick=True):
        page.context.clear_cookies()
        login(personas.arml_coordinator)
        page.goto(f"/evenements/{event.pk}/")
        screenshot(page, "events-detail")
        page.get_by_role("link", name="Présences").click()
        page.locator("label", has_text="Chloé Martin").click()
        expect(page.get_by_label(re.compile("Chloé Martin"))).to_be_checked()
        screenshot(page, "events-checklist")
        page.get_by_role("button", name="Enregistrer les présences").click()
        expect(page.get_by_text("Présences enregistrées : 1 présent,")).to_be_visible()
        expect(page.get_by_text(re.compile("Chloé Martin.*présent"))).to_be_visible()

        # The charter's page lists its events.
        page.goto(f"/conventions/{charter.pk}/")
        section = page.get_by_role("link", name=TITLE)
        expect(section).to_be_visible()

        # The CRE's private calendar feed carries the webinar.
        feed = calendar_feed_regenerate(scope=Scope.for_user(personas.cre_a))
        response = page.request.get(
            live_server.url + reverse("conventions:feed", args=[feed.key, feed.secret])
        )
        assert response.ok
        events = Calendar.from_ical(response.body()).walk("VEVENT")
        webinar = next(v for v in events if str(v["uid"]) == f"event-{event.pk}@relais")
        assert str(webinar["summary"]).startswith(TITLE)
        assert webinar.decoded("dtstart") == datetime.datetime(2025, 9, 16, 10, 0, tzinfo=PARIS)


def test_the_organiser_imports_a_sign_in_sheet_after_a_forum(page, login, personas, screenshot):
    from relais.events.models import Registration
    from tests.events.factories import make_event
    from tests.youths.factories import YouthFactory

    n = personas.network
    forum = make_event(n.ml_a, days=-1, title="Forum de l'alternance de Lyon", kind="forum")
    Registration.objects.create(
        event=forum, kind="staff", person=personas.geiq_recruiter.person, status="registered"
    )
    youth = YouthFactory(mission_locale=n.ml_a, imilo_id="LY777", last_name="Durandal", first_name="Léa")
    Registration.objects.create(
        event=forum,
        kind="youth",
        youth=youth,
        organization=n.ml_a,
        status="registered",
        consent_recorded=True,
    )
    login(personas.cre_a)
    page.goto(f"/evenements/{forum.pk}/")
    page.get_by_role("link", name="Importer une feuille d'émargement").click()
    sheet = (
        "\ufeffE-mail;Nom;Prénom;Identifiant I-Milo;Présent\n"
        "recrutement@geiq-btp.test;Girard;Paul;;oui\n"
        ";Durandal;Léa;LY777;non\n"
        "coordination@amilaura.test;Violet;Alexia;;oui\n"
    ).encode()
    page.get_by_label("Feuille d'émargement").set_input_files(
        {"name": "emargement.csv", "mimeType": "text/csv", "buffer": sheet}
    )
    page.get_by_role("button", name="Analyser le fichier").click()
    preview = page.get_by_test_id("signin-preview")
    expect(preview).to_contain_text("Inscription et présence")
    expect(preview).to_contain_text("Léa Durandal (jeune)")
    screenshot(page, "events-signin-preview")
    page.get_by_role("button", name="Confirmer").click()
    expect(page.get_by_text("Feuille d'émargement importée : 2 présents, 1 absent")).to_be_visible()
    statuses = dict(forum.registrations.values_list("person__user__email", "status"))
    assert statuses["recrutement@geiq-btp.test"] == "attended"
    assert statuses["coordination@amilaura.test"] == "attended"
    assert forum.registrations.get(youth=youth).status == "no_show"
