"""Bulk writing for the generator: chunked bulk_create (no per-row save, no signal, no service) and the
non-unique indexes of the large tables dropped during the load and built again after it."""

from contextlib import contextmanager

from django.db import connection

BATCH = 2000
CHUNK = 20_000


def bulk(model, rows, *, batch_size: int = BATCH) -> list:
    """Insert `rows` (a list of unsaved instances) by chunks; return the created instances (with their pk)."""
    created = []
    for start in range(0, len(rows), CHUNK):
        created += model.objects.bulk_create(rows[start : start + CHUNK], batch_size=batch_size)
    return created


def _secondary_indexes(cursor, table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's plain (non-unique, non-primary) indexes."""
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname "
            "JOIN pg_index x ON x.indexrelid = c.oid WHERE i.tablename = %s AND NOT x.indisunique "
            "AND NOT x.indisprimary",
            [table],
        )
        return list(cursor.fetchall())
    cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
        [table],
    )
    return [(name, sql) for name, sql in cursor.fetchall() if not sql.upper().startswith("CREATE UNIQUE")]


@contextmanager
def indexes_built_after(models):
    """Drop the plain indexes of the given models' tables (and their many-to-many tables) for the load, then
    build them again once, on the loaded rows: faster than keeping them up to date row by row."""
    tables = []
    for model in models:
        tables.append(model._meta.db_table)
        tables += [f.remote_field.through._meta.db_table for f in model._meta.local_many_to_many]
    with connection.cursor() as cursor:
        saved = [index for table in tables for index in _secondary_indexes(cursor, table)]
        for name, _ in saved:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # The deferred foreign-key checks of the load run now: an index cannot be built on a table
                # with pending trigger events.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for _, statement in saved:
                cursor.execute(statement)
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def analyse_database() -> None:
    """Refresh the planner's statistics after the load (both databases plan from them)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def database_size_bytes() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return int(cursor.fetchone()[0])
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return int(pages * cursor.fetchone()[0])
