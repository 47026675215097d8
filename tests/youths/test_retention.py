"""The retention pass: notice 30 days before, cancelled by activity, anonymisation, the age cap, log purge."""

import csv
import dataclasses
import datetime
import zoneinfo

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.management import CommandError, call_command

from relais.conventions.models import Convention
from relais.core.models import AccessLog, AuditEvent
from relais.core.notifications import OutboxEmail
from relais.core.scope import Scope
from relais.core.services import audit, log_access
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.models import Positioning
from relais.positionings.selectors import positioning_counts_for_convention
from relais.youths.models import Youth
from relais.youths.retention import age_cap_at, run_retention
from relais.youths.services import EDITABLE_FIELDS, youth_update
from relais.youths.tasks import daily_retention
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
T0 = datetime.datetime(2026, 1, 10, 10, 0, tzinfo=PARIS)
INACTIVE_AT = T0 + relativedelta(months=24)  # with the default 24 months
NOTICE_AT = INACTIVE_AT - datetime.timedelta(days=30)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def clock(time_machine):
    def move(moment):
        time_machine.move_to(moment, tick=False)

    move(T0)
    return move


@pytest.fixture
def youth(personas, clock):
    return consenting_youth(
        personas.network.ml_a,
        counsellor=personas.counsellor_a.person,
        commune=personas.network.lyon,
        imilo_id="IM-RET-1",
        first_name="Léa",
        last_name="Canari",
        email="lea.canari@example.org",
    )


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """An applied pass whose e-mails are sent (on commit), as the job does."""

    def go(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return run_retention(apply=True, **kwargs)

    return go


def edit(personas, youth, **changes) -> None:
    """A counsellor's edit through the service, as the form posts it (every field)."""
    youth = Youth.objects.get(pk=youth.pk)
    fields = {name: getattr(youth, name) for name in EDITABLE_FIELDS}
    youth_update(youth=youth, scope=Scope.for_user(personas.counsellor_a), **{**fields, **changes})


def notices_of(youth) -> list[OutboxEmail]:
    return list(OutboxEmail.objects.filter(code="youths.retention_notice", object_id=youth.pk))


def test_the_notice_goes_30_days_before_to_the_counsellor_and_the_referent_once(personas, youth, clock, run):
    clock(NOTICE_AT - HOUR)
    assert run().notices == 0
    clock(NOTICE_AT + HOUR)
    updated_at = Youth.objects.get(pk=youth.pk).updated_at
    report = run()
    assert (report.notices, report.anonymised) == (1, 0)
    assert {row.recipient for row in notices_of(youth)} == {personas.counsellor_a, personas.cre_a}
    sent = [message for message in mail.outbox if "anonymisée" in message.subject]
    assert sorted(message.to[0] for message in sent) == ["conseil@ml-lyon.test", "cre@ml-lyon.test"]
    assert "10/01/2028" in sent[0].subject and f"/jeunes/{youth.pk}/" in sent[0].body
    assert "Canari" not in sent[0].body and "IM-RET-1" not in sent[0].body
    youth.refresh_from_db()
    assert youth.retention_notice_at == NOTICE_AT + HOUR
    assert youth.updated_at == updated_at  # the notice is no activity
    # The next days: nothing new is sent.
    clock(NOTICE_AT + datetime.timedelta(days=3))
    assert run().notices == 0
    assert len(notices_of(youth)) == 2


def test_the_record_is_anonymised_at_the_end_of_the_notice_period(personas, youth, clock, run):
    opportunity = published_opportunity(personas.network)
    positioning = positioning_at(personas, S.CANCELLED, youth=youth, opportunity=opportunity)
    # The positioning is activity: the clock starts from it (closed at T0 too).
    clock(NOTICE_AT + HOUR)
    run()
    clock(INACTIVE_AT - HOUR)
    assert run().anonymised == 0
    clock(INACTIVE_AT + HOUR)
    report = run()
    assert (report.anonymised_inactive, report.anonymised_age_cap) == (1, 0)
    assert not Youth.objects.filter(pk=youth.pk).exists()
    positioning.refresh_from_db()
    assert positioning.is_anonymised and positioning.youth_ref == youth.pk
    # Free text that may name the young person is gone with the record.
    assert positioning.motivation == "" and positioning.reason == ""
    assert not positioning.transitions.exclude(note="").exists()
    event = AuditEvent.objects.get(action="youth.anonymise")
    assert event.actor is None and event.details == {
        "mission_locale": youth.mission_locale_id,
        "reason": "inactive",
    }


def test_no_anonymisation_without_a_full_notice_period_first(youth, clock, run):
    # The job did not run for months: the first pass after the deadline warns, the anonymisation waits 30 days.
    late = INACTIVE_AT + datetime.timedelta(days=100)
    clock(late)
    assert (run().notices, Youth.objects.filter(pk=youth.pk).exists()) == (1, True)
    clock(late + datetime.timedelta(days=29))
    assert run().anonymised == 0
    clock(late + datetime.timedelta(days=30, hours=1))
    assert run().anonymised == 1


def test_new_activity_cancels_the_notice_and_a_new_one_comes_when_inactive_again(personas, youth, clock, run):
    clock(NOTICE_AT + HOUR)
    run()
    clock(NOTICE_AT + datetime.timedelta(days=10))
    edit(personas, youth, phone="06 00 00 00 00")
    clock(INACTIVE_AT + datetime.timedelta(days=1))
    report = run()
    assert (report.notices, report.anonymised) == (0, 0)
    assert Youth.objects.filter(pk=youth.pk).exists()
    assert len(notices_of(youth)) == 2
    # Inactive again: a second notice, then the anonymisation.
    edited = NOTICE_AT + datetime.timedelta(days=10)
    clock(edited + relativedelta(months=24) - datetime.timedelta(days=30) + HOUR)
    assert run().notices == 1
    assert len(notices_of(youth)) == 4
    clock(edited + relativedelta(months=24) + HOUR)
    assert run().anonymised == 1


def test_a_positioning_is_activity(personas, youth, clock, run):
    clock(T0 + relativedelta(months=6))
    positioning_at(personas, S.PROPOSED, youth=youth, opportunity=published_opportunity(personas.network))
    Youth.objects.filter(pk=youth.pk).update(updated_at=T0)  # the record itself untouched since T0
    clock(INACTIVE_AT + datetime.timedelta(days=40))
    assert run().notices == 0
    clock(T0 + relativedelta(months=30) - datetime.timedelta(days=30) + HOUR)
    assert run().notices == 1


def test_the_age_cap_anonymises_whatever_the_activity(personas, clock, run):
    born = datetime.date(2000, 5, 20)
    clock(datetime.datetime(2027, 11, 1, tzinfo=PARIS))  # recent activity: only the cap is due
    youth = consenting_youth(personas.network.ml_a, counsellor=personas.counsellor_a.person, birth_date=born)
    cap = age_cap_at(born)
    assert cap == datetime.datetime(2028, 5, 20, tzinfo=PARIS)
    clock(cap - datetime.timedelta(days=30) + HOUR)
    assert run().notices == 1
    assert notices_of(youth)[0].data["reason"] == "age_cap"
    # Activity right before the cap changes nothing, and sends no second notice.
    clock(cap - HOUR)
    edit(personas, youth, phone="06 00 00 00 00")
    assert run().notices == 0
    clock(cap + HOUR)
    report = run()
    assert (report.anonymised_age_cap, report.anonymised_inactive) == (1, 0)
    assert not Youth.objects.filter(pk=youth.pk).exists()


def test_running_twice_changes_nothing_and_sends_nothing_twice(youth, clock, run):
    clock(NOTICE_AT + HOUR)
    run()
    run()
    assert len(notices_of(youth)) == 2
    assert AuditEvent.objects.filter(action="youth.retention_notice").count() == 1
    clock(INACTIVE_AT + HOUR)
    assert run().anonymised == 1
    emails = OutboxEmail.objects.count()
    second = run()
    assert (second.notices, second.anonymised) == (0, 0)
    assert OutboxEmail.objects.count() == emails
    assert AuditEvent.objects.filter(action="youth.anonymise").count() == 1
    runs = AuditEvent.objects.filter(action="retention.run").order_by("created_at", "pk")
    assert [event.details["anonymised_inactive"] for event in runs] == [0, 0, 1, 0]


def test_a_dry_run_changes_nothing(youth, clock):
    clock(NOTICE_AT + HOUR)
    assert run_retention().notices == 1
    clock(INACTIVE_AT + datetime.timedelta(days=60))
    audit_rows = AuditEvent.objects.count()
    report = run_retention()
    # Without the notice, the dry run says it would warn, not anonymise.
    assert (report.applied, report.notices, report.anonymised) == (False, 1, 0)
    youth_after = Youth.objects.get(pk=youth.pk)
    assert youth_after.retention_notice_at is None and youth_after.last_name == "Canari"
    assert not OutboxEmail.objects.exists()
    assert AuditEvent.objects.count() == audit_rows


def test_the_command_is_a_dry_run_unless_told_to_apply(youth, clock, capsys):
    clock(NOTICE_AT + HOUR)
    call_command("retention")
    assert "Simulation" in capsys.readouterr().out
    assert Youth.objects.get(pk=youth.pk).retention_notice_at is None
    call_command("retention", "--apply", "--batch-size", "1")
    assert "avis d'anonymisation : 1" in capsys.readouterr().out
    assert Youth.objects.get(pk=youth.pk).retention_notice_at is not None


def test_the_kill_switch_stops_the_job_and_the_applied_command(youth, clock, settings):
    settings.RELAIS_RETENTION_ENABLED = False
    clock(INACTIVE_AT + datetime.timedelta(days=60))
    assert daily_retention.call_local() is None
    with pytest.raises(CommandError, match="RELAIS_RETENTION_ENABLED"):
        call_command("retention", "--apply")
    assert Youth.objects.get(pk=youth.pk).retention_notice_at is None
    assert not AuditEvent.objects.filter(action="retention.run").exists()
    settings.RELAIS_RETENTION_ENABLED = True
    assert daily_retention.call_local()["notices"] == 1


def test_batches_handle_every_record(personas, clock, run):
    youths = [consenting_youth(personas.network.ml_a) for _ in range(5)]
    clock(NOTICE_AT + HOUR)
    assert run(batch_size=2).notices == 5
    assert Youth.objects.filter(pk__in=[y.pk for y in youths], retention_notice_at__isnull=False).count() == 5


def test_access_and_audit_rows_older_than_12_months_are_exported_then_purged(
    personas, youth, clock, tmp_path
):
    old_access = log_access(
        user=None, kind=AccessLog.Kind.LIST, object_type="youths.youth", subject_ids=[youth.pk]
    )
    old_audit = audit(actor=None, action="youth.update", obj=youth, fields=["phone"])
    clock(T0 + relativedelta(months=12) - HOUR)
    recent_access = log_access(
        user=None, kind=AccessLog.Kind.READ, object_type="youths.youth", object_id=youth.pk
    )
    clock(T0 + relativedelta(months=12) + HOUR)
    assert run_retention().logs == {"access_logs_purged": 1, "audit_events_purged": 1}
    assert AccessLog.objects.filter(pk=old_access.pk).exists()  # the dry run kept it
    call_command("retention", "--apply", "--export-dir", str(tmp_path / "purge"))
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent_access.pk]
    assert not AuditEvent.objects.filter(pk=old_audit.pk).exists()
    files = sorted((tmp_path / "purge").iterdir())
    access_file = next(path for path in files if "acces" in path.name)
    audit_file = next(path for path in files if "audit" in path.name)
    with access_file.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["id"], row["subjects"]) for row in rows] == [
        (str(old_access.pk), f"youths.youth#{youth.pk}")
    ]
    with audit_file.open(encoding="utf-8") as handle:
        assert [row["id"] for row in csv.DictReader(handle)] == [str(old_audit.pk)]
    run_event = AuditEvent.objects.get(action="retention.run")
    assert (run_event.details["access_logs_purged"], run_event.details["audit_events_purged"]) == (1, 1)


