from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_fill_accesslog_subjects"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="accesslog",
            name="subject_ids",
        ),
    ]
