"""The non-page measures: a convention's counts against one hand-written SQL aggregate, the young-people import
of 5,000 rows through the real service against a raw `executemany` of the same rows, and the daily jobs.

Each writing measure runs in a transaction rolled back afterwards, so that every repetition does the same work
on the same data (the e-mails the jobs would send after their commit are therefore not sent nor timed)."""

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from relais.conventions.models import Convention
from relais.opportunities.models import Opportunity
from relais.positionings.models import Positioning

IMPORT_ROWS = 5000


@dataclass
class Timed:
    """A measure other than a page: `run` is timed; `floor` (same work, hand-written) when it has one."""

    key: str
    label: str
    kind: str  # "aggregate", "import" or "job"
    run: Callable
    floor: Callable | None = None
    repeat: int | None = None  # fewer repetitions for the slow ones
    check: Callable | None = None  # called with (run's result, floor's result): raises when they differ


def rolled_back(function: Callable) -> Callable:
    def run():
        with transaction.atomic():
            result = function()
            transaction.set_rollback(True)
        return result

    return run


# ---- a convention's counts ---------------------------------------------------------------------------

COUNT_KEYS = ["proposed", "positioned", "hired", "entered_training", "completed_immersion", "not_retained"]


def hand_counts(convention_id: int) -> dict:
    """The six counts of positioning_counts_for_convention (all time), in one SQL statement."""
    p, o, c = Positioning._meta.db_table, Opportunity._meta.db_table, Convention._meta.db_table
    sql = f"""
        WITH RECURSIVE tree(id) AS (
            SELECT CAST(%s AS BIGINT) UNION SELECT c.id FROM {c} c JOIN tree t ON c.parent_id = t.id
        )
        SELECT
            COUNT(DISTINCT CASE WHEN NOT (p.status = 'cancelled' AND p.transmitted_at IS NULL) THEN p.youth_ref END),
            COUNT(DISTINCT CASE WHEN p.transmitted_at IS NOT NULL THEN p.youth_ref END),
            COUNT(DISTINCT CASE WHEN p.status = 'hired' THEN p.youth_ref END),
            COUNT(DISTINCT CASE WHEN p.status = 'entered_training' THEN p.youth_ref END),
            COUNT(DISTINCT CASE WHEN p.status = 'immersion_completed' THEN p.youth_ref END),
            COUNT(CASE WHEN p.status = 'not_retained' THEN 1 END)
        FROM {p} p JOIN {o} o ON o.id = p.opportunity_id
        WHERE o.convention_id IN (SELECT id FROM tree)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [convention_id])
        return dict(zip(COUNT_KEYS, cursor.fetchone(), strict=True))


def same_counts(result: dict, floor: dict) -> None:
    mine = {key: result[key] for key in COUNT_KEYS}
    if mine != floor:
        raise AssertionError(f"comptes différents : {mine} ≠ {floor}")


def convention_counts(data) -> Timed:
    from relais.positionings.selectors import positioning_counts_for_convention

    def run():
        return positioning_counts_for_convention(Convention.objects.get(pk=data.charter.pk))

    return Timed(
        "convention_counts",
        "Comptes d'une convention (charte régionale) / agrégat SQL écrit à la main",
        "aggregate",
        run,
        lambda: hand_counts(data.charter.pk),
        check=same_counts,
    )


# ---- the young-people import -------------------------------------------------------------------------


def import_rows(data, count: int = IMPORT_ROWS) -> list[dict]:
    """`count` new young people for the persona's Mission Locale, deterministic from the seed."""
    from relais.bench.names import FIRST_NAMES, LAST_NAMES
    from relais.jobs.models import RomeTitle
    from relais.territories.models import Commune

    rng = random.Random(data.seed + 11)
    communes = list(
        Commune.objects.filter(department__region=data.region, kind=Commune.Kind.CURRENT, retired=False)
        .order_by("code")
        .values_list("code", flat=True)[:300]
    )
    titles = list(RomeTitle.objects.order_by("ogr_code").values_list("ogr_code", flat=True)[:500])
    today = timezone.localdate()
    rows = []
    for index in range(count):
        rows.append(
            {
                "imilo_id": f"IMPORT-{index + 1:06d}",
                "last_name": rng.choice(LAST_NAMES),
                "first_name": f"{rng.choice(FIRST_NAMES)} {index + 1}",
                "birth_date": today - datetime.timedelta(days=rng.randint(16 * 366, 25 * 365)),
                "commune": rng.choice(communes),
                "qpv_resident": rng.random() < 0.2,
                "cej_beneficiary": rng.random() < 0.3,
                "max_distance_km": rng.choice([10, 20, 30]),
                "titles": sorted(set(rng.choices(titles, k=2))),
                "consent_given_at": today - datetime.timedelta(days=rng.randint(1, 200)),
            }
        )
    return rows