def _figures(convention) -> dict:
    counts = positioning_counts_for_convention(convention)
    delays = counts.pop("delays")
    return {**counts, "delays": [getattr(delays, f.name).count for f in dataclasses.fields(delays)]}


def test_the_counts_of_a_convention_are_unchanged_after_the_anonymisation(personas, rome, youth, clock, run):
    n = personas.network
    convention = Convention.objects.create(title="Charte GEIQ × AMILAURA", kind="regional_charter")
    first = published_opportunity(n, rome_title=rome.mason, convention=convention)
    second = published_opportunity(n, rome_title=rome.mason_helper, convention=convention)
    # Not retained first: once hired, the young person is proposed again only with a confirmation.
    positioning_at(personas, S.NOT_RETAINED, youth=youth, opportunity=second)
    positioning_at(personas, S.HIRED, youth=youth, opportunity=first)
    other = consenting_youth(n.ml_a, commune=n.lyon)
    positioning_at(personas, S.TRANSMITTED, youth=other, opportunity=second)
    before = _figures(convention)
    assert (before["positioned"], before["hired"]) == (2, 1)
    clock(NOTICE_AT + HOUR)
    run()
    clock(INACTIVE_AT + HOUR)
    assert run().anonymised == 2
    assert Positioning.objects.filter(youth__isnull=True).count() == 3
    assert _figures(convention) == before
