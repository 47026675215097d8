"""`python -m relais.bench` (`make bench`): build a separate SQLite database under var/, generate data, measure.

The development database is never touched: the settings are pointed at var/bench.sqlite3 before Django starts.
"""

import argparse
import os
import sys
import time
from pathlib import Path


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m relais.bench", description="Mesures de performance de Relais."
    )
    parser.add_argument("--youths", type=int, default=5000, help="jeunes dans la Mission Locale (5000)")
    parser.add_argument(
        "--opportunities", type=int, default=2000, help="opportunités ouvertes dans sa région (2000)"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=15, help="requêtes mesurées par page (médiane)")
    parser.add_argument(
        "--referentials",
        choices=["auto", "real", "minimal"],
        default="auto",
        help="auto : référentiels réels (COG, ROME) s'ils sont disponibles, sinon minimaux",
    )
    parser.add_argument("--keep", action="store_true", help="réutiliser la base de mesure existante")
    return parser.parse_args(argv)


def configure_environment(database: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "relais.settings"
    os.environ.pop("DATABASE_URL", None)  # never measure on (or write to) a configured server database
    os.environ["RELAIS_SQLITE_PATH"] = str(database)
    os.environ["RELAIS_HUEY_PATH"] = str(database.with_name("bench-huey.sqlite3"))
    os.environ["RELAIS_HUEY_IMMEDIATE"] = "1"
    os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["DJANGO_DEBUG"] = "0"


def main(argv=None) -> int:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    base_dir = Path(__file__).resolve().parent.parent.parent
    var_dir = Path(os.environ.get("RELAIS_VAR_DIR", base_dir / "var"))
    var_dir.mkdir(parents=True, exist_ok=True)
    database = var_dir / "bench.sqlite3"
    if not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(str(database) + suffix).unlink(missing_ok=True)
    configure_environment(database)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from rich.console import Console

    from relais.bench.generate import generate
    from relais.bench.runner import render, run_all
    from relais.jobs.models import RomeTitle

    console = Console()
    assert settings.DATABASES["default"]["NAME"] == str(database), "the benchmark must use its own database"
    console.print(f"Base de mesure : {database}")
    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    if args.referentials != "minimal" and not RomeTitle.objects.exists():
        try:
            console.print("Chargement des référentiels réels (COG, ROME)…")
            call_command("load_cog")
            call_command("load_rome")
        except Exception as error:
            if args.referentials == "real":
                raise
            console.print(f"Référentiels réels indisponibles ({error}) : référentiels minimaux générés.")
    console.print(
        f"Génération : {args.youths} jeunes, {args.opportunities} opportunités (graine {args.seed})…"
    )
    generated_at = time.monotonic()
    data = generate(youths=args.youths, opportunities=args.opportunities, seed=args.seed)
    console.print(
        f"Données générées en {time.monotonic() - generated_at:.1f} s "
        f"({'référentiels minimaux' if data.referentials_created else 'référentiels réels'}, "
        f"Mission Locale « {data.mission_locale} », région {data.region})."
    )
    results = run_all(data, repeat=args.repeat)
    sys.stdout.write(
        render(results, title=f"Relais — temps serveur médian sur {args.repeat} requêtes") + "\n"
    )
    console.print(f"Durée totale : {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
