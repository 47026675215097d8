"""Load the Mission Locale network: UNML, the ARMLs and the Missions Locales known to I-Milo."""

from django.core.management.base import BaseCommand

from relais.organizations.loaders import load_network
from relais.territories.loading import add_source_arguments, progress_bar, source_dirs, write_reports


class Command(BaseCommand):
    help = "Charge le réseau des Missions Locales : UNML, ARML et Missions Locales (I-Milo)."

    def add_arguments(self, parser):
        add_source_arguments(parser, data_dir=True)

    def handle(self, *args, **options):
        with progress_bar() as steps:
            reports = load_network(data_dir=source_dirs(options)["data_dir"], steps=steps)
        write_reports(self.stdout, reports)
