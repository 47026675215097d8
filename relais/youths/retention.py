"""Retention of young people's records (CNIL): the daily pass that warns, then anonymises, inactive records,
and purges the old access and audit rows.

A record's last activity is the latest of its own dates (creation, last edit, last import naming it) and of what
later apps know of it (youths.hooks.LAST_ACTIVITY: positionings proposed, transmitted or closed; events and
mentorships when they exist). A record inactive for RELAIS_RETENTION_INACTIVE_MONTHS is anonymised, but only
RELAIS_RETENTION_NOTICE_DAYS after a notice to its Mission Locale; new activity after the notice cancels it (the
next notice comes when the record is inactive again). Whatever the activity, a record is anonymised two years
(RELAIS_RETENTION_AGE_CAP_YEARS) after the 26th birthday, with a notice before it as well when there is time.
Each pass is idempotent: a notice is recorded once per record and cycle, an anonymised record is gone.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from relais.core.notifications import notify
from relais.core.retention import purge_logs
from relais.core.scope import Scope
from relais.core.services import audit
from relais.youths.hooks import last_activity_elsewhere
from relais.youths.models import Youth
from relais.youths.notifications import YouthRetentionNotice
from relais.youths.services import youth_anonymise

# The age after which the cap's extra years start to run.
CAP_BASE_AGE = 26
NOTICE, INACTIVE, AGE_CAP = "notice", "inactive", "age_cap"


@dataclass
class RetentionReport:
    applied: bool
    examined: int = 0
    notices: int = 0
    anonymised_inactive: int = 0
    anonymised_age_cap: int = 0
    logs: dict = field(default_factory=dict)

    @property
    def anonymised(self) -> int:
        return self.anonymised_inactive + self.anonymised_age_cap

    def counts(self) -> dict:
        return {
            "examined": self.examined,
            "notices": self.notices,
            "anonymised_inactive": self.anonymised_inactive,
            "anonymised_age_cap": self.anonymised_age_cap,
            **{key: value for key, value in self.logs.items() if key != "export_files"},
        }


def notice_delay() -> datetime.timedelta:
    return datetime.timedelta(days=settings.RELAIS_RETENTION_NOTICE_DAYS)


def age_cap_at(birth_date: datetime.date) -> datetime.datetime:
    """The first instant (Europe/Paris) of the day two years after the 26th birthday (29 February: 1 March)."""
    years = CAP_BASE_AGE + settings.RELAIS_RETENTION_AGE_CAP_YEARS
    try:
        day = birth_date.replace(year=birth_date.year + years)
    except ValueError:
        day = datetime.date(birth_date.year + years, 3, 1)
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def inactive_at(last_activity: datetime.datetime) -> datetime.datetime:
    return last_activity + relativedelta(months=settings.RELAIS_RETENTION_INACTIVE_MONTHS)


def last_activity_of(youth: Youth, elsewhere: dict) -> datetime.datetime:
    moments = [youth.created_at, youth.updated_at, youth.last_imported_at, elsewhere.get(youth.pk)]
    return max(moment for moment in moments if moment is not None)


def decide(youth: Youth, last_activity: datetime.datetime, now: datetime.datetime) -> str | None:
    """What today's pass does to this record: NOTICE, INACTIVE or AGE_CAP (anonymise), or None."""
    cap = age_cap_at(youth.birth_date)
    inactive = inactive_at(last_activity)
    sent = youth.retention_notice_at
    # A notice stands until new activity; one sent in the cap's last days stands whatever the activity.
    notice_stands = sent is not None and (sent >= last_activity or sent >= cap - notice_delay())
    if now >= cap:
        return AGE_CAP
    if now >= inactive and notice_stands and now >= sent + notice_delay():
        return INACTIVE
    if not notice_stands and now >= min(inactive, cap) - notice_delay():
        return NOTICE
    return None


def candidates(now: datetime.datetime):
    """Records that may be due, from their own dates only (the other apps' activity is checked per batch)."""
    threshold = now + notice_delay() - relativedelta(months=settings.RELAIS_RETENTION_INACTIVE_MONTHS)
    cap_birth = timezone.localdate(now + notice_delay()) - relativedelta(
        years=CAP_BASE_AGE + settings.RELAIS_RETENTION_AGE_CAP_YEARS
    )
    own_dates_old = (
        Q(created_at__lte=threshold)
        & Q(updated_at__lte=threshold)
        & (Q(last_imported_at__isnull=True) | Q(last_imported_at__lte=threshold))
    )
    return Youth.objects.filter(own_dates_old | Q(birth_date__lte=cap_birth)).order_by("pk")


def _send_notice(youth: Youth, last_activity: datetime.datetime, now: datetime.datetime) -> None:
    cap = age_cap_at(youth.birth_date)
    inactive = inactive_at(last_activity)
    for_cap = cap <= inactive
    # The anonymisation comes at the cap, or a full notice period from now at the earliest.
    planned = cap if for_cap else max(inactive, now + notice_delay())
    scope = Scope.system()
    # Not an edit of the record: updated_at (its activity) must not move.
    Youth.objects.filter(pk=youth.pk).update(retention_notice_at=now)
    youth.retention_notice_at = now
    notify(
        YouthRetentionNotice,
        obj=youth,
        scope=scope,
        # One notice per record and cycle: the cap, or the inactivity since this last activity.
        key=AGE_CAP if for_cap else f"{INACTIVE}:{last_activity.isoformat()}",
        reason=AGE_CAP if for_cap else INACTIVE,
        planned_on=timezone.localdate(planned).strftime("%d/%m/%Y"),
        last_activity_on=timezone.localdate(last_activity).strftime("%d/%m/%Y"),
    )
    audit(actor=None, action="youth.retention_notice", obj=youth, reason=AGE_CAP if for_cap else INACTIVE)


def _process_batch(ids: list[int], now: datetime.datetime, report: RetentionReport) -> None:
    with transaction.atomic():
        # Re-read under the batch's transaction: an edit since the selection counts.
        youths = list(Youth.objects.filter(pk__in=ids).select_for_update().order_by("pk"))
        elsewhere = last_activity_elsewhere([youth.pk for youth in youths])
        for youth in youths:
            report.examined += 1
            action = decide(youth, last_activity_of(youth, elsewhere), now)
            if action == NOTICE:
                report.notices += 1
                if report.applied:
                    _send_notice(youth, last_activity_of(youth, elsewhere), now)
            elif action in (INACTIVE, AGE_CAP):
                if action == INACTIVE:
                    report.anonymised_inactive += 1
                else:
                    report.anonymised_age_cap += 1
                if report.applied:
                    youth_anonymise(youth=youth, scope=Scope.system(), reason=action)


def run_retention(
    *,
    apply: bool = False,
    now: datetime.datetime | None = None,
    batch_size: int | None = None,
    export_dir: Path | None = None,
) -> RetentionReport:
    """One pass: notices, anonymisations (batches of `batch_size`, each its own transaction), log purge.

    A dry run (`apply=False`) writes nothing and only counts; an applied run writes one audit row with its counts.
    """
    now = now or timezone.now()
    batch_size = batch_size or settings.RELAIS_RETENTION_BATCH_SIZE
    report = RetentionReport(applied=apply)
    ids = list(candidates(now).values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        _process_batch(ids[start : start + batch_size], now, report)
    report.logs = purge_logs(now=now, apply=apply, export_dir=export_dir)
    if apply:
        audit(actor=None, action="retention.run", obj=None, **report.counts())
    return report
