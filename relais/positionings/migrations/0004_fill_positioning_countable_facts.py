"""Fill the countable facts of the existing positionings from their young person's record.

The same facts as relais.positionings.facts.countable_facts_of, written here with the historical models.
"""

from django.db import migrations

FLAGS = ("qpv_resident", "rqth", "cej_beneficiary", "school_dropout", "no_diploma")
BATCH = 500


def fill_facts(apps, schema_editor):
    Positioning = apps.get_model("positionings", "Positioning")
    fields = ["mission_locale", "youth_ref", "youth_birth_year", *(f"youth_{flag}" for flag in FLAGS)]
    rows = []
    positionings = Positioning.objects.filter(youth__isnull=False).select_related("youth").order_by("pk")
    for positioning in positionings.iterator(chunk_size=BATCH):
        youth = positioning.youth
        positioning.mission_locale_id = youth.mission_locale_id
        positioning.youth_ref = youth.pk
        positioning.youth_birth_year = youth.birth_date.year
        for flag in FLAGS:
            setattr(positioning, f"youth_{flag}", bool(getattr(youth, flag)))
        rows.append(positioning)
        if len(rows) >= BATCH:
            Positioning.objects.bulk_update(rows, fields)
            rows = []
    Positioning.objects.bulk_update(rows, fields)


class Migration(migrations.Migration):
    dependencies = [
        ("positionings", "0003_positioning_countable_facts"),
    ]

    operations = [migrations.RunPython(fill_facts, migrations.RunPython.noop)]
