"""The opportunities' folded search text (Opportunity.search_text), filled for the existing rows.

The filling is imported, not copied: the rows filled here must match what the services write from now on,
and there is one folding function in the code (relais.territories.loading.fold).
"""

from django.db import migrations, models

from relais.opportunities.models import fill_search_text


def fill(apps, schema_editor):
    fill_search_text(apps.get_model("opportunities", "Opportunity").objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0003_notifications_moved_to_core"),
    ]

    operations = [
        migrations.AddField(
            model_name="opportunity",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
