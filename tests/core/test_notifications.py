"""The one notification system: registry, preferences, the outbox recorded before sending, the daily digest."""

import datetime
import re
import smtplib
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from relais.core.notifications import Frequency, OutboxEmail, deliver, notify, registered, send_daily_digests
from relais.core.notifications.outbox import SWEEP_DELAY, send_pending
from relais.core.notifications.preferences import (
    NotificationError,
    notification_preference_set,
    preferences_of,
)
from relais.core.scope import Scope
from relais.core.tasks import send_outbox_emails
from relais.core.workflows import apply
from relais.opportunities.enums import OpportunityStatus, PerimeterKind
from relais.opportunities.services import opportunity_diffuse
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.positionings.notifications import PositioningReminder, PositioningTransmitted
from tests.jobs.factories import RomeFamilyFactory, RomeTitleFactory
from tests.opportunities.factories import OpportunityFactory
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
Status = OutboxEmail.Status

# Every e-mail the product sends, by code.
EXPECTED_CODES = {
    "core.digest",
    "accounts.membership_suggested",
    "accounts.membership_suggestion_decided",
    "conventions.status_changed",
    "conventions.renewed",
    "conventions.upcoming_point",
    "conventions.upcoming_review",
    "conventions.late_item",
    "conventions.late_commitment",
    "opportunities.diffused",
    "positionings.transmitted",
    "positionings.returned",
    "positionings.partner_answer",
    "positionings.outcome",
    "positionings.closed_for_partner",
    "positionings.reminder",
    "youths.retention_notice",
    "events.announced",
    "events.reminder",
    "events.attendance_requested",
    "mentoring.follow_up_due",
    "api.token_expiring",
    "webhooks.endpoint_disabled",
}


@pytest.fixture
def mason(db):
    family = RomeFamilyFactory(code="F1703", label="Maçonnerie")
    return RomeTitleFactory(ogr_code="15830", family=family, label="Maçon / Maçonne")


@pytest.fixture
def proposed(personas, mason):
    opportunity = published_opportunity(personas.network, rome_title=mason)
    youth = consenting_youth(
        personas.network.ml_a,
        counsellor=personas.counsellor_a.person,
        commune=personas.network.lyon,
        sought_titles=[mason],
    )
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    mail.outbox.clear()
    return positioning


def scope(user):
    return Scope.for_user(user)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service and its on-commit callbacks (the e-mails), as a real request would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def rows(code=None):
    queryset = OutboxEmail.objects.all()
    return queryset.filter(code=code) if code else queryset


# ---- registry and texts -------------------------------------------------------------------------------------


def test_every_email_of_the_product_is_a_registered_notification_with_its_french_texts():
    notifications = registered()
    assert {n.code for n in notifications} == EXPECTED_CODES
    for notification in notifications:
        assert notification.label and notification.section
        get_template(notification.template("subject"))
        get_template(notification.template("body"))
        if notification.digest:
            get_template(notification.template("digest"))
    # Who may turn what off: the follow-up of a partnership is not optional, the rest is.
    mandatory = {n.code for n in notifications if not n.optional}
    assert mandatory == {
        "core.digest",
        "conventions.status_changed",
        "conventions.renewed",
        "conventions.late_item",
        "conventions.late_commitment",
        # The Mission Locale must hear of a coming anonymisation to be able to keep the record.
        "youths.retention_notice",
        # An organisation's tool stops working (a token expires, an endpoint is disabled): its managers must know.
        "api.token_expiring",
        "webhooks.endpoint_disabled",
    }
    assert {n.code for n in notifications if n.digest} == {
        "opportunities.diffused",
        "positionings.partner_answer",
        "positionings.outcome",
        "events.announced",
    }


# ---- preferences --------------------------------------------------------------------------------------------


def test_a_user_who_turns_a_notification_off_gets_no_row_and_no_email(personas, proposed, committed):
    notification_preference_set(
        scope=scope(personas.geiq_recruiter), code="positionings.transmitted", enabled=False
    )
    assert preferences_of(personas.geiq_recruiter)["positionings.transmitted"].enabled is False
    committed(apply, POSITIONING_LIFECYCLE, proposed, "transmit", scope=scope(personas.cre_a))
    assert not rows("positionings.transmitted").exists()
    assert mail.outbox == []


