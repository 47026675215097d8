"""The positioning e-mail preferences move to the one preference model (core.NotificationPreference).

Each choice turned off becomes a turned-off preference of the matching notification; "outcome" covered both
the Mission Locale's e-mail and the partner's notice of a cancelled candidate, now two notifications.
"""

from django.db import migrations

CODES = {
    "on_transmission": ("positionings.transmitted",),
    "on_returned": ("positionings.returned",),
    "on_partner_answer": ("positionings.partner_answer",),
    "on_outcome": ("positionings.outcome", "positionings.closed_for_partner"),
    "on_reminder": ("positionings.reminder",),
}


def to_core(apps, schema_editor):
    Preference = apps.get_model("positionings", "PositioningNotificationPreference")
    CorePreference = apps.get_model("core", "NotificationPreference")
    rows = []
    for preference in Preference.objects.iterator():
        for field, codes in CODES.items():
            if not getattr(preference, field):
                rows += [CorePreference(user_id=preference.user_id, code=code, enabled=False) for code in codes]
    CorePreference.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ('positionings', '0006_positioningtransition_from_abstract_log'),
        ('core', '0008_notification_outbox_and_preferences'),
    ]

    operations = [
        migrations.RunPython(to_core, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='PositioningNotificationPreference',
        ),
    ]
