"""The follow-up calendar: the cadence drives the points, one-off commitments get one occurrence, indicators."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from relais.conventions import services
from relais.conventions.enums import FollowUpCadence, OccurrenceKind, OccurrenceStatus, Recurrence
from relais.conventions.models import Indicator
from relais.conventions.scheduling import schedule_convention
from relais.core.scope import Scope

D = datetime.date


def follow_ups(convention):
    return [
        (o.due_date, o.title, o.commitment.party.organization.slug if o.commitment_id else None)
        for o in convention.occurrences.filter(kind=OccurrenceKind.FOLLOW_UP)
    ]


def test_a_quarterly_cadence_gives_quarterly_points_on_the_commitment_of_the_text(aura, personas):
    services.convention_update(
        convention=aura,
        scope=Scope.for_user(personas.arml_coordinator),
        followup_cadence=FollowUpCadence.QUARTERLY_POINT,
    )
    assert follow_ups(aura) == [
        (D(2025, 2, 6), "Point trimestriel", "cr-geiq-84"),
        (D(2025, 5, 6), "Point trimestriel", "cr-geiq-84"),
        (D(2025, 8, 6), "Point trimestriel", "cr-geiq-84"),
        (D(2025, 11, 6), "Point trimestriel", "cr-geiq-84"),
    ]
    # One source of truth: the commitment the text writes takes the cadence's rhythm.
    assert aura.commitments.get(is_follow_up=True).recurrence == Recurrence.QUARTERLY


def test_the_cadence_edited_on_the_page_reschedules_the_points(client, aura, personas):
    client.force_login(personas.arml_coordinator)
    form = client.get(f"/conventions/{aura.pk}/modifier/").context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data.update(
        followup_cadence="quarterly_point",
        start_date="2024-11-07",
        end_date="2025-11-06",
        signature_date="2024-11-07",
    )
    response = client.post(f"/conventions/{aura.pk}/modifier/", data)
    assert response.status_code == 302
    assert len(follow_ups(aura)) == 4
    # Seen on 15 January 2025, the next point is the quarterly one of February.
    with time_machine.travel(datetime.datetime(2025, 1, 15, 9, tzinfo=ZoneInfo("Europe/Paris")), tick=False):
        page = client.get(f"/conventions/{aura.pk}/").context
    assert (page["next_follow_up"].title, page["next_follow_up"].due_date) == (
        "Point trimestriel",
        D(2025, 2, 6),
    )


def test_without_a_dated_cadence_pending_points_go_and_realised_ones_stay(aura, personas):
    first = aura.occurrences.get(kind=OccurrenceKind.FOLLOW_UP, due_date=D(2025, 5, 6))
    services.occurrence_mark_done(
        occurrence=first,
        scope=Scope.for_user(personas.arml_coordinator),
        done_on=D(2025, 5, 5),
        note="Point tenu.",
    )
    services.convention_update(
        convention=aura,
        scope=Scope.for_user(personas.arml_coordinator),
        followup_cadence=FollowUpCadence.REGULAR,
    )
    assert follow_ups(aura) == [(D(2025, 5, 6), "Point semestriel", "cr-geiq-84")]
    assert aura.commitments.get(is_follow_up=True).recurrence == Recurrence.CONTINUOUS


def test_a_follow_up_commitment_added_later_follows_the_cadence(draft_charter, personas):
    services.commitment_add(
        convention=draft_charter,
        scope=Scope.for_user(personas.arml_coordinator),
        party=draft_charter.parties.first(),
        text="Faire le point",
        recurrence=Recurrence.YEARLY,
        is_follow_up=True,
    )
    commitment = draft_charter.commitments.get(is_follow_up=True)
    assert commitment.recurrence == Recurrence.HALF_YEARLY
    schedule_convention(draft_charter)
    points = draft_charter.occurrences.filter(kind=OccurrenceKind.FOLLOW_UP)
    assert [(o.due_date, o.commitment) for o in points] == [
        (D(2026, 6, 30), commitment),
        (D(2026, 12, 31), commitment),
    ]


@pytest.fixture
def draft_charter(personas):
    return services.convention_create(
        scope=Scope.for_user(personas.arml_coordinator),
        own_organization=personas.network.arml,
        partner_organizations=[personas.network.cr_geiq],
        title="Charte test",
        kind="regional_charter",
        start_date=D(2026, 1, 1),
        duration_months=12,
        renewal_rule="annual_on_review",
        followup_cadence="half_yearly_point",
        review_lead_months=1,
    )


def test_a_dated_one_off_commitment_is_due_on_its_date(draft_charter, personas):
    services.commitment_add(
        convention=draft_charter,
        scope=Scope.for_user(personas.arml_coordinator),
        party=None,
        text="Signer l'avenant",
        recurrence=Recurrence.ONCE,
        due_date=D(2026, 3, 1),
    )
    services.commitment_add(
        convention=draft_charter,
        scope=Scope.for_user(personas.arml_coordinator),
        party=None,
        text="Désigner un interlocuteur",
        recurrence=Recurrence.ONCE,
    )
    schedule_convention(draft_charter)
    one_offs = {o.title: o.due_date for o in draft_charter.occurrences.filter(kind=OccurrenceKind.COMMITMENT)}
    assert one_offs == {"Signer l'avenant": D(2026, 3, 1), "Désigner un interlocuteur": None}
    assert schedule_convention(draft_charter) == 0  # idempotent, one occurrence each


def test_a_one_off_commitment_is_recorded_as_done_on_the_page(client, aura, personas):
    designation = aura.occurrences.get(commitment__text__startswith="Désigner un interlocuteur unique")
    client.force_login(personas.arml_coordinator)
    page = client.get(f"/conventions/{aura.pk}/").content.decode()
    assert "Marquer comme réalisé : Désigner un interlocuteur unique" in page and "(sans date)" in page
    form = client.get(f"/conventions/echeances/{designation.pk}/realisee/")
    assert form.status_code == 200 and "engagement ponctuel sans date" in form.content.decode()
    response = client.post(
        f"/conventions/echeances/{designation.pk}/realisee/",
        {"done_on": "2024-11-20", "note": "Alexia Violet est l'interlocutrice unique."},
    )
    assert response.status_code == 302
    designation.refresh_from_db()
    assert designation.status == OccurrenceStatus.DONE and designation.done_on == D(2024, 11, 20)
    assert "réalisé le 20/11/2024" in client.get(f"/conventions/{aura.pk}/").content.decode()


def test_continuous_commitments_read_as_ongoing(client, aura, personas):
    client.force_login(personas.cre_a)
    html = client.get(f"/conventions/{aura.pk}/").content.decode()
    continuous = aura.commitments.filter(recurrence=Recurrence.CONTINUOUS).count()
    badge = 'data-testid="continuous" title="Permanent (tout au long de la convention)">en continu'
    assert continuous == 9 and html.count(badge) == continuous


def test_editing_an_indicator_label_keeps_every_code(aura, personas):
    codes = [i.code for i in aura.indicators.all()]
    labels = [i.label for i in aura.indicators.all()]
    labels[1] = "Inventaire des informations « collectives métiers » pour les jeunes (alternance, CEJ, PMSMP)"
    services.convention_set_indicators(
        convention=aura,
        scope=Scope.for_user(personas.arml_coordinator),
        labels=[labels[2], labels[0], labels[1], labels[3], "Délai moyen d'entrée"],
    )
    saved = [(i.label, i.code) for i in aura.indicators.all()]
    assert saved == [
        (labels[2], codes[2]),
        (labels[0], codes[0]),
        (labels[1], codes[1]),
        (labels[3], codes[3]),
        ("Délai moyen d'entrée", "other"),
    ]


def test_indicators_edited_on_the_page_keep_their_codes(client, aura, personas):
    client.force_login(personas.arml_coordinator)
    form = client.get(f"/conventions/{aura.pk}/modifier/").context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, False)}
    data["indicators"] = data["indicators"].replace("Nombre de jeunes recrutés", "Nombre de jeunes embauchés")
    kept = set(Indicator.objects.filter(convention=aura).values_list("pk", flat=True))
    assert client.post(f"/conventions/{aura.pk}/modifier/", data).status_code == 302
    assert [i.code for i in aura.indicators.all()] == [
        "info_sessions_counsellors",
        "info_sessions_youths",
        "youths_positioned",
        "youths_hired_by_contract",
    ]
    assert set(aura.indicators.values_list("pk", flat=True)) == kept
    assert aura.indicators.last().label.startswith("Nombre de jeunes embauchés")
