"""Load the five seed conventions of shared/seeds (idempotent)."""

from django.core.management.base import BaseCommand

from relais.conventions.seeds import load_seed_conventions, missing_regions


class Command(BaseCommand):
    help = "Charge les cinq conventions de référence (et l'exemple de convention d'application locale)."

    def handle(self, *args, **options):
        conventions = load_seed_conventions()
        for convention in conventions.values():
            self.stdout.write(f"- {convention} ({convention.get_status_display()})")
        self.stdout.write(self.style.SUCCESS(f"{len(conventions)} conventions présentes."))
        missing = missing_regions()
        if missing:
            self.stderr.write(
                self.style.WARNING(
                    f"Régions absentes ({', '.join(missing)}) : les conventions et organisations concernées restent "
                    "sans région. Chargez les référentiels (manage.py load_referentials) puis relancez cette commande "
                    "pour les rattacher à leur région."
                )
            )
