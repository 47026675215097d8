"""Load every referential in dependency order and print one summary table (run by `make run`)."""

import hashlib
import io
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from rich.console import Console
from rich.table import Table

from relais.core.models import ReferentialLoad
from relais.jobs import loaders as job_loaders
from relais.jobs.loaders import load_contract_types, load_naf, load_rome
from relais.organizations import loaders as network_loaders
from relais.organizations.loaders import load_network
from relais.territories import loaders as territory_loaders
from relais.territories import loading
from relais.territories.loaders import load_cog
from relais.territories.loading import add_source_arguments, progress_bar, source_dirs

SOURCE_PATTERNS = {
    "data_dir": ["*.csv", "*.json"],
    "node_modules": ["@etalab/decoupage-administratif/data/*.json", "@socialgouv/codes-naf/index.json"],
}
LOADER_MODULES = [territory_loaders, loading, job_loaders, network_loaders]


def sources_fingerprint(dirs: dict[str, Path]) -> str:
    """A digest of every source file and of the loaders' own code: any change to either reloads."""
    digest = hashlib.sha256()
    for key, patterns in SOURCE_PATTERNS.items():
        for pattern in patterns:
            for path in sorted(Path(dirs[key]).glob(pattern)):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    for module in LOADER_MODULES:
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


class Command(BaseCommand):
    help = "Charge tous les référentiels : COG, ROME, NAF, types de contrat, réseau des Missions Locales."

    def add_arguments(self, parser):
        add_source_arguments(parser, data_dir=True, node_modules=True)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Recharger même si les sources n'ont pas changé depuis le dernier chargement.",
        )

    def handle(self, *args, **options):
        dirs = source_dirs(options)
        fingerprint = sources_fingerprint(dirs)
        previous = ReferentialLoad.objects.filter(name="referentials").first()
        if previous and previous.fingerprint == fingerprint and not options["force"]:
            self.stdout.write(
                f"Référentiels inchangés depuis le chargement du {previous.loaded_at:%d/%m/%Y à %H:%M} "
                "(mêmes fichiers sources) : rien à faire. Utilisez --force pour tout revérifier."
            )
            return
        steps_list = [
            ("COG", lambda steps: load_cog(**dirs, steps=steps)),
            ("ROME", lambda steps: load_rome(data_dir=dirs["data_dir"], steps=steps)),
            ("NAF", lambda steps: load_naf(node_modules=dirs["node_modules"])),
            ("Contrats", lambda steps: load_contract_types()),
            ("Réseau", lambda steps: load_network(data_dir=dirs["data_dir"], steps=steps)),
        ]
        results = []
        with progress_bar() as steps:
            for name, loader in steps_list:
                started = time.monotonic()
                reports = loader(steps)
                results.append((name, reports, time.monotonic() - started))
        self.stdout.write(self.render(results))
        ReferentialLoad.objects.update_or_create(name="referentials", defaults={"fingerprint": fingerprint})
        for _, reports, _ in results:
            for report in reports:
                for line in report.notes:
                    self.stdout.write(f"{report.label} · {line}")
                for line in report.rejections:
                    self.stdout.write(f"{report.label} ✗ {line}")

    def render(self, results) -> str:
        table = Table(title="Référentiels")
        for column in ("Référentiel", "Table", "Chargés", "Inchangés", "Rejetés", "Retirés", "Durée"):
            table.add_column(column, justify="left" if column in ("Référentiel", "Table") else "right")
        for name, reports, seconds in results:
            for position, report in enumerate(reports):
                table.add_row(
                    name if position == 0 else "",
                    report.label,
                    str(report.loaded),
                    str(report.unchanged),
                    str(report.rejected),
                    "—" if report.retired is None else str(report.retired),
                    f"{seconds:.1f} s" if position == 0 else "",
                )
        buffer = io.StringIO()
        Console(file=buffer, width=100, no_color=True).print(table)
        return buffer.getvalue().rstrip("\n")
