"""Import the operator's table of the communes each Mission Locale covers."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from relais.organizations.loaders import import_ml_coverage
from relais.territories.imports import ImportRejected
from relais.territories.loading import write_reports


class Command(BaseCommand):
    help = "Importe la couverture communale des Missions Locales (CSV code_imilo;code_insee), tout ou rien."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Fichier CSV (séparateur « ; », UTF-8).")

    def handle(self, *args, **options):
        if not options["path"].is_file():
            raise CommandError(f"Fichier introuvable : {options['path']}")
        try:
            report = import_ml_coverage(options["path"])
        except ImportRejected as rejected:
            raise CommandError(rejected.report()) from rejected
        write_reports(self.stdout, [report])
