"""`python -m relais.bench` (`make bench SCALE=0.01`): a fresh scratch database (SQLite under var/, or the
PostgreSQL database of DATABASE_URL), the real referentials, the national generator at the scale, then the
measurements (pages and floors interleaved, aggregate, import, jobs), the table and var/bench/results.json;
`--load` (`make bench LOAD=1`) adds the gunicorn load run."""

import argparse
import os
import platform
import sys
import time
from pathlib import Path


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m relais.bench", description="Mesures de performance de Relais."
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=float(os.environ.get("SCALE") or 0.01),
        help="part du volume national (0.01 par défaut, 0.1, 1)",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--repeat", type=int, default=15, help="requêtes mesurées par page (tours entrelacés)"
    )
    parser.add_argument(
        "--skip-import", action="store_true", help="sans la mesure de l'import de 5 000 jeunes"
    )
    parser.add_argument(
        "--load",
        action="store_true",
        default=os.environ.get("LOAD", "") not in ("", "0"),
        help="ajouter la mesure en charge (gunicorn, 4 workers, 16 clients)",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="mesurer sur la base générée par la dernière exécution à cette échelle, sans la régénérer",
    )
    parser.add_argument(
        "--only", default="", help="ne mesurer que les clés contenant ces textes (séparés par des virgules)"
    )
    parser.add_argument("--load-seconds", type=float, default=10.0, help="durée de charge par page (s)")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    base_dir = Path(__file__).resolve().parent.parent.parent
    var_dir = Path(os.environ.get("RELAIS_VAR_DIR", base_dir / "var"))
    var_dir.mkdir(parents=True, exist_ok=True)
    from relais.bench.database import ScratchDatabaseError, configure

    try:
        described = configure(var_dir, reuse=args.reuse)
    except ScratchDatabaseError as error:
        print(error, file=sys.stderr)
        return 2

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from rich.console import Console

    from relais.bench.bulk import database_size_bytes
    from relais.bench.generate import NATIONAL, generate
    from relais.bench.runner import render, run_all, write_results

    console = Console()
    console.print(f"Base de mesure : {described}")
    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    generated_path = var_dir / "bench" / f"generated-{connection.vendor}.json"
    if args.reuse:
        from relais.bench.reuse import ReuseError, load

        try:
            data = load(generated_path, database=connection.vendor, scale=args.scale, seed=args.seed)
        except ReuseError as error:
            print(error, file=sys.stderr)
            return 2
        generation_s = None
    else:
        from relais.bench.reuse import save

        console.print("Chargement des référentiels réels (COG, ROME, NAF, réseau I-Milo)…")
        call_command("load_referentials", verbosity=0)
        loaded = time.monotonic()
        console.print(f"Génération à l'échelle {args.scale:g} du volume national (graine {args.seed})…")
        data = generate(scale=args.scale, seed=args.seed)
        generation_s = time.monotonic() - loaded
        save(data, generated_path, database=connection.vendor)
    size = database_size_bytes()
    counts = ", ".join(f"{key} {value:,}".replace(",", " ") for key, value in data.counts.items())
    if args.reuse:
        console.print(f"Base réutilisée ({generated_path}) ; {size / 2**20:.0f} Mio. {counts}")
    else:
        console.print(f"Données générées en {generation_s:.1f} s ; base de {size / 2**20:.0f} Mio. {counts}")
        full = (
            generation_s / args.scale
        )  # the generation is linear in the volume (bulk inserts, no lookup per row)
        console.print(
            f"À l'échelle 1 ({NATIONAL['youths']:_} jeunes, {NATIONAL['positionings']:_} positionnements) : "
            f"≈ {full / 60:.0f} min de génération et ≈ {size / args.scale / 2**30:.1f} Gio estimés sur cette "
            "machine (proportionnellement à cette mesure).".replace("_", " ")
        )
    only = [part.strip() for part in args.only.split(",") if part.strip()]
    results = run_all(data, repeat=args.repeat, scale=args.scale, skip_import=args.skip_import, only=only)
    title = (
        f"Relais — échelle {args.scale:g}, {connection.vendor}, {args.repeat} requêtes entrelacées par page "
        f"(médiane, p95, requêtes SQL, ratio à la page nue)"
    )
    sys.stdout.write(render(results, title=title) + "\n")
    meta = {
        "scale": args.scale,
        "seed": args.seed,
        "database": connection.vendor,
        "generation_s": round(generation_s, 1) if generation_s is not None else None,
        "reused": args.reuse,
        "database_bytes": size,
        "counts": data.counts,
        "machine": f"{platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()}",
        "command": " ".join(sys.argv),
    }
    if args.load:
        from relais.bench.load import render_load, run_load

        load = run_load(data, seconds=args.load_seconds)
        sys.stdout.write(render_load(load) + "\n")
        meta["load"] = load
    write_results(results, var_dir / "bench" / "results.json", meta=meta)
    console.print(
        f"Résultats : {var_dir / 'bench' / 'results.json'} — durée totale {time.monotonic() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
