"""The workflow engine itself, run on the positioning pipeline (a real model, its real log and notifications)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from relais.conventions.services import convention_create
from relais.core.models import AuditEvent
from relais.core.scope import Scope
from relais.core.workflows import DomainError, Field, Transition, UnknownTransition, Workflow, apply
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.positionings.models import Positioning, PositioningError, PositioningTransition
from tests.jobs.factories import RomeTitleFactory
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def opportunity(personas):
    return published_opportunity(personas.network, rome_title=RomeTitleFactory(label="Maçon / Maçonne"))


@pytest.fixture
def proposed(personas, opportunity):
    youth = consenting_youth(personas.network.ml_a, commune=personas.network.lyon)
    return positioning_at(personas, S.PROPOSED, youth=youth, opportunity=opportunity)


def as_scope(user):
    return Scope.for_user(user)


def test_an_unknown_transition_is_one_domain_error_that_pages_turn_into_404(personas, proposed):
    with pytest.raises(UnknownTransition) as error:
        apply(POSITIONING_LIFECYCLE, proposed, "teleport", scope=as_scope(personas.cre_a))
    assert isinstance(error.value, DomainError) and isinstance(error.value, Http404)
    assert str(error.value) == "Cette action n'existe pas."
    assert proposed.transitions.count() == 1  # the proposal only


def test_every_transition_page_answers_404_for_an_unknown_transition(client, personas, proposed, opportunity):
    network = personas.network
    convention = convention_create(
        scope=Scope.for_user(personas.arml_coordinator),
        own_organization=network.arml,
        title="Charte test",
        kind="regional_charter",
    )
    client.force_login(personas.arml_coordinator)
    assert client.post(f"/conventions/{convention.pk}/statut/teleport/").status_code == 404
    client.force_login(personas.geiq_recruiter)
    assert client.post(f"/opportunites/{opportunity.pk}/teleport/").status_code == 404
    assert client.get(f"/opportunites/{opportunity.pk}/teleport/").status_code == 404
    client.force_login(personas.cre_a)
    assert client.post(f"/positionnements/{proposed.pk}/teleport/").status_code == 404


def test_transition_pages_refuse_who_is_none_of_the_actors_whatever_the_state(client, personas, opportunity):
    client.force_login(personas.counsellor_a)  # the opportunity was diffused to their Mission Locale
    assert client.get(f"/opportunites/{opportunity.pk}/").status_code == 200
    assert client.post(f"/opportunites/{opportunity.pk}/fill/").status_code == 403
    assert client.post(f"/opportunites/{opportunity.pk}/publish/").status_code == 403  # wrong state too
    opportunity.refresh_from_db()
    assert opportunity.status == "published" and not opportunity.transitions.exists()


def test_the_state_is_checked_before_the_actor(personas, opportunity):
    youth = consenting_youth(personas.network.ml_a, commune=personas.network.lyon)
    hired = positioning_at(personas, S.HIRED, youth=youth, opportunity=opportunity)
    # Someone who could never transmit still hears that the positioning is past that step.
    with pytest.raises(PositioningError, match="Action impossible : le positionnement est « Recruté »"):
        apply(POSITIONING_LIFECYCLE, hired, "transmit", scope=as_scope(personas.counsellor_b))


def test_someone_who_is_none_of_the_actors_is_refused_and_nothing_is_written(personas, proposed):
    audits = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=as_scope(personas.counsellor_a))
    proposed.refresh_from_db()
    assert proposed.status == S.PROPOSED and proposed.transmitted_at is None
    assert proposed.transitions.count() == 1 and AuditEvent.objects.count() == audits


def test_the_platform_runs_only_the_transitions_declared_for_it(personas, proposed):
    with pytest.raises(PermissionDenied):
        apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=Scope.system())
    apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=as_scope(personas.cre_a))
    apply(POSITIONING_LIFECYCLE, proposed, "expire", scope=Scope.system(), note="Sans réponse.")
    log = proposed.transitions.last()
    assert (proposed.status, log.name, log.by, log.note) == (S.EXPIRED, "expire", None, "Sans réponse.")


def test_missing_values_are_reported_together_keyed_by_field(personas, opportunity):
    youth = consenting_youth(personas.network.ml_a, commune=personas.network.lyon)
    acknowledged = positioning_at(personas, S.ACKNOWLEDGED, youth=youth, opportunity=opportunity)
    with pytest.raises(ValidationError) as error:
        apply(POSITIONING_LIFECYCLE, acknowledged, "hire", scope=as_scope(personas.geiq_recruiter))
    assert error.value.message_dict == {
        "contract_type": ["Choisissez le type de contrat."],
        "start_date": ["Indiquez la date d'embauche."],
        "weekly_hours": ["Indiquez une durée hebdomadaire entre 1 et 48 heures."],
    }
    with pytest.raises(TypeError):  # a value the transition does not take is a programming error
        apply(
            POSITIONING_LIFECYCLE, acknowledged, "acknowledge", scope=as_scope(personas.geiq_recruiter), x=1
        )


def test_a_guard_refuses_with_its_french_message(personas, proposed):
    proposed.youth.consent_given_at, proposed.youth.consent_scope = None, ""
    proposed.youth.save(update_fields=["consent_given_at", "consent_scope"])
    with pytest.raises(PositioningError, match="consentement du jeune n'est plus valable"):
        apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=as_scope(personas.cre_a))
    assert Positioning.objects.get(pk=proposed.pk).status == S.PROPOSED


def test_a_transition_saves_its_fields_only_and_writes_the_log_and_audit_rows(personas, proposed):
    scope = as_scope(personas.cre_a)
    with CaptureQueriesContext(connection) as queries:
        result = apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=scope, note=" Vu ")
    assert result is proposed and proposed.status == S.TRANSMITTED
    selects = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    lock = selects[0]  # the row is read again under the lock before anything else
    assert lock.startswith('SELECT "positionings_positioning"."id"') and "JOIN" not in lock
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in lock
    update = next(q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE"))
    assert update.count("=") == 4  # status, transmitted_at, updated_at, and the primary key
    log = PositioningTransition.objects.filter(positioning=proposed).last()
    assert (log.name, log.from_status, log.to_status, log.by, log.note) == (
        "transmit",
        S.PROPOSED,
        S.TRANSMITTED,
        personas.cre_a,
        "Vu",
    )
    assert log.at == Positioning.objects.get(pk=proposed.pk).transmitted_at
    assert str(log) == "Proposé par le conseiller → Transmis au partenaire"
    event = AuditEvent.objects.get(action="positioning.transmit", object_id=str(proposed.pk))
    assert (event.actor, event.details) == (
        personas.cre_a,
        {"from_status": "proposed", "to_status": "transmitted"},
    )


def test_the_notification_is_queued_on_commit_only(personas, proposed, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks() as rolled_back:
        with pytest.raises(RuntimeError), transaction.atomic():
            apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=as_scope(personas.cre_a))
            raise RuntimeError
    assert rolled_back == [] and Positioning.objects.get(pk=proposed.pk).status == S.PROPOSED
    with django_capture_on_commit_callbacks() as callbacks:
        apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=as_scope(personas.cre_a))
    assert len(callbacks) == 1 and mail.outbox == []
    callbacks[0]()
    assert [message.to for message in mail.outbox] == [[personas.geiq_recruiter.email]]


def test_a_stale_copy_is_refused_after_the_state_is_read_again(personas, proposed):
    stale = Positioning.objects.get(pk=proposed.pk)
    apply(POSITIONING_LIFECYCLE, proposed, "transmit", scope=as_scope(personas.cre_a))
    assert stale.status == S.PROPOSED  # what a second page, opened before, still shows
    with pytest.raises(PositioningError, match="Action impossible"):
        apply(POSITIONING_LIFECYCLE, stale, "transmit", scope=as_scope(personas.cre_a))
    assert stale.status == S.TRANSMITTED  # re-read under the lock
    assert proposed.transitions.filter(name="transmit").count() == 1


# ---- the order of the checks and the hooks, on a table of its own over the same model ----------------------


def _probe_workflow(calls: list) -> Workflow:
    def guard(positioning, step):
        calls.append("guard")
        return "Refusé par la garde." if step.note == "refuse" else None

    def stamp(positioning, step):
        return {"reason": f"{step.from_status}:{step.values['start_date']:%Y}"}

    def effect(positioning, step):
        calls.append("effect")
        assert Positioning.objects.get(pk=positioning.pk).status == S.RETURNED  # after the save
        return {"probe": positioning.pk}

    def notify(positioning, transition, scope, log):
        calls.append(("notify", transition.name, scope.user, log.pk))

    return Workflow(
        model=Positioning,
        log_model=PositioningTransition,
        actors_of=lambda scope, positioning: {"counsellor"} if scope.user is not None else set(),
        error=PositioningError,
        wrong_state="« {label_lower} » impossible : {status_lower}.",
        notify=notify,
        transitions=(
            # Named as a real transition of the pipeline: audit actions are a closed list.
            Transition(
                "send_back",
                {S.PROPOSED},
                S.RETURNED,
                "Sonder",
                actors={"counsellor"},
                fields=(Field("note", "Une note."), Field("start_date", "Une date.")),
                guards=(guard,),
                updates=(stamp,),
                effects=(effect,),
                notifies="probe",
            ),
        ),
    )


def test_values_are_checked_before_the_guards_then_updates_effects_audit_and_notification_follow(
    personas, proposed, django_capture_on_commit_callbacks
):
    calls = []
    workflow = _probe_workflow(calls)
    scope = as_scope(personas.counsellor_a)
    with pytest.raises(ValidationError) as error:
        apply(workflow, proposed, "send_back", scope=scope, note="refuse")
    assert set(error.value.message_dict) == {"start_date"} and calls == []
    with pytest.raises(PositioningError, match="Refusé par la garde"):
        apply(
            workflow, proposed, "send_back", scope=scope, note="refuse", start_date=datetime.date(2026, 5, 1)
        )
    assert calls == ["guard"]
    with django_capture_on_commit_callbacks(execute=True):
        apply(workflow, proposed, "send_back", scope=scope, note="ok", start_date=datetime.date(2026, 5, 1))
    log = proposed.transitions.last()
    assert calls == ["guard", "guard", "effect", ("notify", "send_back", personas.counsellor_a, log.pk)]
    proposed.refresh_from_db()
    assert (proposed.status, proposed.reason, proposed.start_date) == (
        S.RETURNED,
        "proposed:2026",
        datetime.date(2026, 5, 1),
    )
    event = AuditEvent.objects.get(action="positioning.send_back")
    assert event.details == {"from_status": "proposed", "to_status": "returned", "probe": proposed.pk}
    with pytest.raises(PositioningError, match="« sonder » impossible : renvoyé au conseiller."):
        apply(workflow, proposed, "send_back", scope=scope, note="ok", start_date=datetime.date(2026, 5, 1))
