"""A young person already hired or in training: not suggested, proposed only with confirmation, never hired twice."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.opportunities.enums import OpportunityKind
from relais.positionings import services
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.positionings.models import Positioning, PositioningError
from relais.positionings.outcomes import CurrentOutcome, positioning_record_end
from relais.positionings.suggestions import suggest_opportunities, suggest_youths
from tests.positionings.factories import contract_type, positioning_at, published_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def hired(personas, youth, opportunity):
    """Léa is hired on an apprenticeship starting in two months (the case found in trial)."""
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    start = timezone.localdate() + datetime.timedelta(days=60)
    return apply(
        POSITIONING_LIFECYCLE,
        positioning,
        "hire",
        scope=Scope.for_user(personas.geiq_recruiter),
        contract_type=contract_type(),
        start_date=start,
        weekly_hours=Decimal("35"),
    )


@pytest.fixture
def next_offer(personas, rome):
    return published_opportunity(
        personas.network, rome_title=rome.mason, title="Maçon — chantier de Vénissieux"
    )


def test_a_hired_youth_is_no_longer_suggested_on_the_next_offer(personas, youth, next_offer, hired):
    suggested = [s.obj.pk for s in suggest_youths(Scope.for_user(personas.counsellor_a), next_offer)]
    assert youth.pk not in suggested


def test_a_youth_whose_hire_has_ended_is_suggested_again(personas, youth, next_offer, hired):
    positioning_record_end(
        positioning=hired,
        end_date=hired.start_date + datetime.timedelta(days=1),
        scope=Scope.for_user(personas.geiq_recruiter),
    )
    later = hired.start_date + datetime.timedelta(days=2)
    suggested = suggest_youths(Scope.for_user(personas.counsellor_a), next_offer, today=later)
    assert youth.pk in [s.obj.pk for s in suggested]


def test_proposing_a_hired_youth_asks_for_confirmation_showing_the_current_outcome(
    personas, youth, next_offer, hired
):
    scope = Scope.for_user(personas.counsellor_a)
    with pytest.raises(CurrentOutcome) as refused:
        services.positioning_propose(youth=youth, opportunity=next_offer, scope=scope)
    assert "déjà recruté en contrat d'apprentissage par GEIQ BTP Rhône" in str(refused.value)
    assert f"{hired.start_date:%d/%m/%Y}" in str(refused.value)
    positioning = services.positioning_propose(
        youth=youth, opportunity=next_offer, scope=scope, despite_current_outcome=True
    )
    assert positioning.status == S.PROPOSED


def test_a_second_concurrent_hire_is_refused_until_the_first_one_has_ended(
    personas, youth, next_offer, hired
):
    second = services.positioning_propose(
        youth=youth,
        opportunity=next_offer,
        scope=Scope.for_user(personas.counsellor_a),
        despite_current_outcome=True,
    )
    second = apply(POSITIONING_LIFECYCLE, second, "transmit", scope=Scope.for_user(personas.cre_a))
    recruiter = Scope.for_user(personas.geiq_recruiter)
    fields = {"contract_type": contract_type(), "weekly_hours": Decimal("35")}
    with pytest.raises(PositioningError) as refused:
        apply(
            POSITIONING_LIFECYCLE, second, "hire", scope=recruiter, start_date=timezone.localdate(), **fields
        )
    assert "enregistrez d'abord la date de fin de ce contrat" in str(refused.value)
    assert Positioning.objects.get(pk=second.pk).status == S.TRANSMITTED
    positioning_record_end(
        positioning=hired, end_date=hired.start_date + datetime.timedelta(days=30), scope=recruiter
    )
    after_end = hired.start_date + datetime.timedelta(days=31)
    hired_again = apply(
        POSITIONING_LIFECYCLE, second, "hire", scope=recruiter, start_date=after_end, **fields
    )
    assert hired_again.status == S.HIRED


def test_an_end_before_the_entry_is_refused_and_only_parties_record_it(personas, hired):
    with pytest.raises(ValidationError) as refused:
        positioning_record_end(
            positioning=hired,
            end_date=hired.start_date - datetime.timedelta(days=1),
            scope=Scope.for_user(personas.geiq_recruiter),
        )
    assert "ne peut pas précéder la date d'entrée" in str(refused.value)
    with pytest.raises(PermissionDenied):
        positioning_record_end(
            positioning=hired, end_date=hired.start_date, scope=Scope.for_user(personas.counsellor_b)
        )


def test_the_youth_page_says_why_nothing_is_suggested(client, personas, youth, next_offer, hired):
    client.force_login(personas.counsellor_a)
    body = client.get(f"/positionnements/jeune/{youth.pk}/").content.decode()
    assert 'data-testid="current-outcome"' in body and "Aucune opportunité ne lui est suggérée" in body
    assert suggest_opportunities(Scope.for_user(personas.counsellor_a), youth)  # there would be one


def test_the_argument_page_shows_the_current_outcome_and_keeps_the_typed_argument(
    client, personas, youth, next_offer, hired
):
    client.force_login(personas.counsellor_a)
    page = client.get(f"/positionnements/proposer/?jeune={youth.pk}&opportunite={next_offer.pk}")
    assert 'data-testid="current-outcome"' in page.content.decode()
    data = {"youth": youth.pk, "opportunity": next_offer.pk, "motivation": "Argument gardé"}
    refused = client.post("/positionnements/proposer/", data)
    assert refused.status_code == 400 and "Argument gardé" in refused.content.decode()
    assert "Confirmez que vous proposez ce jeune" in refused.content.decode()
    confirmed = client.post("/positionnements/proposer/", {**data, "despite_current_outcome": "on"})
    assert confirmed.status_code == 302
    assert Positioning.objects.get(opportunity=next_offer).motivation == "Argument gardé"


def test_the_end_form_on_the_detail_page_records_the_end(client, personas, hired):
    client.force_login(personas.geiq_recruiter)
    assert 'data-testid="record-end"' in client.get(f"/positionnements/{hired.pk}/").content.decode()
    end = hired.start_date + datetime.timedelta(days=90)
    response = client.post(f"/positionnements/{hired.pk}/fin/", {"record_end-end_date": end.isoformat()})
    assert response.status_code == 302
    hired.refresh_from_db()
    assert hired.outcome_end_date == end
    bad = client.post(f"/positionnements/{hired.pk}/fin/", {"record_end-end_date": "2001-01-01"})
    assert bad.status_code == 400 and "ne peut pas précéder" in bad.content.decode()


def test_the_hire_form_starts_from_the_offers_contract_type_and_weekly_hours(client, personas, youth, rome):
    apprenticeship = contract_type()
    offer = published_opportunity(
        personas.network,
        rome_title=rome.mason,
        kind=OpportunityKind.APPRENTICESHIP,
        weekly_hours=Decimal("32"),
        duration_months=24,
    )
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=offer)
    client.force_login(personas.geiq_recruiter)
    body = client.get(f"/positionnements/{positioning.pk}/").content.decode()
    assert f'<option value="{apprenticeship.pk}" selected>' in body
    assert 'name="hire-weekly_hours" value="32.0"' in body or 'value="32.0"' in body


def test_proposing_again_after_a_send_back_shows_the_reason_and_rewrites_the_argument(
    client, personas, youth, opportunity
):
    positioning = positioning_at(personas, S.RETURNED, youth=youth, opportunity=opportunity)
    client.force_login(personas.counsellor_a)
    body = client.get(f"/positionnements/{positioning.pk}/").content.decode()
    assert "Renvoyé par le référent" in body and positioning.reason in body
    assert 'name="repropose-motivation"' in body and "Motivé</textarea>" in body
    response = client.post(
        f"/positionnements/{positioning.pk}/repropose/",
        {"repropose-motivation": "Nouvel argumentaire", "repropose-availability": "En février"},
    )
    assert response.status_code == 302
    positioning.refresh_from_db()
    assert (positioning.status, positioning.motivation, positioning.availability) == (
        S.PROPOSED,
        "Nouvel argumentaire",
        "En février",
    )
