"""Who keeps a partner sheet and who reads it."""

import pytest
from django.core.exceptions import PermissionDenied

from relais.conventions.enums import ConventionStatus
from relais.core.scope import Scope
from relais.organizations.enums import Role
from relais.sheets import services
from relais.sheets.perms import can_edit, can_view
from tests.conventions.factories import ConventionFactory
from tests.organizations.factories import user_with_role


def scope(user):
    return Scope.for_user(user)


def test_the_coordinator_of_the_network_head_keeps_its_sheet_and_its_members_sheets(personas):
    n = personas.network
    coordinator = scope(personas.geiq_coordinator)
    assert (
        can_edit(coordinator, n.cr_geiq) and can_edit(coordinator, n.geiq) and can_edit(coordinator, n.geiq_2)
    )


def test_the_coordinator_of_a_geiq_keeps_its_sheet_but_not_a_sister_geiq(personas):
    n = personas.network
    own = scope(user_with_role(n.geiq, Role.COORDINATOR, "coordination@geiq-btp.test"))
    assert can_edit(own, n.geiq)
    assert not can_edit(own, n.geiq_2) and not can_edit(own, n.cr_geiq)


def test_a_recruiter_a_counsellor_and_an_observer_read_the_sheet_but_do_not_keep_it(personas):
    n = personas.network
    for user in (personas.geiq_recruiter, personas.counsellor_b, personas.state_observer, personas.cre_a):
        assert can_view(scope(user), n.geiq)
        assert not can_edit(scope(user), n.geiq)


def test_the_arml_coordinator_keeps_the_sheets_of_the_partners_of_its_live_charters(personas):
    n = personas.network
    arml = scope(personas.arml_coordinator)
    assert not can_edit(arml, n.cr_geiq)
    charter = ConventionFactory(regional_charter=True, region=n.aura, parties=[n.cr_geiq, n.arml])
    assert can_edit(scope(personas.arml_coordinator), n.cr_geiq)
    # The GEIQ members of the CR GEIQ are the charter's partners too, through their network head.
    assert can_edit(scope(personas.arml_coordinator), n.geiq)
    assert not can_edit(scope(personas.arml_coordinator), personas.network.state)
    charter.status = ConventionStatus.ENDED
    charter.save(update_fields=["status"])
    assert not can_edit(scope(personas.arml_coordinator), n.cr_geiq)
    assert not can_edit(scope(personas.arml_coordinator), n.geiq)


def test_the_coordinator_of_another_arml_does_not_keep_them(personas):
    n = personas.network
    ConventionFactory(regional_charter=True, region=n.aura, parties=[n.cr_geiq, n.arml])
    other = scope(user_with_role(n.arml_ge, Role.COORDINATOR, "coordination@arml-ge.test"))
    assert not can_edit(other, n.cr_geiq)


def test_a_mission_locale_or_an_inactive_partner_has_no_sheet(personas):
    n = personas.network
    assert not can_view(scope(personas.counsellor_a), n.ml_a)
    n.geiq_2.is_active = False
    n.geiq_2.save(update_fields=["is_active"])
    assert not can_view(scope(personas.counsellor_a), n.geiq_2)
    assert can_view(scope(personas.admin), n.geiq_2)


def test_the_service_refuses_a_write_by_someone_who_does_not_keep_the_sheet(personas):
    with pytest.raises(PermissionDenied):
        services.sheet_update(
            organization=personas.network.geiq,
            scope=scope(personas.geiq_recruiter),
            presentation="Autre texte",
            offer="",
            territory_note="",
        )
