"""Load the five seed conventions of shared/seeds (idempotent)."""

from django.core.management.base import BaseCommand

from relais.conventions.seeds import load_seed_conventions


class Command(BaseCommand):
    help = "Charge les cinq conventions de référence (et l'exemple de convention d'application locale)."

    def handle(self, *args, **options):
        conventions = load_seed_conventions()
        for convention in conventions.values():
            self.stdout.write(f"- {convention} ({convention.get_status_display()})")
        self.stdout.write(self.style.SUCCESS(f"{len(conventions)} conventions présentes."))
