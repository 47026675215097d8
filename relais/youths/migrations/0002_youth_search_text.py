"""The young people's folded names (Youth.search_text), filled for the existing rows.

The folding is imported, not copied: the rows filled here must match what the services write from now on,
and there is one folding function in the code (relais.territories.loading.fold).
"""

from django.db import migrations, models

from relais.territories.loading import fold


def fill_search_text(apps, schema_editor):
    Youth = apps.get_model("youths", "Youth")
    changed = []
    for youth in Youth.objects.only("pk", "first_name", "last_name").iterator(chunk_size=1000):
        youth.search_text = fold(f"{youth.first_name} {youth.last_name}")
        changed.append(youth)
    Youth.objects.bulk_update(changed, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("youths", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="youth",
            name="search_text",
            field=models.CharField(blank=True, default="", editable=False, max_length=201),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
