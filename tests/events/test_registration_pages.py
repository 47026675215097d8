"""Registration and document pages through the client, the announcement digest and the last-activity hook."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from relais.core.models import AccessLogSubject
from relais.core.notifications import Frequency, send_daily_digests
from relais.core.notifications.preferences import notification_preference_set
from relais.core.scope import Scope
from relais.events.enums import RegistrationStatus as R
from relais.events.registrations import registration_add_youth, registration_move
from relais.events.services import event_move
from relais.youths.hooks import last_activity_elsewhere
from tests.events.factories import make_event
from tests.youths.factories import YouthFactory

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def event(personas):
    return make_event(personas.network.geiq, invite=[personas.network.ml_a])


def test_a_professional_registers_themself_from_the_event_page(client, personas, event):
    client.force_login(personas.cre_a)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert reverse("events:register_self", args=[event.pk]) in page
    response = client.post(reverse("events:register_self", args=[event.pk]))
    assert response.url == reverse("events:detail", args=[event.pk])
    assert event.registrations.get().person == personas.cre_a.person
    client.force_login(personas.counsellor_b)  # ML B is not invited: the event is not theirs to see
    assert client.post(reverse("events:register_self", args=[event.pk])).status_code == 404


def test_the_youth_search_shows_and_logs_only_the_matching_young_people(client, personas, event):
    ml_a = personas.network.ml_a
    lea = YouthFactory(mission_locale=ml_a, last_name="Durandal", first_name="Léa", imilo_id="LY123")
    other = YouthFactory(mission_locale=ml_a, last_name="Perrin", first_name="Tom")
    elsewhere = YouthFactory(mission_locale=personas.network.ml_b, last_name="Durandal", first_name="Max")
    client.force_login(personas.counsellor_a)
    url = reverse("events:register_youth", args=[event.pk])
    empty = client.get(url).content.decode()
    assert "Recherchez le jeune" in empty and "Perrin" not in empty
    assert not AccessLogSubject.objects.exists()
    page = client.get(url, {"q": "durandal"}).content.decode()
    assert "Léa Durandal" in page and "Max" not in page and "Perrin" not in page
    assert set(AccessLogSubject.objects.values_list("subject_id", flat=True)) == {lea.pk}
    assert "Léa Durandal" in client.get(url, {"q": "LY123"}).content.decode()
    assert {other.pk, elsewhere.pk}.isdisjoint(AccessLogSubject.objects.values_list("subject_id", flat=True))


def test_a_young_person_is_registered_only_with_the_consent_box_ticked(client, personas, event):
    lea = YouthFactory(mission_locale=personas.network.ml_a, last_name="Durandal", first_name="Léa")
    client.force_login(personas.counsellor_a)
    url = reverse("events:register_youth", args=[event.pk])
    page = client.post(url, {"q": "durandal", "youth": lea.pk}).content.decode()
    assert "Recueillez l&#x27;accord du jeune" in page or "Recueillez l'accord du jeune" in page
    assert 'data-testid="youth-chosen"' in page  # the choice is kept
    assert not event.registrations.exists()
    response = client.post(url, {"q": "durandal", "youth": lea.pk, "consent_recorded": "on"})
    assert response.url == reverse("events:detail", args=[event.pk])
    registration = event.registrations.get()
    assert (registration.youth, registration.consent_recorded) == (lea, True)
    # Registered already: not offered again.
    assert "Léa Durandal" not in client.get(url, {"q": "durandal"}).content.decode()


def test_another_mission_locales_young_person_answers_404(client, personas, event):
    elsewhere = YouthFactory(mission_locale=personas.network.ml_b)
    client.force_login(personas.counsellor_a)
    url = reverse("events:register_youth", args=[event.pk])
    assert client.post(url, {"youth": elsewhere.pk, "consent_recorded": "on"}).status_code == 404
    assert client.post(url, {"youth": "1; drop", "consent_recorded": "on"}).status_code == 404
    assert not event.registrations.exists()
    client.force_login(personas.geiq_recruiter)  # the partner organiser registers no young person
    assert client.get(url).status_code == 403


def test_the_youth_search_is_bounded(client, personas, event):
    for i in range(21):
        YouthFactory(mission_locale=personas.network.ml_a, last_name="Martin", first_name=f"Prénom{i:02d}")
    client.force_login(personas.counsellor_a)
    page = client.get(reverse("events:register_youth", args=[event.pk]), {"q": "martin"}).content.decode()
    assert page.count('name="youth"') == 20
    assert "D&#x27;autres jeunes correspondent" in page or "D'autres jeunes correspondent" in page
    assert AccessLogSubject.objects.count() == 20


def test_an_organiser_uploads_a_document_that_invited_staff_download_and_others_cannot(
    client, personas, event, settings
):
    client.force_login(personas.geiq_recruiter)
    url = reverse("events:document_upload", args=[event.pk])
    bad = client.post(
        url, {"title": "Script", "kind": "other", "file": SimpleUploadedFile("x.pdf", b"MZ\x90")}
    )
    assert bad.status_code == 200 and not event.documents.exists()
    upload = SimpleUploadedFile("support.pdf", PDF, content_type="application/pdf")
    response = client.post(url, {"title": "Support de présentation", "kind": "other", "file": upload})
    assert response.status_code == 302
    document = event.documents.get()
    assert str(settings.PRIVATE_STORAGE_ROOT) in document.file.path
    download = reverse("events:document", args=[event.pk, document.pk])
    client.force_login(personas.cre_a)  # invited: sees the event and its documents
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert client.get(url).status_code == 403  # but does not upload
    for user in (personas.counsellor_b, personas.state_observer):
        client.force_login(user)
        assert client.get(download).status_code == 404
    other = make_event(personas.network.geiq, invite=[personas.network.ml_b])
    client.force_login(personas.cre_a)
    assert client.get(reverse("events:document", args=[other.pk, document.pk])).status_code == 404


def test_a_cre_reading_the_daily_digest_gets_the_announcement_the_next_morning(
    personas, django_capture_on_commit_callbacks
):
    cre = personas.cre_a
    notification_preference_set(scope=Scope.for_user(cre), code="events.announced", frequency=Frequency.DAILY)
    draft = make_event(personas.network.geiq, status="draft", invite=[personas.network.ml_a], days=20)
    with django_capture_on_commit_callbacks(execute=True):
        event_move(event=draft, name="publish", scope=Scope.for_user(personas.geiq_recruiter))
    assert mail.outbox == []  # a digest reader gets nothing at once
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(tomorrow, datetime.time(7, 5), PARIS), tick=False):
        assert send_daily_digests() == 1
    assert mail.outbox[0].to == [cre.email]
    assert "Collective métiers du BTP" in mail.outbox[0].body


def test_a_registration_and_its_later_moves_count_as_the_young_persons_last_activity(personas, event):
    youth = YouthFactory(mission_locale=personas.network.ml_a)
    assert youth.pk not in last_activity_elsewhere([youth.pk])
    registration = registration_add_youth(
        event=event, youth=youth, scope=Scope.for_user(personas.counsellor_a), consent_recorded=True
    )
    assert last_activity_elsewhere([youth.pk])[youth.pk] == registration.registered_at
    later = timezone.now() + datetime.timedelta(days=3)
    with time_machine.travel(later, tick=False):
        registration_move(
            registration=registration, name="cancel", scope=Scope.for_user(personas.counsellor_a)
        )
    registration.refresh_from_db()
    assert registration.status == R.CANCELLED
    assert last_activity_elsewhere([youth.pk])[youth.pk] == later


def test_the_youth_search_page_takes_the_same_number_of_queries_for_one_or_many_results(
    client, personas, event
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(personas.counsellor_a)
    url = reverse("events:register_youth", args=[event.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"q": "martin"}).status_code == 200
        return len(queries)

    YouthFactory(mission_locale=personas.network.ml_a, last_name="Martin")
    one = count()
    YouthFactory.create_batch(8, mission_locale=personas.network.ml_a, last_name="Martin")
    assert count() == one
