"""Private calendar subscription links: the owner's calendar without a session, regenerable, nothing else."""

import pytest
from django.conf import settings
from django.urls import reverse
from icalendar import Calendar

from relais.conventions.feeds import calendar_feed_regenerate, feed_url
from relais.conventions.models import CalendarFeed
from relais.core.models import AuditEvent
from relais.core.scope import Scope


def path_of(feed) -> str:
    path = reverse("conventions:feed", args=[feed.key, feed.secret])
    assert feed_url(feed) == settings.RELAIS_BASE_URL.rstrip("/") + path
    return path


def events(response) -> list:
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_a_user_creates_their_link_on_my_commitments_page(client, personas, aura):
    client.force_login(personas.geiq_coordinator)
    page = client.get("/conventions/mes-engagements/").content.decode()
    assert "Créer mon lien d'abonnement" in page
    response = client.post("/conventions/mes-engagements/abonnement/", follow=True)
    feed = CalendarFeed.objects.get(user=personas.geiq_coordinator)
    assert (
        feed_url(feed) in response.content.decode() and 'data-testid="feed-url"' in response.content.decode()
    )
    assert AuditEvent.objects.filter(action="calendar_feed.create").exists()


def test_the_link_serves_the_owner_s_calendar_without_a_session(client, personas, aura):
    feed = calendar_feed_regenerate(scope=Scope.for_user(personas.geiq_coordinator))
    response = client.get(path_of(feed))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    summaries = [str(e["summary"]) for e in events(response)]
    assert len(summaries) == 5 and all("AMILAURA" in s for s in summaries)


def test_the_link_gives_only_the_owner_s_own_calendar(client, personas, aura, grand_est):
    # The CRE reads the charter and coordinates nothing.
    feed = calendar_feed_regenerate(scope=Scope.for_user(personas.cre_a))
    assert events(client.get(path_of(feed))) == []


@pytest.mark.parametrize(
    "tamper",
    [
        lambda key, secret: (key, secret[:-1] + ("A" if secret[-1] != "A" else "B")),
        lambda key, secret: (key, ""),
        lambda key, secret: ("0" * 32, secret),
    ],
)
def test_a_wrong_key_or_secret_answers_404(client, personas, aura, tamper):
    feed = calendar_feed_regenerate(scope=Scope.for_user(personas.geiq_coordinator))
    key, secret = tamper(feed.key, feed.secret)
    assert client.get(f"/conventions/abonnement/{key}/{secret or 'x'}/calendrier.ics").status_code == 404


def test_a_secret_opens_only_its_own_key(client, personas, aura):
    mine = calendar_feed_regenerate(scope=Scope.for_user(personas.geiq_coordinator))
    theirs = calendar_feed_regenerate(scope=Scope.for_user(personas.arml_coordinator))
    assert client.get(f"/conventions/abonnement/{theirs.key}/{mine.secret}/calendrier.ics").status_code == 404


def test_regenerating_the_link_stops_the_old_one(client, personas, aura):
    old = calendar_feed_regenerate(scope=Scope.for_user(personas.geiq_coordinator))
    old_path = path_of(old)
    client.force_login(personas.geiq_coordinator)
    client.post("/conventions/mes-engagements/abonnement/")
    new = CalendarFeed.objects.get(user=personas.geiq_coordinator)
    assert (new.key, new.secret) != (old.key, old.secret)
    client.logout()
    assert client.get(old_path).status_code == 404
    assert client.get(path_of(new)).status_code == 200
    assert AuditEvent.objects.filter(action="calendar_feed.regenerate").exists()


def test_the_link_of_a_deactivated_account_stops_working(client, personas, aura):
    feed = calendar_feed_regenerate(scope=Scope.for_user(personas.geiq_coordinator))
    personas.geiq_coordinator.is_active = False
    personas.geiq_coordinator.save(update_fields=["is_active"])
    assert client.get(path_of(feed)).status_code == 404


def test_creating_a_link_needs_a_logged_in_post(client, personas):
    assert client.post("/conventions/mes-engagements/abonnement/").status_code == 302  # to the login page
    assert not CalendarFeed.objects.exists()
    client.force_login(personas.geiq_coordinator)
    assert client.get("/conventions/mes-engagements/abonnement/").status_code == 405
