"""Outcome, interview and entry dates are checked against the positioning's own dates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from tests.positionings.factories import contract_type, positioning_at

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def partner_does(personas, positioning, name, note="", **fields):
    return apply(
        POSITIONING_LIFECYCLE,
        positioning,
        name,
        scope=Scope.for_user(personas.geiq_recruiter),
        note=note,
        **fields,
    )


def hire(personas, positioning, start_date, note=""):
    return partner_does(
        personas,
        positioning,
        "hire",
        note=note,
        contract_type=contract_type(),
        start_date=start_date,
        weekly_hours=35,
    )


def refused(call) -> dict:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


def test_a_hire_starting_in_1999_on_a_positioning_proposed_now_is_refused(personas, youth, opportunity):
    positioning = positioning_at(personas, S.ACKNOWLEDGED, youth=youth, opportunity=opportunity)
    proposed = timezone.localtime(positioning.proposed_at).date()
    errors = refused(lambda: hire(personas, positioning, datetime.date(1999, 1, 1), note="Embauché"))
    assert errors == {
        "start_date": [
            f"La date d'entrée (01/01/1999) ne peut pas précéder la proposition du jeune sur cette "
            f"opportunité ({proposed:%d/%m/%Y})."
        ]
    }
    positioning.refresh_from_db()
    assert (positioning.status, positioning.start_date) == (S.ACKNOWLEDGED, None)


def test_an_entry_before_the_partners_answer_needs_a_note_saying_why(personas, youth, opportunity):
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    # Proposed and transmitted yesterday; this hire is the partner's first answer, today.
    positioning.proposed_at -= 2 * DAY
    positioning.transmitted_at -= DAY
    positioning.save(update_fields=["proposed_at", "transmitted_at"])
    yesterday = timezone.localdate() - DAY
    errors = refused(lambda: hire(personas, positioning, yesterday))
    assert errors["start_date"][0].startswith(
        f"La date d'entrée ({yesterday:%d/%m/%Y}) précède votre réponse"
    )
    hire(personas, positioning, yesterday, note="Embauche enregistrée après coup.")
    positioning.refresh_from_db()
    assert (positioning.status, positioning.start_date) == (S.HIRED, yesterday)


def test_an_entry_on_or_after_the_answer_is_recorded(personas, youth, opportunity):
    positioning = positioning_at(personas, S.ACKNOWLEDGED, youth=youth, opportunity=opportunity)
    hire(personas, positioning, timezone.localdate())
    positioning.refresh_from_db()
    assert positioning.status == S.HIRED


def test_an_entry_more_than_a_year_ahead_is_refused(personas, youth, opportunity):
    positioning = positioning_at(personas, S.ACKNOWLEDGED, youth=youth, opportunity=opportunity)
    far = timezone.localdate() + 400 * DAY
    assert "est à plus d'un an" in refused(lambda: hire(personas, positioning, far))["start_date"][0]


def test_a_training_entry_and_an_immersion_are_checked_the_same_way(personas, youth, opportunity):
    training = positioning_at(personas, S.ACKNOWLEDGED, youth=youth, opportunity=opportunity)
    errors = refused(
        lambda: partner_does(
            personas, training, "enter_training", training_entry_date=datetime.date(2000, 1, 1)
        )
    )
    assert set(errors) == {"training_entry_date"}
    assert "ne peut pas précéder la proposition" in errors["training_entry_date"][0]
    errors = refused(
        lambda: partner_does(
            personas, training, "complete_immersion", start_date=datetime.date(2000, 1, 1), note="x"
        )
    )
    assert "ne peut pas précéder la proposition" in errors["start_date"][0]
    partner_does(personas, training, "enter_training", training_entry_date=timezone.localdate() + 10 * DAY)
    training.refresh_from_db()
    assert training.status == S.ENTERED_TRAINING


def test_an_interview_before_the_transmission_is_refused(personas, youth, opportunity):
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    transmitted = timezone.localtime(positioning.transmitted_at).date()
    errors = refused(
        lambda: partner_does(personas, positioning, "plan_interview", interview_at=timezone.now() - 30 * DAY)
    )
    assert errors["interview_at"][0].startswith("L'entretien (")
    assert (
        f"ne peut pas précéder la transmission du positionnement ({transmitted:%d/%m/%Y})"
        in (errors["interview_at"][0])
    )
    errors = refused(
        lambda: partner_does(personas, positioning, "plan_interview", interview_at=timezone.now() + 400 * DAY)
    )
    assert "est à plus d'un an" in errors["interview_at"][0]
    partner_does(personas, positioning, "plan_interview", interview_at=timezone.now() + 2 * DAY)
    positioning.refresh_from_db()
    assert positioning.status == S.INTERVIEW_PLANNED


def test_the_page_shows_the_date_error_under_the_field(client, personas, youth, opportunity):
    positioning = positioning_at(personas, S.ACKNOWLEDGED, youth=youth, opportunity=opportunity)
    client.force_login(personas.geiq_recruiter)
    response = client.post(
        f"/positionnements/{positioning.pk}/hire/",
        {
            "hire-contract_type": contract_type().pk,
            "hire-start_date": "1999-01-01",
            "hire-weekly_hours": "35",
        },
    )
    assert response.status_code == 400
    assert "ne peut pas précéder la proposition du jeune" in response.content.decode().replace("&#x27;", "'")
    positioning.refresh_from_db()
    assert positioning.status == S.ACKNOWLEDGED
