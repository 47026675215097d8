"""Positionings keep the countable facts of their young person: counts survive the record's anonymisation."""

import dataclasses
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from relais.conventions.models import Convention
from relais.core.models import AuditEvent
from relais.core.scope import Scope
from relais.core.workflows import apply
from relais.positionings import services
from relais.positionings.enums import PositioningStatus as S
from relais.positionings.facts import FLAG_FIELDS, countable_facts_of
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.positionings.models import Positioning
from relais.positionings.selectors import positioning_counts_for_convention
from relais.positionings.suggestions import suggest_youths
from relais.youths.enums import PRIORITY_FLAGS
from relais.youths.models import Youth
from relais.youths.services import youth_anonymise, youth_archive
from tests.positionings.factories import consenting_youth, positioning_at, published_opportunity

pytestmark = pytest.mark.django_db


def _facts(positioning: Positioning) -> dict:
    return {
        "mission_locale_id": positioning.mission_locale_id,
        "youth_ref": positioning.youth_ref,
        "youth_birth_year": positioning.youth_birth_year,
        **{field: getattr(positioning, field) for field in FLAG_FIELDS.values()},
    }


def test_a_proposal_records_the_youths_countable_facts(personas, youth, opportunity):
    positioning = services.positioning_propose(
        youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
    )
    positioning.refresh_from_db()
    assert positioning.mission_locale == personas.network.ml_a
    assert positioning.youth_ref == youth.pk
    assert positioning.youth_birth_year == youth.birth_date.year
    # The fixture's youth carries every priority-public flag.
    assert all(getattr(positioning, f"youth_{flag}") is True for flag in PRIORITY_FLAGS)


def test_the_flags_are_those_of_the_proposal_day(personas, rome, opportunity):
    youth = consenting_youth(
        personas.network.ml_a, commune=personas.network.lyon, rqth=True, no_diploma=False
    )
    positioning = services.positioning_propose(
        youth=youth, opportunity=opportunity, scope=Scope.for_user(personas.counsellor_a)
    )
    Youth.objects.filter(pk=youth.pk).update(rqth=False, no_diploma=True)
    positioning.refresh_from_db()
    assert (positioning.youth_rqth, positioning.youth_no_diploma) == (True, False)
    assert positioning.youth_qpv_resident is False


def _migration(app: str, fragment: str) -> tuple[str, str]:
    """A migration by a part of its name, so that renumbering the files does not break the test."""
    loader = MigrationExecutor(connection).loader
    names = [name for (label, name) in loader.disk_migrations if label == app and fragment in name]
    assert len(names) == 1, names
    return app, names[0]


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_fills_the_facts_of_existing_positionings(personas, youth, opportunity):
    positioning = positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    expected = _facts(positioning)
    before_fill = _migration("positionings", "0003_positioning_countable_facts")
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([before_fill])
        old_apps = executor.loader.project_state([before_fill]).apps
        OldPositioning = old_apps.get_model("positionings", "Positioning")
        # As the rows were before the facts existed.
        OldPositioning.objects.update(
            mission_locale=None,
            youth_ref=None,
            youth_birth_year=None,
            **dict.fromkeys(FLAG_FIELDS.values(), False),
        )
        executor = MigrationExecutor(connection)
        executor.migrate(leaves)
    finally:
        MigrationExecutor(connection).migrate(leaves)
    positioning.refresh_from_db()
    assert _facts(positioning) == expected
    assert expected["youth_rqth"] is True and expected["mission_locale_id"] == personas.network.ml_a.pk


def _convention_with_activity(personas, rome, youth):
    n = personas.network
    convention = Convention.objects.create(title="Charte GEIQ × AMILAURA", kind="regional_charter")
    opportunity = published_opportunity(n, rome_title=rome.mason, convention=convention)
    second = published_opportunity(n, rome_title=rome.mason_helper, convention=convention)
    # Not retained first: once hired, the young person is proposed again only with a confirmation.
    positioning_at(personas, S.NOT_RETAINED, youth=youth, opportunity=second)
    positioning_at(personas, S.HIRED, youth=youth, opportunity=opportunity)
    other = consenting_youth(n.ml_a, commune=n.lyon)
    positioning_at(personas, S.TRANSMITTED, youth=other, opportunity=second)
    return convention, other


def _figures(convention) -> dict:
    counts = positioning_counts_for_convention(convention)
    delays = counts.pop("delays")
    steps = [(field.name, getattr(delays, field.name).count) for field in dataclasses.fields(delays)]
    return {**counts, "delays": steps}