def test_a_notification_that_may_not_be_turned_off_refuses(personas):
    with pytest.raises(NotificationError, match="ne peut pas être désactivé"):
        notification_preference_set(
            scope=scope(personas.arml_coordinator), code="conventions.late_item", enabled=False
        )
    with pytest.raises(NotificationError, match="pas proposé en récapitulatif"):
        notification_preference_set(
            scope=scope(personas.geiq_recruiter), code="positionings.transmitted", frequency=Frequency.DAILY
        )
    with pytest.raises(NotificationError, match="inconnue"):
        notification_preference_set(scope=scope(personas.cre_a), code="positionings.nothing", enabled=False)
    assert not personas.arml_coordinator.notification_preferences.exists()
    assert preferences_of(personas.arml_coordinator)["conventions.late_item"].enabled is True


def test_the_preferences_page_lists_what_may_be_turned_off_and_what_is_always_sent(client, personas):
    client.force_login(personas.cre_a)
    html = client.get(reverse("core:notifications")).content.decode()
    assert "<h1>Mes notifications</h1>" in html
    for section in ("Conventions", "Opportunités", "Positionnements"):
        assert f">{section}</h2>" in html
    assert 'name="positionings__transmitted"' in html and 'name="opportunities__diffused"' in html
    assert "Engagement en retard" in html and 'name="conventions__late_commitment"' not in html
    # Every choice has its own label.
    ids = re.findall(r'<input[^>]*type="(?:checkbox|radio)"[^>]*id="([^"]+)"', html)
    assert len(ids) >= 8
    for control in ids:
        assert f'for="{control}"' in html, control


def test_the_old_preference_addresses_lead_to_the_one_page(client, personas):
    client.force_login(personas.cre_a)
    for old in (reverse("opportunities:preferences"), reverse("positionings:preferences")):
        assert client.get(old)["Location"] == reverse("core:notifications")


# ---- the outbox ---------------------------------------------------------------------------------------------


def test_emails_are_recorded_in_the_transaction_and_sent_only_on_commit(
    personas, proposed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=scope(personas.cre_a))
    row = rows("positionings.transmitted").get()
    assert (row.recipient, row.status, row.object_type, row.object_id) == (
        personas.geiq_recruiter,
        Status.PENDING,
        "positionings.positioning",
        proposed.pk,
    )
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    row.refresh_from_db()
    assert row.status == Status.SENT and row.sent_at is not None
    assert (
        row.subject
        == mail.outbox[0].subject
        == "[Relais] Nouvelle candidature transmise par une Mission Locale"
    )
    assert mail.outbox[0].to == [personas.geiq_recruiter.email]
    assert mail.outbox[0].extra_headers["Auto-Submitted"] == "auto-generated"


def test_a_rolled_back_event_records_and_sends_nothing(
    personas, proposed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=scope(personas.cre_a))
            raise RuntimeError("the service failed after notifying")
    assert not rows("positionings.transmitted").exists() and mail.outbox == []


def test_the_same_event_is_recorded_once_and_a_retried_job_sends_it_once(
    personas, proposed, django_capture_on_commit_callbacks
):
    proposed = apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=scope(personas.cre_a))
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(PositioningReminder, obj=proposed, key="reminder-1")
        again = notify(PositioningReminder, obj=proposed, key="reminder-1")  # a re-run job
    assert len(first) == 1 and again == []
    assert len(mail.outbox) == 1 and "Relance" in mail.outbox[0].subject
    row = first[0]
    assert send_outbox_emails.call_local([row.pk]) == 0  # the job retried, or run again after a restart
    assert deliver([row.pk]) == 0
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENT, 1)
    # Another key is another event: the second reminder is a second e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        assert len(notify(PositioningReminder, obj=proposed, key="reminder-2")) == 1
    assert len(mail.outbox) == 2


def test_the_actor_is_not_told_of_their_own_action(personas, proposed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        recorded = notify(PositioningTransmitted, obj=proposed, scope=scope(personas.geiq_recruiter))
    assert recorded == [] and mail.outbox == []


def test_a_row_whose_job_was_lost_is_sent_once_by_the_periodic_sweep(
    personas, proposed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # the worker restarted: the job never ran
        apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=scope(personas.cre_a))
    row = rows("positionings.transmitted").get()
    assert send_pending(now=timezone.now()) == 0  # too recent: its own job may still be on the way
    assert send_pending(now=timezone.now() + SWEEP_DELAY) == 1
    assert send_pending(now=timezone.now() + SWEEP_DELAY) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [personas.geiq_recruiter.email]
    row.refresh_from_db()
    assert row.status == Status.SENT


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every message (what an SMTP outage looks like to Relais)."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connexion perdue")


