"""Fill the first proposal date of the existing positionings from their transition log.

The delays are now computed from the positionings' milestone columns (relais/positionings/delays.py); the other
milestones were already stamped by the workflow (transmission, first answer, closing). One UPDATE with a
correlated subquery: the first "propose" move of each positioning, else its proposal date.
"""

from django.db import migrations
from django.db.models import F, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill_first_proposal(apps, schema_editor):
    Positioning = apps.get_model("positionings", "Positioning")
    PositioningTransition = apps.get_model("positionings", "PositioningTransition")
    first = (
        PositioningTransition.objects.filter(positioning_id=OuterRef("pk"), name="propose")
        .order_by()
        .values("positioning_id")
        .annotate(first=Min("at"))
        .values("first")
    )
    Positioning.objects.filter(first_proposed_at__isnull=True).update(
        first_proposed_at=Coalesce(Subquery(first[:1]), F("proposed_at"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("positionings", "0009_first_proposal_and_ml_indexes"),
    ]

    operations = [migrations.RunPython(fill_first_proposal, migrations.RunPython.noop)]
