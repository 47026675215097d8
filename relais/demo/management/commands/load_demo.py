"""Load the demo data: real organisations of the seeds, invented people, persona accounts."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from relais.conventions.seeds import load_seed_conventions
from relais.demo import activity, network, people, year
from relais.events.demo import create_demo_events
from relais.reviews.demo import create_demo_reviews
from relais.sheets.demo import create_demo_sheets


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Recharger même si la démonstration existe.")

    def handle(self, *args, force=False, **options):
        started = time.monotonic()
        if people.demo_is_loaded() and not force:
            self.stdout.write("Données de démonstration déjà chargées : rien à faire.")
            return
        with transaction.atomic():
            orgs = network.build_network()
            users = people.create_personas()
            referents = people.create_teams_and_referents(
                region_codes=["84", "44"], networks={"84": orgs["aura_geiqs"], "44": orgs["ge_geiqs"]}
            )
            # The MEDEF Midi-Pyrénées convention's events invite the Missions Locales of Toulouse.
            people.create_teams_and_referents(region_codes=["76"], networks={}, imilo_codes=year.TOULOUSE_MLS)
            people.create_partner_contacts(
                [orgs["cr_geiq_ge"], orgs["medef"], orgs["akto"], *orgs["aura_geiqs"]]
            )
            load_seed_conventions()
            counts = activity.create_activity(users)
            counts |= create_demo_events(users, year.EVENTS)
            counts |= activity.create_mentorships(users)
            counts["sheets"] = create_demo_sheets()
            counts |= create_demo_reviews(users)
        self.stdout.write(
            self.style.SUCCESS(
                f"Démonstration chargée : {len(users)} comptes, {referents} référents nommés, {counts['youths']} jeunes, "
                f"{counts['opportunities']} opportunités diffusées, {counts['positionings']} positionnements, "
                f"{counts['events']} événements, {counts['mentorships']} parrainages, {counts['sheets']} fiches "
                f"partenaires, {counts['reviews']} bilans ({time.monotonic() - started:.1f} s)."
            )
        )
