"""The move to the one notification system carries over every choice, reminder and digest already recorded."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from relais.conventions.models import Commitment, Convention, ConventionParty, Occurrence
from relais.core.notifications import NotificationPreference, OutboxEmail
from relais.core.notifications.digest import digest_key
from relais.opportunities.models import Delivery, Diffusion
from tests.jobs.factories import RomeTitleFactory
from tests.positionings.factories import published_opportunity

BEFORE = [
    ("core", "0007_auditevent_action_choices"),
    ("conventions", "0004_indicator_codes_computed"),
    ("opportunities", "0002_opportunitytransition_from_abstract_log"),
    ("positionings", "0006_positioningtransition_from_abstract_log"),
]


@pytest.mark.django_db(transaction=True)
def test_preferences_reminders_and_digests_move_to_core(personas):
    n = personas.network
    convention = Convention.objects.create(
        title="Charte", kind="regional_charter", status="active", region=n.aura
    )
    party = ConventionParty.objects.create(convention=convention, organization=n.arml)
    webinar = Commitment.objects.create(convention=convention, party=party, text="Organiser un webinaire")
    point = Occurrence.objects.create(
        convention=convention, kind="follow_up", title="Point semestriel", due_date=datetime.date(2025, 5, 6)
    )
    late = Occurrence.objects.create(
        convention=convention, commitment=webinar, kind="commitment", title="Webinaire", status="late"
    )
    opportunity = published_opportunity(n, rome_title=RomeTitleFactory(), mission_locales=[n.ml_a, n.ml_b])
    diffusion = Diffusion.objects.get(opportunity=opportunity)
    deliveries = {d.mission_locale_id: d.pk for d in Delivery.objects.filter(diffusion=diffusion)}
    user_ids = {name: getattr(personas, name).pk for name in ("cre_a", "counsellor_a", "geiq_recruiter")}

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    sent_at = timezone.make_aware(datetime.datetime(2025, 4, 22, 7, 0))
    Reminder = old.get_model("conventions", "Reminder")
    upcoming = Reminder.objects.create(
        occurrence_id=point.pk, kind="upcoming_point", recipient_id=user_ids["cre_a"]
    )
    Reminder.objects.create(occurrence_id=late.pk, kind="late", recipient_id=user_ids["cre_a"])
    Reminder.objects.filter(pk=upcoming.pk).update(sent_at=sent_at)
    old.get_model("opportunities", "NotificationPreference").objects.create(
        user_id=user_ids["cre_a"], opportunity_frequency="daily"
    )
    old.get_model("opportunities", "NotificationPreference").objects.create(
        user_id=user_ids["counsellor_a"], opportunity_frequency="none"
    )
    old.get_model("opportunities", "Digest").objects.create(
        user_id=user_ids["cre_a"], day=datetime.date(2026, 3, 3), sent_at=sent_at
    )
    for delivery_id in deliveries.values():
        old.get_model("opportunities", "DigestItem").objects.create(
            user_id=user_ids["cre_a"], delivery_id=delivery_id
        )
    old.get_model("positionings", "PositioningNotificationPreference").objects.create(
        user_id=user_ids["geiq_recruiter"], on_transmission=False, on_outcome=False
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert set(NotificationPreference.objects.values_list("user_id", "code", "enabled", "frequency")) == {
        (user_ids["cre_a"], "opportunities.diffused", True, "daily"),
        (user_ids["counsellor_a"], "opportunities.diffused", False, "immediate"),
        (user_ids["geiq_recruiter"], "positionings.transmitted", False, "immediate"),
        (user_ids["geiq_recruiter"], "positionings.outcome", False, "immediate"),
        (user_ids["geiq_recruiter"], "positionings.closed_for_partner", False, "immediate"),
    }
    reminders = {row.dedup_key: row for row in OutboxEmail.objects.filter(code__startswith="conventions.")}
    assert set(reminders) == {
        f"conventions.upcoming_point:{point.pk}:{user_ids['cre_a']}:once",
        f"conventions.late_commitment:{late.pk}:{user_ids['cre_a']}:once",
    }
    moved = reminders[f"conventions.upcoming_point:{point.pk}:{user_ids['cre_a']}:once"]
    assert (moved.status, moved.sent_at, moved.created_at) == ("sent", sent_at, sent_at)
    waiting = OutboxEmail.objects.get(code="opportunities.diffused")
    assert (waiting.status, waiting.object_id, waiting.recipient_id) == (
        "waiting",
        diffusion.pk,
        user_ids["cre_a"],
    )
    assert waiting.data == {"deliveries": sorted(deliveries.values())}
    digest = OutboxEmail.objects.get(code="core.digest")
    assert digest.dedup_key == digest_key(user_ids["cre_a"], datetime.date(2026, 3, 3))
    assert digest.status == "sent"
