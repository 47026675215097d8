"""Import the operator's list of QPV (quartiers prioritaires) and their communes."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from relais.territories.imports import ImportRejected, import_qpv
from relais.territories.loading import write_reports


class Command(BaseCommand):
    help = "Importe les QPV (CSV code;nom;codes_insee, codes séparés par « | » ou « , »), tout ou rien."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Fichier CSV (séparateur « ; », UTF-8).")

    def handle(self, *args, **options):
        if not options["path"].is_file():
            raise CommandError(f"Fichier introuvable : {options['path']}")
        try:
            report = import_qpv(options["path"])
        except ImportRejected as rejected:
            raise CommandError(rejected.report()) from rejected
        write_reports(self.stdout, [report])
