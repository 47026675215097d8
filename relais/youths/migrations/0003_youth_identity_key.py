"""The young people's folded identity (Youth.identity_key), unique within a Mission Locale.

The rows are keyed with the services' function (relais.youths.validation.identity_key), imported, not copied.
Duplicates recorded before the rule are kept, never deleted or merged here (they may carry positionings,
registrations and consent of their own): in each group sharing an identity, the oldest record (lowest id)
gets the key and the others stay unkeyed (NULL), which the conditional constraint lets through. They keep
working as before; a counsellor who corrects one's identity gets the French duplicate error, and the import
matches the keyed one.
"""

from django.db import migrations, models

from relais.youths.validation import identity_key


def fill_identity_key(apps, schema_editor):
    Youth = apps.get_model("youths", "Youth")
    seen = set()
    changed = []
    rows = Youth.objects.only("pk", "mission_locale_id", "last_name", "first_name", "birth_date").order_by("pk")
    for youth in rows.iterator(chunk_size=1000):
        key = identity_key(youth.last_name, youth.first_name, youth.birth_date)
        if key is None or (youth.mission_locale_id, key) in seen:
            continue
        seen.add((youth.mission_locale_id, key))
        youth.identity_key = key
        changed.append(youth)
    Youth.objects.bulk_update(changed, ["identity_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("youths", "0002_youth_search_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="youth",
            name="identity_key",
            field=models.CharField(blank=True, editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(fill_identity_key, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="youth",
            constraint=models.UniqueConstraint(
                condition=models.Q(("identity_key__isnull", False)),
                fields=("mission_locale", "identity_key"),
                name="youth_identity_unique_per_ml",
            ),
        ),
    ]
