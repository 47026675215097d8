"""The audit log: a closed list of actions, ids rather than names in the details, admin edits audited."""

import datetime
import json

import pytest
from django.urls import reverse

from relais.conventions import editing
from relais.conventions.seeds import load_seed_conventions
from relais.core.enums import AuditAction
from relais.core.models import AuditEvent
from relais.core.scope import Scope
from relais.core.services import audit
from relais.core.workflows import apply
from relais.organizations import services as organizations
from relais.organizations.enums import Role
from relais.organizations.models import Membership, Person
from relais.positionings import services as positionings
from relais.positionings.lifecycle import POSITIONING_LIFECYCLE
from relais.youths.services import youth_anonymise, youth_archive, youth_create, youth_update
from tests.jobs.factories import RomeFamilyFactory, RomeTitleFactory
from tests.organizations.factories import PersonFactory
from tests.positionings.factories import contract_type, published_opportunity
from tests.territories.factories import RegionFactory
from tests.youths.factories import birth_date_for_age

pytestmark = pytest.mark.django_db

# Names nobody else in the test data carries: none of them may reach an audit row.
CANARIES = ("Zéphyrin", "Canarien", "Zéphyrine", "Oiselle", "Pinson")


def test_an_unknown_action_is_refused_with_a_clear_error(personas):
    with pytest.raises(ValueError, match=r"Unknown audit action 'youth\.teleport'.*AuditAction"):
        audit(actor=personas.counsellor_a, action="youth.teleport", obj=personas.network.ml_a)
    assert not AuditEvent.objects.exists()


def test_a_known_action_is_recorded_with_its_label(personas):
    event = audit(actor=personas.counsellor_a, action=AuditAction.SITE_CREATE, obj=personas.network.ml_a)
    event.refresh_from_db()
    assert event.action == "site.create" and event.get_action_display() == "Point d'accueil créé"


def test_the_stored_field_offers_exactly_the_closed_list():
    field = AuditEvent._meta.get_field("action")
    assert field.choices == AuditAction.choices
    assert all(value.count(".") == 1 and value == value.lower() for value in AuditAction.values)


def _names_in_audit_details() -> list[tuple[str, str]]:
    found = []
    for action, details in AuditEvent.objects.values_list("action", "details"):
        text = json.dumps(details, ensure_ascii=False)
        found += [(action, name) for name in CANARIES if name in text]
    return found


def test_the_main_services_write_ids_not_names_in_the_audit_details(personas, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    n = personas.network
    coordinator = personas.arml_coordinator
    # Directory: a person with a canary name gets a role, becomes a partner referent, then leaves it.
    person = PersonFactory(first_name="Zéphyrin", last_name="Canarien")
    organizations.membership_add(
        person=person, organization=n.ml_a, role=Role.CRE, scope=Scope.for_user(personas.admin)
    )
    referent = organizations.referent_assign(
        mission_locale=n.ml_a, partner=n.geiq_2, person=person, scope=Scope.for_user(personas.admin)
    )
    organizations.referent_remove(referent=referent, scope=Scope.for_user(personas.admin))
    site = organizations.site_create(
        organization=n.ml_a, scope=Scope.for_user(personas.admin), name="Antenne Pinson", commune=n.lyon
    )
    organizations.site_delete(site=site, scope=Scope.for_user(personas.admin))
    # A convention's signatories, referents and parties, added then removed.
    RegionFactory(code="76", name="Occitanie")
    aura = load_seed_conventions()["seed-000-cr-geiq-aura-amilaura"]
    editing.signatories_save(
        convention=aura,
        scope=Scope.for_user(coordinator),
        rows=[{"pk": None, "full_name": "Zéphyrine Oiselle", "title": "Présidente", "party": None}],
    )
    editing.signatory_remove(
        signatory=aura.signatories.get(full_name="Zéphyrine Oiselle"), scope=Scope.for_user(coordinator)
    )
    party = editing.party_add(
        convention=aura, scope=Scope.for_user(coordinator), organization=n.geiq, role="associated"
    )
    editing.referents_save(
        party=party, scope=Scope.for_user(coordinator), rows=[{"pk": None, "full_name": "Zéphyrin Canarien"}]
    )
    editing.referent_remove(referent=party.referents.get(), scope=Scope.for_user(coordinator))
    party_pk = party.pk
    editing.party_remove(party=party, scope=Scope.for_user(coordinator))
    # A young person's record and positioning, to the end of their data's life.
    family = RomeFamilyFactory(code="F1703", label="Maçonnerie")
    title = RomeTitleFactory(ogr_code="15830", family=family, label="Maçon / Maçonne")
    youth = youth_create(
        mission_locale=n.ml_a,
        scope=Scope.for_user(personas.counsellor_a),
        first_name="Zéphyrine",
        last_name="Oiselle",
        birth_date=birth_date_for_age(20),
        commune=n.lyon,
        consent_given_at=datetime.date.today() - datetime.timedelta(days=3),
        sought_titles=[title],
    )
    youth_update(
        youth=youth,
        scope=Scope.for_user(personas.counsellor_a),
        last_name="Pinson",
        rqth=True,
        consent_given_at=youth.consent_given_at,
        consent_scope=youth.consent_scope,
    )
    positioning = positionings.positioning_propose(
        youth=youth,
        opportunity=published_opportunity(n, rome_title=title),
        scope=Scope.for_user(personas.counsellor_a),
        motivation="Zéphyrine est motivée",
    )
    apply(POSITIONING_LIFECYCLE, positioning, "transmit", scope=Scope.for_user(personas.cre_a))
    apply(
        POSITIONING_LIFECYCLE,
        positioning,
        "hire",
        scope=Scope.for_user(personas.geiq_recruiter),
        contract_type=contract_type(),
        start_date=datetime.date.today(),
        weekly_hours=35,
    )
    youth_archive(youth=youth, scope=Scope.for_user(personas.counsellor_a))
    youth_anonymise(youth=youth, scope=Scope.system())

    written = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "membership.add",
        "referent.remove",
        "site.delete",
        "convention.signatory_remove",
        "convention.referent_remove",
        "convention.party_remove",
        "youth.update",
        "positioning.hire",
        "youth.anonymise",
    } <= written
    assert _names_in_audit_details() == []
    removed = AuditEvent.objects.get(action="convention.referent_remove").details
    assert removed["party"] == party_pk and "name" not in removed


