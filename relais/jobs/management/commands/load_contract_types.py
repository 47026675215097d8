"""Load the contract types offered on recruitment needs."""

from django.core.management.base import BaseCommand

from relais.jobs.loaders import load_contract_types
from relais.territories.loading import write_reports


class Command(BaseCommand):
    help = "Charge les types de contrat."

    def handle(self, *args, **options):
        write_reports(self.stdout, load_contract_types())
