import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_accesslog_subject_ids"),
    ]

    operations = [
        migrations.CreateModel(
            name="AccessLogSubject",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("subject_type", models.CharField(max_length=100)),
                ("subject_id", models.PositiveBigIntegerField()),
                (
                    "access_log",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="subjects", to="core.accesslog"
                    ),
                ),
            ],
            options={
                "verbose_name": "personne concernée par un accès",
                "verbose_name_plural": "personnes concernées par les accès",
                "indexes": [models.Index(fields=["subject_type", "subject_id"], name="core_access_subject_bd1f4e_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("access_log", "subject_type", "subject_id"), name="access_log_subject_unique"
                    )
                ],
            },
        ),
    ]