def import_csv(rows: list[dict]) -> bytes:
    from relais.youths.import_parsing import REQUIRED_COLUMNS

    header = [h for _, h in REQUIRED_COLUMNS] + ["Périmètre du consentement"]
    yes = {True: "oui", False: "non"}
    lines = [";".join(header)]
    for r in rows:
        lines.append(
            ";".join(
                [
                    r["imilo_id"],
                    r["last_name"],
                    r["first_name"],
                    r["birth_date"].strftime("%d/%m/%Y"),
                    r["commune"],
                    "niveau 3",
                    yes[r["qpv_resident"]],
                    "non",
                    yes[r["cej_beneficiary"]],
                    "non",
                    "non",
                    "non",
                    "non",
                    str(r["max_distance_km"]),
                    ", ".join(r["titles"]),
                    r["consent_given_at"].isoformat(),
                    "Identité seule",
                ]
            )
        )
    return ("\r\n".join(lines) + "\r\n").encode()


def raw_insert(data, rows: list[dict]) -> int:
    """The same rows with one `executemany` (the youth rows and their sought titles), no check, no log."""
    from relais.jobs.models import RomeTitle
    from relais.territories.loading import fold
    from relais.territories.models import Commune
    from relais.youths.models import Youth

    commune_ids = dict(
        Commune.objects.filter(code__in={r["commune"] for r in rows}).values_list("code", "pk")
    )
    title_ids = dict(RomeTitle.objects.values_list("ogr_code", "pk"))
    table = Youth._meta.db_table
    now = timezone.now()
    columns = (
        "mission_locale_id, counsellor_id, imilo_id, first_name, last_name, search_text, birth_date, commune_id, "
        "qualification_level, qpv_resident, rqth, cej_beneficiary, school_dropout, no_diploma, driving_licence, "
        "has_vehicle, max_distance_km, email, phone, consent_given_at, consent_scope, created_at, updated_at"
    )
    values = [
        (
            data.mission_locale.pk,
            data.counsellor.person.pk,
            r["imilo_id"],
            r["first_name"],
            r["last_name"],
            fold(f"{r['first_name']} {r['last_name']}"),
            r["birth_date"],
            commune_ids.get(r["commune"]),
            "level_3",
            r["qpv_resident"],
            False,
            r["cej_beneficiary"],
            False,
            False,
            False,
            False,
            r["max_distance_km"],
            "",
            "",
            r["consent_given_at"],
            "identity_only",
            now,
            now,
        )
        for r in rows
    ]
    placeholders = ", ".join(["%s"] * len(values[0]))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", values)
        ids = dict(
            Youth.objects.filter(
                mission_locale=data.mission_locale, imilo_id__startswith="IMPORT-"
            ).values_list("imilo_id", "pk")
        )
        through = Youth.sought_titles.through._meta.db_table
        links = [(ids[r["imilo_id"]], title_ids[t]) for r in rows for t in r["titles"] if t in title_ids]
        cursor.executemany(f"INSERT INTO {through} (youth_id, rometitle_id) VALUES (%s, %s)", links)
    return len(values)


def youth_import(data) -> Timed:
    from relais.accounts.models import User
    from relais.core.scope import Scope
    from relais.youths.imports import youths_import

    rows = import_rows(data)
    content = import_csv(rows)

    def run():
        report = youths_import(
            mission_locale=data.mission_locale,
            scope=Scope.for_user(User.objects.get(pk=data.counsellor.pk)),
            content=content,
            filename="import-mesure.csv",
        )
        if not report.committed:
            errors = "; ".join(f"ligne {e.row} {e.column} : {e.message}" for e in report.errors[:3])
            raise RuntimeError(f"import refusé : {errors}")
        return report.to_create

    return Timed(
        "youth_import_5000",
        f"Import de {IMPORT_ROWS} jeunes (service réel) / executemany brut",
        "import",
        rolled_back(run),
        rolled_back(lambda: raw_insert(data, rows)),
        repeat=1,
    )


# ---- the daily jobs ----------------------------------------------------------------------------------


def jobs() -> list[Timed]:
    from relais.conventions.jobs import run_daily as conventions_daily
    from relais.core.notifications.digest import send_daily_digests
    from relais.events.jobs import run_daily as events_daily
    from relais.mentoring.services import follow_ups_remind_due
    from relais.positionings.services import positionings_process_unanswered
    from relais.youths.retention import run_retention

    return [
        Timed(
            "job_positionings_unanswered",
            "Tâche : relances et expiration des positionnements",
            "job",
            rolled_back(positionings_process_unanswered),
            repeat=1,
        ),
        Timed(
            "job_conventions_daily",
            "Tâche : suivi quotidien des conventions",
            "job",
            rolled_back(conventions_daily),
            repeat=3,
        ),
        Timed(
            "job_events_daily",
            "Tâche : rappels quotidiens des événements",
            "job",
            rolled_back(events_daily),
            repeat=3,
        ),
        Timed(
            "job_mentoring_follow_ups",
            "Tâche : rappels des suivis de parrainage",
            "job",
            rolled_back(follow_ups_remind_due),
            repeat=3,
        ),
        Timed(
            "job_daily_digests",
            "Tâche : résumés quotidiens",
            "job",
            rolled_back(send_daily_digests),
            repeat=3,
        ),
        Timed(
            "job_retention",
            "Tâche : conservation des données (avis, anonymisations)",
            "job",
            rolled_back(lambda: run_retention(apply=True).counts()),
            repeat=1,
        ),
    ]


def time_once(function: Callable) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result
