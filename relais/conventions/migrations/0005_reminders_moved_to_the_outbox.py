"""The follow-up calendar's reminders move to the one outbox (core.OutboxEmail); the Reminder table goes.

Each reminder becomes a sent outbox row under the key the daily job computes (code, occurrence, person,
"once"), so the job does not send again what was sent before the move.
"""

from django.db import migrations
from django.db.models import F

CODES = {"upcoming_point": "conventions.upcoming_point", "upcoming_review": "conventions.upcoming_review"}
LATE_CODES = ("conventions.late_commitment", "conventions.late_item")


def reminders_to_outbox(apps, schema_editor):
    Reminder = apps.get_model("conventions", "Reminder")
    OutboxEmail = apps.get_model("core", "OutboxEmail")
    rows = []
    for reminder in Reminder.objects.select_related("occurrence__commitment").iterator():
        occurrence = reminder.occurrence
        code = CODES.get(reminder.kind)
        if code is None:  # late: a commitment some party owes, or the partnership's point or review
            owed = occurrence.kind == "commitment" and occurrence.commitment_id and occurrence.commitment.party_id
            code = "conventions.late_commitment" if owed else "conventions.late_item"
        rows.append(
            OutboxEmail(
                recipient_id=reminder.recipient_id,
                code=code,
                object_type="conventions.occurrence",
                object_id=occurrence.pk,
                data={},
                dedup_key=f"{code}:{occurrence.pk}:{reminder.recipient_id}:once",
                status="sent",
                sent_at=reminder.sent_at,
            )
        )
    OutboxEmail.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    # created_at is set on creation: give back the date each reminder was really sent (the calendar shows it).
    OutboxEmail.objects.filter(code__in=[*CODES.values(), *LATE_CODES], sent_at__isnull=False).update(
        created_at=F("sent_at")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('conventions', '0004_indicator_codes_computed'),
        ('core', '0008_notification_outbox_and_preferences'),
    ]

    operations = [
        migrations.RunPython(reminders_to_outbox, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name='reminder',
            name='reminder_sent_once',
        ),
        migrations.DeleteModel(
            name='Reminder',
        ),
    ]
