"""The seed conventions' history carries the dates their texts give, by the platform, never the loading time."""

import datetime

from django.urls import reverse
from django.utils import timezone

from relais.conventions.models import Convention


def test_the_seed_history_is_dated_by_the_text_and_attributed_to_nobody(seeded):
    loaded_at = timezone.now() - datetime.timedelta(minutes=5)
    for convention in Convention.objects.filter(slug__startswith="seed-"):
        rows = list(convention.transitions.all())
        assert all(row.by_id is None for row in rows), convention.slug
        assert all(row.at < loaded_at for row in rows), convention.slug
        for row in rows:
            if row.name == "sign":
                assert timezone.localdate(row.at) == convention.signature_date
        if convention.signature_date is None and convention.start_date is None:
            assert rows == []


def test_the_convention_page_shows_the_platform_for_seed_steps(client, seeded, personas):
    convention = Convention.objects.filter(slug__startswith="seed-000").first()
    row = convention.transitions.filter(name="sign").first()
    assert row is not None
    client.force_login(personas.arml_coordinator)
    page = client.get(reverse("conventions:detail", args=[convention.pk])).content.decode()
    assert f"{timezone.localtime(row.at):%d/%m/%Y} 00:00 — Brouillon → Signée par la Plateforme" in page
