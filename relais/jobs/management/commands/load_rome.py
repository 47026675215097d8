"""Load the ROME job families and titles."""

from django.core.management.base import BaseCommand

from relais.jobs.loaders import load_rome
from relais.territories.loading import add_source_arguments, progress_bar, source_dirs, write_reports


class Command(BaseCommand):
    help = "Charge les fiches et appellations ROME."

    def add_arguments(self, parser):
        add_source_arguments(parser, data_dir=True)

    def handle(self, *args, **options):
        with progress_bar() as steps:
            reports = load_rome(data_dir=source_dirs(options)["data_dir"], steps=steps)
        write_reports(self.stdout, reports)
