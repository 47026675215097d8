"""The conventions' e-mails: every party is told of a status change and of a renewal, with the link."""

import datetime

import pytest
from django.core import mail

from relais.conventions.enums import ConventionStatus as S
from relais.conventions.lifecycle import CONVENTION_LIFECYCLE
from relais.conventions.services import convention_create
from relais.core.notifications import OutboxEmail
from relais.core.scope import Scope
from relais.core.workflows import apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(personas):
    return convention_create(
        scope=Scope.for_user(personas.arml_coordinator),
        own_organization=personas.network.arml,
        partner_organizations=[personas.network.cr_geiq],
        title="Charte test",
        kind="regional_charter",
        start_date=datetime.date(2026, 1, 1),
        duration_months=12,
        renewal_rule="annual_on_review",
        followup_cadence="half_yearly_point",
        review_lead_months=1,
    )


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_status_change_is_emailed_to_the_coordinators_of_every_party_even_the_one_who_acted(
    draft, personas, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        apply(CONVENTION_LIFECYCLE, draft, "sign", scope=Scope.for_user(personas.arml_coordinator))
    assert recipients() == sorted([personas.arml_coordinator.email, personas.geiq_coordinator.email])
    message = mail.outbox[0]
    assert message.subject == f"[Relais] Charte test : {S.SIGNED.label}"
    assert f"La convention est passée au statut « {S.SIGNED.label} »." in message.body
    assert f"/conventions/{draft.pk}/" in message.body
    assert set(OutboxEmail.objects.values_list("code", "status")) == {("conventions.status_changed", "sent")}


def test_the_subject_tells_the_status_of_the_event_even_if_the_job_sends_later(
    draft, personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        apply(CONVENTION_LIFECYCLE, draft, "sign", scope=Scope.for_user(personas.arml_coordinator))
    draft.refresh_from_db()
    draft.status = S.ACTIVE  # moved on before the job ran
    draft.save(update_fields=["status"])
    for callback in callbacks:
        callback()
    assert {m.subject for m in mail.outbox} == {f"[Relais] Charte test : {S.SIGNED.label}"}


def test_a_renewal_is_emailed_to_every_party_with_the_new_dates(
    draft, personas, django_capture_on_commit_callbacks
):
    draft.status = S.REVIEW_DUE
    draft.save(update_fields=["status"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        nxt = apply(
            CONVENTION_LIFECYCLE,
            draft,
            "renew",
            scope=Scope.for_user(personas.geiq_coordinator),
            note="COPIL du 15/11/2026 : renouvellement décidé.",
        ).next_period
    assert recipients() == sorted([personas.arml_coordinator.email, personas.geiq_coordinator.email])
    message = mail.outbox[0]
    assert message.subject == "[Relais] Charte test : renouvelée"
    assert f"renouvelée du {nxt.start_date:%d/%m/%Y} au {nxt.end_date:%d/%m/%Y}" in message.body
    assert f"/conventions/{nxt.pk}/" in message.body
