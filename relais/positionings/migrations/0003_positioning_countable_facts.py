"""The young person's countable facts on each positioning (filled by the next migration), youth SET_NULL."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0004_organization_siret_checked_and_unique"),
        ("positionings", "0002_reminders_count_and_returned_preference"),
        ("youths", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="positioning",
            name="youth",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="positionings",
                to="youths.youth",
                verbose_name="jeune",
            ),
        ),
        migrations.AddField(
            model_name="positioning",
            name="mission_locale",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organizations.organization",
                verbose_name="Mission Locale",
            ),
        ),
        migrations.AddField(
            model_name="positioning",
            name="youth_ref",
            field=models.PositiveBigIntegerField(db_index=True, null=True, verbose_name="numéro du jeune"),
        ),
        migrations.AddField(
            model_name="positioning",
            name="youth_birth_year",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="année de naissance du jeune"),
        ),
        migrations.AddField(
            model_name="positioning",
            name="youth_qpv_resident",
            field=models.BooleanField(default=False, verbose_name="résident QPV"),
        ),
        migrations.AddField(
            model_name="positioning",
            name="youth_rqth",
            field=models.BooleanField(default=False, verbose_name="RQTH"),
        ),
        migrations.AddField(
            model_name="positioning",
            name="youth_cej_beneficiary",
            field=models.BooleanField(default=False, verbose_name="bénéficiaire du CEJ"),
        ),
        migrations.AddField(
            model_name="positioning",
            name="youth_school_dropout",
            field=models.BooleanField(default=False, verbose_name="décrocheur scolaire"),
        ),
        migrations.AddField(
            model_name="positioning",
            name="youth_no_diploma",
            field=models.BooleanField(default=False, verbose_name="sans diplôme"),
        ),
        migrations.AddIndex(
            model_name="positioning",
            index=models.Index(fields=["mission_locale", "status"], name="positioning_mission_b997f4_idx"),
        ),
    ]
