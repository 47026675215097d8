"""Run the retention pass by hand: a dry run by default that says what the daily job would do."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from relais.youths.retention import run_retention


class Command(BaseCommand):
    help = (
        "Conservation des données : avis puis anonymisation des fiches jeunes inactives, purge des journaux. "
        "Sans --apply, n'écrit rien et affiche ce qui serait fait."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Agir (sinon : simulation).")
        parser.add_argument("--batch-size", type=int, default=None, help="Fiches traitées par transaction.")
        parser.add_argument(
            "--export-dir",
            type=Path,
            default=None,
            help="Écrire en CSV les lignes de journal purgées, avant.",
        )

    def handle(self, *args, apply=False, batch_size=None, export_dir=None, **options):
        if apply and not settings.RELAIS_RETENTION_ENABLED:
            raise CommandError(
                "RELAIS_RETENTION_ENABLED est désactivé : la conservation n'est pas appliquée."
            )
        if batch_size is not None and batch_size < 1:
            raise CommandError("--batch-size doit être un entier positif.")
        report = run_retention(apply=apply, batch_size=batch_size, export_dir=export_dir)
        verb = "Fait" if apply else "Simulation (rien n'est modifié ; --apply pour agir)"
        counts = report.counts()
        self.stdout.write(f"{verb} :")
        self.stdout.write(f"  fiches examinées : {counts['examined']}")
        self.stdout.write(f"  avis d'anonymisation : {counts['notices']}")
        self.stdout.write(f"  anonymisées (inactivité) : {counts['anonymised_inactive']}")
        self.stdout.write(f"  anonymisées (âge maximal) : {counts['anonymised_age_cap']}")
        self.stdout.write(f"  lignes du journal des accès purgées : {counts['access_logs_purged']}")
        self.stdout.write(f"  lignes du journal d'audit purgées : {counts['audit_events_purged']}")
        for path in report.logs.get("export_files", []):
            self.stdout.write(f"  export : {path}")
