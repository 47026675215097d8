"""The opportunities' notification preference and daily digest move to the one notification system (core).

A frequency becomes the preference of "opportunities.diffused" (none: turned off); items waiting for the
next digest become waiting outbox rows, one per diffusion and person; digests already sent become sent
outbox rows under the key the digest job computes (person and day), so today's is not sent again.
"""

from collections import defaultdict

from django.db import migrations
from django.db.models import F

CODE = "opportunities.diffused"


def to_core(apps, schema_editor):
    Preference = apps.get_model("opportunities", "NotificationPreference")
    Digest = apps.get_model("opportunities", "Digest")
    DigestItem = apps.get_model("opportunities", "DigestItem")
    CorePreference = apps.get_model("core", "NotificationPreference")
    OutboxEmail = apps.get_model("core", "OutboxEmail")

    CorePreference.objects.bulk_create(
        [
            CorePreference(
                user_id=preference.user_id,
                code=CODE,
                enabled=preference.opportunity_frequency != "none",
                frequency="daily" if preference.opportunity_frequency == "daily" else "immediate",
            )
            for preference in Preference.objects.exclude(opportunity_frequency="immediate")
        ],
        ignore_conflicts=True,
    )

    waiting = defaultdict(set)
    for user_id, diffusion_id, delivery_id in DigestItem.objects.filter(digest__isnull=True).values_list(
        "user_id", "delivery__diffusion_id", "delivery_id"
    ):
        waiting[(user_id, diffusion_id)].add(delivery_id)
    OutboxEmail.objects.bulk_create(
        [
            OutboxEmail(
                recipient_id=user_id,
                code=CODE,
                object_type="opportunities.diffusion",
                object_id=diffusion_id,
                data={"deliveries": sorted(deliveries)},
                dedup_key=f"{CODE}:{diffusion_id}:{user_id}:before-the-move",
                status="waiting",
            )
            for (user_id, diffusion_id), deliveries in waiting.items()
        ],
        ignore_conflicts=True,
    )

    OutboxEmail.objects.bulk_create(
        [
            OutboxEmail(
                recipient_id=digest.user_id,
                code="core.digest",
                data={"day": digest.day.isoformat()},
                dedup_key=f"core.digest:{digest.user_id}:{digest.day.isoformat()}",
                status="sent",
                sent_at=digest.sent_at,
            )
            for digest in Digest.objects.iterator()
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
    OutboxEmail.objects.filter(code="core.digest", sent_at__isnull=False).update(created_at=F("sent_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('opportunities', '0002_opportunitytransition_from_abstract_log'),
        ('core', '0008_notification_outbox_and_preferences'),
    ]

    operations = [
        migrations.RunPython(to_core, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name='digest',
            name='one_digest_per_user_and_day',
        ),
        migrations.RemoveIndex(
            model_name='digestitem',
            name='opportuniti_digest__35365a_idx',
        ),
        migrations.RemoveConstraint(
            model_name='digestitem',
            name='one_digest_item_per_delivery',
        ),
        migrations.RemoveField(
            model_name='digest',
            name='user',
        ),
        migrations.RemoveField(
            model_name='digestitem',
            name='delivery',
        ),
        migrations.RemoveField(
            model_name='digestitem',
            name='digest',
        ),
        migrations.RemoveField(
            model_name='digestitem',
            name='user',
        ),
        migrations.DeleteModel(
            name='NotificationPreference',
        ),
        migrations.DeleteModel(
            name='Digest',
        ),
        migrations.DeleteModel(
            name='DigestItem',
        ),
    ]
