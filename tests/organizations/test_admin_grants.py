"""The admin never lets an administrator give their own account access to young people's data."""

import pytest
from django.utils.html import escape

from relais.core.enums import AuditAction
from relais.core.models import AuditEvent
from relais.core.scope import Scope
from relais.organizations.admin import SELF_GRANT_REFUSED
from relais.organizations.enums import Role
from relais.organizations.models import Membership, PartnerReferent
from tests.organizations.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def administrator(email):
    user = UserFactory(email=email, is_staff=True, is_superuser=True)
    return user, PersonFactory(user=user, first_name="Admin", last_name=email.split("@")[0])


def person_form(person, *, user, rows=(), initial=0):
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "phone": person.phone,
        "user": user.pk if user else "",
        "memberships-TOTAL_FORMS": str(len(rows)),
        "memberships-INITIAL_FORMS": str(initial),
    }
    for n, row in enumerate(rows):
        data.update({f"memberships-{n}-{key}": value for key, value in row.items()})
        data[f"memberships-{n}-person"] = person.pk
    return data


def counsellor_row(ml):
    return {"organization": ml.pk, "role": Role.COUNSELLOR, "title": "", "is_active": "on"}


def test_an_administrator_cannot_make_themselves_counsellor_of_a_mission_locale(client, network):
    user, person = administrator("admin@relais.test")
    client.force_login(user)
    response = client.post(
        f"/admin/organizations/person/{person.pk}/change/",
        person_form(person, user=user, rows=[counsellor_row(network.ml_a)]),
    )
    assert response.status_code == 200
    assert escape(SELF_GRANT_REFUSED) in response.content.decode()
    assert not Membership.objects.filter(person=person).exists()
    assert not Scope.for_user(user).mission_locale_ids


def test_an_administrator_cannot_add_themselves_from_the_mission_locale_page(client, network):
    user, person = administrator("admin@relais.test")
    client.force_login(user)
    ml = network.ml_a
    response = client.get(f"/admin/organizations/organization/{ml.pk}/change/")
    form = response.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data["departments"] = [d.pk for d in ml.departments.all()]
    data["naf_sectors"] = []
    data["is_active"] = "on" if ml.is_active else ""
    existing = list(ml.memberships.all())
    data.update({"sites-TOTAL_FORMS": "0", "sites-INITIAL_FORMS": "0"})
    data.update(
        {"memberships-TOTAL_FORMS": str(len(existing) + 1), "memberships-INITIAL_FORMS": str(len(existing))}
    )
    for n, m in enumerate(existing):
        data.update(
            {
                f"memberships-{n}-id": m.pk,
                f"memberships-{n}-organization": ml.pk,
                f"memberships-{n}-person": m.person_id,
                f"memberships-{n}-role": m.role,
                f"memberships-{n}-title": m.title,
                f"memberships-{n}-is_active": "on" if m.is_active else "",
            }
        )
    n = len(existing)
    data.update(
        {
            f"memberships-{n}-organization": ml.pk,
            f"memberships-{n}-person": person.pk,
            f"memberships-{n}-role": Role.DIRECTOR,
            f"memberships-{n}-is_active": "on",
        }
    )
    for key in [k for k, v in data.items() if isinstance(v, list) and not v]:
        del data[key]
    response = client.post(f"/admin/organizations/organization/{ml.pk}/change/", data)
    assert response.status_code == 200
    assert escape(SELF_GRANT_REFUSED) in response.content.decode()
    assert not Membership.objects.filter(person=person).exists()


def test_an_administrator_may_give_themselves_a_role_that_reads_no_young_person(client, network):
    user, person = administrator("admin@relais.test")
    client.force_login(user)
    row = {**counsellor_row(network.ml_a), "role": Role.OBSERVER}
    response = client.post(
        f"/admin/organizations/person/{person.pk}/change/", person_form(person, user=user, rows=[row])
    )
    assert response.status_code == 302
    assert Membership.objects.filter(person=person, role=Role.OBSERVER).exists()


def test_linking_ones_account_to_a_counsellor_person_is_refused(client, network):
    user, own_person = administrator("admin@relais.test")
    own_person.delete()
    counsellor = PersonFactory()
    MembershipFactory(person=counsellor, organization=network.ml_a, role=Role.COUNSELLOR)
    client.force_login(user)
    response = client.post(
        f"/admin/organizations/person/{counsellor.pk}/change/",
        person_form(
            counsellor,
            user=user,
            rows=[{**counsellor_row(network.ml_a), "id": counsellor.memberships.get().pk}],
            initial=1,
        ),
    )
    assert response.status_code == 200
    assert escape(SELF_GRANT_REFUSED) in response.content.decode()
    counsellor.refresh_from_db()
    assert counsellor.user_id is None


def test_naming_oneself_partner_referent_is_refused(client, network):
    user, person = administrator("admin@relais.test")
    MembershipFactory(person=person, organization=network.ml_a, role=Role.OBSERVER)
    client.force_login(user)
    response = client.post(
        "/admin/organizations/partnerreferent/add/",
        {"mission_locale": network.ml_a.pk, "partner": network.geiq.pk, "person": person.pk},
    )
    assert response.status_code == 200
    assert escape(SELF_GRANT_REFUSED) in response.content.decode()
    assert not PartnerReferent.objects.exists()


def test_another_administrator_grants_the_role_and_it_is_audited(client, network):
    user, person = administrator("admin@relais.test")
    other, _ = administrator("autre-admin@relais.test")
    client.force_login(other)
    response = client.post(
        f"/admin/organizations/person/{person.pk}/change/",
        person_form(person, user=user, rows=[counsellor_row(network.ml_a)]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    membership = Membership.objects.get(person=person)
    assert Scope.for_user(user).mission_locale_ids == {network.ml_a.pk}
    event = AuditEvent.objects.get(action=AuditAction.MEMBERSHIP_ADD, object_id=str(membership.pk))
    assert event.actor == other
    assert event.details["role"] == Role.COUNSELLOR
    assert event.details["organization"] == network.ml_a.pk