def test_a_refused_email_stays_pending_and_goes_out_once_the_server_is_back(
    personas, proposed, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=scope(personas.cre_a))
    row = rows("positionings.transmitted").get()
    locmem = settings.MAILERS
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    with pytest.raises(smtplib.SMTPServerDisconnected):
        deliver([row.pk])  # the job queue retries it
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.PENDING, 1) and "Connexion perdue" in row.last_error
    settings.MAILERS = locmem
    assert deliver([row.pk]) == 1
    assert len(mail.outbox) == 1


def test_a_recipient_gone_before_the_job_is_skipped(personas, proposed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=scope(personas.cre_a))
    personas.geiq_recruiter.is_active = False
    personas.geiq_recruiter.save(update_fields=["is_active"])
    row = rows("positionings.transmitted").get()
    assert deliver([row.pk]) == 0
    row.refresh_from_db()
    assert row.status == Status.SKIPPED and mail.outbox == []


# ---- the daily digest ---------------------------------------------------------------------------------------


def test_the_daily_digest_gathers_each_users_waiting_notifications_in_one_email(
    personas, proposed, mason, django_capture_on_commit_callbacks
):
    cre = personas.cre_a
    for code in ("opportunities.diffused", "positionings.partner_answer"):
        notification_preference_set(scope=scope(cre), code=code, frequency=Frequency.DAILY)
    transmitted = apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=scope(personas.cre_a))
    opportunity = OpportunityFactory(
        publisher=personas.network.geiq,
        rome_title=mason,
        commune=personas.network.lyon,
        status=OpportunityStatus.PUBLISHED,
        published_at=timezone.now(),
        title="Coffreur·se bancheur·se",
    )
    with time_machine.travel(datetime.datetime(2026, 3, 2, 15, 0, tzinfo=PARIS), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            opportunity_diffuse(
                opportunity=opportunity,
                scope=Scope.for_user(personas.arml_coordinator),
                perimeter=PerimeterKind.LIST,
                mission_locales=[personas.network.ml_a],
            )
            apply(POSITIONING_LIFECYCLE, transmitted, "acknowledge", scope=scope(personas.geiq_recruiter))
    # The counsellor, who chose nothing, got the answer at once; the CRE waits for the morning.
    assert [m.to for m in mail.outbox] == [[personas.counsellor_a.email]]
    waiting = rows().filter(recipient=cre, status=Status.WAITING)
    assert {r.code for r in waiting} == {"opportunities.diffused", "positionings.partner_answer"}
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime(2026, 3, 3, 7, 30, tzinfo=PARIS), tick=False):
        assert send_daily_digests() == 1
        assert send_daily_digests() == 0  # a second run the same day sends nothing more
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [cre.email]
    assert (
        digest.subject
        == "Récapitulatif du 03/03/2026 : 1 opportunité(s) reçue(s), 1 réponse(s) de partenaire"
    )
    assert "Opportunités diffusées à votre Mission Locale" in digest.body
    assert "Coffreur·se bancheur·se" in digest.body
    assert (
        f"Positionnement n°{proposed.pk}" in digest.body and "Pris en compte par le partenaire" in digest.body
    )
    assert reverse("core:notifications") in digest.body
    row = rows("core.digest").get()
    assert row.status == Status.SENT and row.recipient == cre
    assert set(row.digest_items.values_list("status", flat=True)) == {Status.GROUPED}
    assert not rows().filter(status=Status.WAITING).exists()


def test_no_digest_is_sent_to_someone_with_nothing_waiting(personas):
    with time_machine.travel(datetime.datetime(2026, 3, 3, 9, 0, tzinfo=PARIS), tick=False):
        assert send_daily_digests() == 0
    assert not rows("core.digest").exists() and mail.outbox == []


def test_digests_wait_for_seven_in_the_morning(personas, proposed, django_capture_on_commit_callbacks):
    notification_preference_set(
        scope=scope(personas.counsellor_a), code="positionings.partner_answer", frequency=Frequency.DAILY
    )
    transmitted = apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=scope(personas.cre_a))
    with django_capture_on_commit_callbacks(execute=True):
        apply(POSITIONING_LIFECYCLE, transmitted, "acknowledge", scope=scope(personas.geiq_recruiter))
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime(2026, 3, 3, 6, 59, tzinfo=PARIS), tick=False):
        assert send_daily_digests() == 0
    with time_machine.travel(datetime.datetime(2026, 3, 3, 7, 0, tzinfo=PARIS), tick=False):
        assert send_daily_digests() == 1
    assert mail.outbox[0].to == [personas.counsellor_a.email]
