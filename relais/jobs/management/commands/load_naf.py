"""Load the NAF sector codes (divisions, groups, classes, sub-classes)."""

from django.core.management.base import BaseCommand

from relais.jobs.loaders import load_naf
from relais.territories.loading import add_source_arguments, source_dirs, write_reports


class Command(BaseCommand):
    help = "Charge la nomenclature NAF (divisions, groupes, classes, sous-classes)."

    def add_arguments(self, parser):
        add_source_arguments(parser, node_modules=True)

    def handle(self, *args, **options):
        write_reports(self.stdout, load_naf(node_modules=source_dirs(options)["node_modules"]))
