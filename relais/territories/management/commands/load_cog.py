"""Load the INSEE COG (regions, departments, EPCI, communes) with GeoNames coordinates."""

from django.core.management.base import BaseCommand

from relais.territories.loaders import load_cog
from relais.territories.loading import add_source_arguments, progress_bar, source_dirs, write_reports


class Command(BaseCommand):
    help = "Charge les régions, départements, EPCI et communes du COG, avec leurs coordonnées."

    def add_arguments(self, parser):
        add_source_arguments(parser, data_dir=True, node_modules=True)

    def handle(self, *args, **options):
        dirs = source_dirs(options)
        with progress_bar() as steps:
            reports = load_cog(node_modules=dirs["node_modules"], data_dir=dirs["data_dir"], steps=steps)
        write_reports(self.stdout, reports)
