"""The benchmark's scratch database: a SQLite file under var/, or the PostgreSQL database DATABASE_URL names,
dropped and created again for each run. Set before Django starts, so the development database is never touched.
"""

import os
from pathlib import Path
from urllib.parse import urlparse


class ScratchDatabaseError(Exception):
    pass


def configure(var_dir: Path, *, reuse: bool = False) -> str:
    """Point the settings at a fresh scratch database (kept as it is with `reuse`); return a description of it."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "relais.bench.settings"
    os.environ["RELAIS_HUEY_PATH"] = str(var_dir / "bench-huey.sqlite3")
    os.environ["RELAIS_HUEY_IMMEDIATE"] = "1"
    os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["DJANGO_DEBUG"] = "0"
    url = os.environ.get("DATABASE_URL", "")
    if url:
        return _fresh_postgresql(url, reuse=reuse)
    database = var_dir / "bench.sqlite3"
    if reuse and not database.exists():
        raise ScratchDatabaseError(f"--reuse : {database} n'existe pas, lancez d'abord une génération.")
    if not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(str(database) + suffix).unlink(missing_ok=True)
    os.environ["RELAIS_SQLITE_PATH"] = str(database)
    return str(database)


def _fresh_postgresql(url: str, *, reuse: bool) -> str:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not parsed.scheme.startswith("postgres") or "bench" not in name:
        # A safety: the database is dropped, so it must be one made for the benchmark.
        raise ScratchDatabaseError(
            f"DATABASE_URL doit désigner une base PostgreSQL dédiée aux mesures (son nom contient « bench ») : "
            f"« {name or url} » ne convient pas, elle serait effacée."
        )
    import psycopg

    if reuse:
        return f"PostgreSQL {parsed.hostname}:{parsed.port or 5432}/{name} (réutilisée)"
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"PostgreSQL {parsed.hostname}:{parsed.port or 5432}/{name}"