def test_deleting_young_people_keeps_the_positionings_and_the_convention_counts(personas, rome, youth):
    convention, other = _convention_with_activity(personas, rome, youth)
    before = _figures(convention)
    assert (before["positioned"], before["proposed"], before["hired"]) == (2, 2, 1)
    # Two records gone: counted by the youth's id, both would collapse into one NULL.
    youth.delete()
    other.delete()
    assert Positioning.objects.filter(youth__isnull=True).count() == 3
    assert _figures(convention) == before


def test_anonymising_an_archived_youth_keeps_the_counts_and_is_audited(personas, rome, youth):
    convention, _ = _convention_with_activity(personas, rome, youth)
    before = _figures(convention)
    youth_archive(youth=youth, scope=Scope.for_user(personas.counsellor_a))
    youth_pk = youth.pk
    youth_anonymise(youth=youth, scope=Scope.for_user(personas.counsellor_a))
    assert not Youth.objects.filter(pk=youth_pk).exists()
    assert _figures(convention) == before
    event = AuditEvent.objects.get(action="youth.anonymise")
    assert event.object_id == str(youth_pk) and event.actor == personas.counsellor_a


def test_anonymising_needs_an_archived_record_of_ones_own_mission_locale(personas, youth):
    with pytest.raises(ValidationError, match="Archivez"):
        youth_anonymise(youth=youth, scope=Scope.for_user(personas.counsellor_a))
    youth_archive(youth=youth, scope=Scope.for_user(personas.counsellor_a))
    with pytest.raises(PermissionDenied):
        youth_anonymise(youth=youth, scope=Scope.for_user(personas.counsellor_b))
    youth_anonymise(youth=youth, scope=Scope.system())
    assert not Youth.objects.filter(pk=youth.pk).exists()


def test_pages_show_an_anonymised_youth_without_failing(client, personas, youth, opportunity):
    positioning = positioning_at(personas, S.ACKNOWLEDGED, youth=youth, opportunity=opportunity)
    youth.delete()
    client.force_login(personas.counsellor_a)
    detail = client.get(f"/positionnements/{positioning.pk}/")
    assert detail.status_code == 200
    assert "Jeune anonymisé" in detail.content.decode() and "Dupont" not in detail.content.decode()
    listing = client.get("/positionnements/?status=&tous=1")
    assert listing.status_code == 200 and "Jeune anonymisé" in listing.content.decode()
    client.force_login(personas.geiq_recruiter)
    partner = client.get(f"/positionnements/{positioning.pk}/")
    assert partner.status_code == 200 and "Jeune anonymisé" in partner.content.decode()
    received = client.get("/positionnements/candidatures-recues/")
    assert "Jeune anonymisé" in received.content.decode()
    export = client.get("/positionnements/candidatures-recues/?format=csv")
    assert "Jeune anonymisé" in export.content.decode("utf-8-sig")


def test_the_partner_can_still_record_the_outcome_of_an_anonymised_candidate(personas, youth, opportunity):
    positioning = positioning_at(personas, S.ACKNOWLEDGED, youth=youth, opportunity=opportunity)
    youth.delete()
    positioning.refresh_from_db()
    apply(
        POSITIONING_LIFECYCLE,
        positioning,
        "not_retain",
        scope=Scope.for_user(personas.geiq_recruiter),
        not_retained_reason="no_show",
    )
    assert Positioning.objects.get(pk=positioning.pk).status == S.NOT_RETAINED


def test_an_anonymised_positioning_does_not_hide_the_other_suggested_youths(
    personas, rome, youth, opportunity
):
    positioning_at(personas, S.TRANSMITTED, youth=youth, opportunity=opportunity)
    youth.delete()
    candidate = consenting_youth(
        personas.network.ml_a, commune=personas.network.lyon, sought_titles=[rome.mason]
    )
    suggested = [s.obj.pk for s in suggest_youths(Scope.for_user(personas.counsellor_a), opportunity)]
    assert candidate.pk in suggested


def test_countable_facts_of_is_what_the_model_takes(personas, youth, opportunity):
    """Direct creation (imports, benches) passes the same facts as the service."""
    facts = countable_facts_of(youth)
    assert set(facts) == {"mission_locale_id", "youth_ref", "youth_birth_year", *FLAG_FIELDS.values()}
    row = Positioning.objects.create(
        youth=youth,
        opportunity=opportunity,
        proposed_at=datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC),
        **facts,
    )
    assert _facts(row) == facts
