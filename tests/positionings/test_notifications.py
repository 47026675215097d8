"""E-mails of the pipeline: transmission to the partner, answers and outcomes to the ML, user preferences."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from relais.core.notifications import NotificationPreference
from relais.core.notifications.preferences import notification_preference_set
from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from tests.positionings.conftest import CANARY
from tests.positionings.factories import contract_type, positioning_at

pytestmark = pytest.mark.django_db


def recipients():
    return sorted({address for message in mail.outbox for address in message.to})


def turn_off(user, code):
    notification_preference_set(scope=Scope.for_user(user), code=code, enabled=False)


def test_transmission_emails_the_partners_recruiters_only(personas, youth, opportunity, committed):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    mail.outbox.clear()
    committed(apply, POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(personas.cre_a))
    assert recipients() == [personas.geiq_recruiter.email]
    message = mail.outbox[0]
    assert "candidature" in message.subject.lower()
    assert f"/positionnements/{positioning.pk}/" in message.body
    for secret in (CANARY, youth.last_name, "RQTH", "QPV"):
        assert secret not in message.body


def test_a_partner_answer_emails_the_counsellor_and_the_referent(personas, youth, opportunity, committed):
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    mail.outbox.clear()
    committed(
        apply,
        POSITIONING_LIFECYCLE,
        positioning,
        "acknowledge",
        scope=Scope.for_user(personas.geiq_recruiter),
    )
    assert recipients() == sorted([personas.counsellor_a.email, personas.cre_a.email])
    assert "Réponse du partenaire" in mail.outbox[0].subject


def test_an_outcome_emails_the_ml_but_not_the_one_who_recorded_it(personas, youth, opportunity, committed):
    positioning = positioning_at(personas, S.ACKNOWLEDGED, youth=youth, opportunity=opportunity)
    mail.outbox.clear()
    committed(
        apply,
        POSITIONING_LIFECYCLE,
        positioning,
        "hire",
        scope=Scope.for_user(personas.geiq_recruiter),
        contract_type=contract_type(),
        start_date=timezone.localdate(),
        weekly_hours=35,
    )
    assert recipients() == sorted([personas.counsellor_a.email, personas.cre_a.email])
    assert "Recruté" in mail.outbox[0].subject
    assert personas.geiq_recruiter.email not in recipients()


def test_a_user_who_turned_off_outcome_emails_gets_none(personas, youth, opportunity, committed):
    turn_off(personas.counsellor_a, "positionings.outcome")
    positioning = positioning_at(personas, S.ACKNOWLEDGED, youth=youth, opportunity=opportunity)
    mail.outbox.clear()
    committed(
        apply,
        POSITIONING_LIFECYCLE,
        positioning,
        "not_retain",
        scope=Scope.for_user(personas.geiq_recruiter),
        not_retained_reason="no_show",
    )
    assert recipients() == [personas.cre_a.email]
    # Answers are a separate choice: still on.
    other = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=_other(personas, opportunity))
    mail.outbox.clear()
    committed(
        apply, POSITIONING_LIFECYCLE, other, "acknowledge", scope=Scope.for_user(personas.geiq_recruiter)
    )
    assert personas.counsellor_a.email in recipients()


def _other(personas, opportunity):
    from tests.positionings.factories import published_opportunity

    return published_opportunity(personas.network, rome_title=opportunity.rome_title)


def test_the_preference_page_saves_the_choices_and_keeps_them(client, personas):
    client.force_login(personas.geiq_recruiter)
    response = client.get("/positionnements/notifications/", follow=True)
    assert response.status_code == 200
    assert 'name="positionings__transmitted"' in response.content.decode()
    response = client.post(
        "/notifications/",
        {
            "positionings__partner_answer": "immediate",
            "positionings__outcome": "immediate",
            "events__announced": "immediate",
            "opportunities__diffused": "immediate",
        },
    )
    assert response.status_code == 302
    chosen = dict(
        NotificationPreference.objects.filter(user=personas.geiq_recruiter).values_list("code", "enabled")
    )
    assert (
        chosen["positionings.transmitted"],
        chosen["positionings.partner_answer"],
        chosen["positionings.reminder"],
    ) == (False, True, False)


def test_no_email_is_sent_when_the_transaction_is_rolled_back(
    personas, youth, opportunity, django_capture_on_commit_callbacks
):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        apply(POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(personas.cre_a))
    assert len(callbacks) == 1 and mail.outbox == []


def test_interview_planning_is_an_answer(personas, youth, opportunity, committed):
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    mail.outbox.clear()
    committed(
        apply,
        POSITIONING_LIFECYCLE,
        positioning,
        "plan_interview",
        scope=Scope.for_user(personas.geiq_recruiter),
        interview_at=timezone.now() + datetime.timedelta(days=4),
    )
    assert "Entretien" in mail.outbox[0].subject


def test_sending_back_emails_the_counsellor_with_the_reason(personas, youth, opportunity, committed):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    mail.outbox.clear()
    committed(
        apply,
        POSITIONING_LIFECYCLE,
        positioning,
        "send_back",
        scope=Scope.for_user(personas.cre_a),
        note="Précisez son expérience sur chantier",
    )
    assert recipients() == [personas.counsellor_a.email]
    assert "renvoyé" in mail.outbox[0].subject
    assert "Précisez son expérience sur chantier" in mail.outbox[0].body


def test_a_counsellor_who_turned_off_send_back_emails_gets_none(personas, youth, opportunity, committed):
    turn_off(personas.counsellor_a, "positionings.returned")
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    mail.outbox.clear()
    committed(
        apply,
        POSITIONING_LIFECYCLE,
        positioning,
        "send_back",
        scope=Scope.for_user(personas.cre_a),
        note="À revoir",
    )
    assert mail.outbox == []


def test_the_partner_is_told_when_a_candidate_it_received_withdraws(personas, youth, opportunity, committed):
    positioning = positioning_at(personas, S.ACKNOWLEDGED, youth=youth, opportunity=opportunity)
    mail.outbox.clear()
    committed(
        apply, POSITIONING_LIFECYCLE, positioning, "withdraw", scope=Scope.for_user(personas.counsellor_a)
    )
    assert personas.geiq_recruiter.email in recipients()
    assert personas.counsellor_a.email not in recipients()  # who recorded it is not told
    (notice,) = [m for m in mail.outbox if m.to == [personas.geiq_recruiter.email]]
    assert notice.subject == "[Relais] Candidature reçue close : Désistement du jeune"
    assert "ne se poursuit pas : Désistement du jeune." in notice.body
    for secret in (CANARY, youth.last_name):
        assert secret not in notice.body


def test_the_partner_is_not_told_of_a_cancellation_before_transmission(
    personas, youth, opportunity, committed
):
    positioning = positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)
    mail.outbox.clear()
    committed(
        apply, POSITIONING_LIFECYCLE, positioning, "cancel", scope=Scope.for_user(personas.counsellor_a)
    )
    assert personas.geiq_recruiter.email not in recipients()
