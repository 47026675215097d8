"""The countable facts are filled: a positioning always has them from now on."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organizations', '0004_organization_siret_checked_and_unique'),
        ('positionings', '0004_fill_positioning_countable_facts'),
    ]

    operations = [
        migrations.AlterField(
            model_name='positioning',
            name='mission_locale',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organizations.organization', verbose_name='Mission Locale'),
        ),
        migrations.AlterField(
            model_name='positioning',
            name='youth_birth_year',
            field=models.PositiveSmallIntegerField(verbose_name='année de naissance du jeune'),
        ),
        migrations.AlterField(
            model_name='positioning',
            name='youth_ref',
            field=models.PositiveBigIntegerField(db_index=True, verbose_name='numéro du jeune'),
        ),
    ]