# ---- admin edits -------------------------------------------------------------------------------------


def _person_form(person=None, memberships=(), initial=0, **fields) -> dict:
    data = {
        "first_name": person.first_name if person else "Zéphyrin",
        "last_name": person.last_name if person else "Canarien",
        "email": person.email if person else "zephyrin@example.org",
        "phone": "",
        "user": "",
        "memberships-TOTAL_FORMS": str(len(memberships)),
        "memberships-INITIAL_FORMS": str(initial),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for i, row in enumerate(memberships):
        data.update({f"memberships-{i}-{name}": value for name, value in row.items()})
    return data


def test_admin_membership_changes_are_audited_with_ids(client, personas):
    n = personas.network
    client.force_login(personas.admin)
    row = {"organization": n.ml_a.pk, "role": Role.COUNSELLOR, "title": "", "is_active": "on"}
    response = client.post(reverse("admin:organizations_person_add"), _person_form(memberships=[row]))
    assert response.status_code == 302, response.content.decode()[:2000]
    person = Person.objects.get(last_name="Canarien")
    membership = Membership.objects.get(person=person)
    added = AuditEvent.objects.get(action="membership.add")
    assert added.actor == personas.admin and added.object_id == str(membership.pk)
    assert added.details == {
        "via": "admin",
        "person": person.pk,
        "organization": n.ml_a.pk,
        "role": Role.COUNSELLOR,
        "is_active": True,
    }
    assert AuditEvent.objects.filter(action="person.create", object_id=str(person.pk)).exists()

    # The role changes, then the membership is removed, from the person's page.
    change_url = reverse("admin:organizations_person_change", args=[person.pk])
    changed = {**row, "id": membership.pk, "person": person.pk, "role": Role.CRE}
    assert client.post(change_url, _person_form(person, [changed], initial=1)).status_code == 302
    update = AuditEvent.objects.get(action="membership.update")
    assert (update.details["role"], update.details["fields"]) == (Role.CRE, ["role"])
    removed = {**changed, "DELETE": "on"}
    assert client.post(change_url, _person_form(person, [removed], initial=1)).status_code == 302
    assert not Membership.objects.filter(person=person).exists()
    remove = AuditEvent.objects.get(action="membership.remove")
    assert remove.object_id == str(membership.pk) and remove.details["person"] == person.pk
    assert _names_in_audit_details() == []


def test_deleting_a_person_in_the_admin_audits_the_memberships_it_removes(client, personas):
    person = PersonFactory(first_name="Zéphyrin", last_name="Canarien")
    membership = Membership.objects.create(person=person, organization=personas.network.ml_b, role=Role.CRE)
    client.force_login(personas.admin)
    response = client.post(reverse("admin:organizations_person_delete", args=[person.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="membership.remove", object_id=str(membership.pk)).exists()
    assert AuditEvent.objects.filter(action="person.delete", object_id=str(person.pk)).exists()
    assert _names_in_audit_details() == []


def test_granting_platform_rights_in_the_admin_is_audited(client, personas):
    user = personas.counsellor_b
    client.force_login(personas.admin)
    url = reverse("admin:accounts_user_change", args=[user.pk])
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": "on",
        "is_staff": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get(action="account.update")
    assert event.actor == personas.admin and event.object_id == str(user.pk)
    # The form's date widgets drop the microseconds: "date_joined" may be listed too.
    assert event.details["is_staff"] is True and "is_staff" in event.details["fields"]
    assert user.email not in json.dumps(event.details)
