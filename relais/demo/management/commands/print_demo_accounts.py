"""Print one demo account per persona."""

from django.conf import settings
from django.core.management.base import BaseCommand

from relais.accounts.models import User
from relais.demo.people import PERSONA_LABELS, PERSONAS, demo_password


class Command(BaseCommand):
    help = "Affiche les comptes de démonstration."

    def handle(self, *args, **options):
        existing = set(
            User.objects.filter(email__in=[p[1] for p in PERSONAS]).values_list("email", flat=True)
        )
        self.stdout.write(f"\nComptes de démonstration (mot de passe commun : {demo_password()})")
        for key, email, *_ in PERSONAS:
            if email in existing:
                self.stdout.write(f"  {PERSONA_LABELS[key]:<58} {email}")
        self.stdout.write(f"\nServeur : {settings.RELAIS_BASE_URL}/\n")
