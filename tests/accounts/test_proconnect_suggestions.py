"""The managers' page of memberships suggested by ProConnect: confirm with a role, refuse, nobody else."""

import pytest
from django.core import mail

from relais.accounts.models import MembershipSuggestion
from relais.core.models import AuditEvent
from relais.organizations.enums import Role
from relais.organizations.models import Membership, Person
from tests.organizations.factories import UserFactory

pytestmark = pytest.mark.django_db
SIRET = "73282932000074"
URL = "/comptes/proconnect/rattachements/"


@pytest.fixture
def suggestion(personas):
    geiq = personas.network.geiq
    geiq.siret = SIRET
    geiq.save(update_fields=["siret"])
    user = UserFactory(email="lea.durand@geiq-btp.test", first_name="", last_name="")
    return MembershipSuggestion.objects.create(
        user=user, organization=geiq, siret=SIRET, given_name="Léa", usual_name="Durand"
    )


def test_the_manager_sees_the_pending_suggestions_of_their_organisations(client, personas, suggestion):
    client.force_login(personas.geiq_coordinator)
    body = client.get(URL).content.decode()
    assert "lea.durand@geiq-btp.test" in body and "GEIQ BTP Rhône" in body
    assert f'<option value="{Role.PARTNER_RECRUITER}" selected>' in body


def test_someone_who_does_not_manage_the_organisation_sees_nothing_and_gets_404(client, personas, suggestion):
    for user in (personas.geiq_recruiter, personas.counsellor_a, personas.arml_coordinator):
        client.force_login(user)
        assert "lea.durand@geiq-btp.test" not in client.get(URL).content.decode()
        assert "Aucun rattachement n'attend votre décision." in client.get(URL).content.decode()
        confirm = client.post(
            f"{URL}{suggestion.pk}/confirmer/", {f"s{suggestion.pk}-role": Role.COORDINATOR}
        )
        assert confirm.status_code == 404
        assert client.post(f"{URL}{suggestion.pk}/refuser/").status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"
    assert not Membership.objects.filter(person__user=suggestion.user).exists()


def test_confirming_creates_the_person_and_the_role_audited_and_tells_the_person(
    client, personas, suggestion, django_capture_on_commit_callbacks
):
    client.force_login(personas.geiq_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{URL}{suggestion.pk}/confirmer/", {f"s{suggestion.pk}-role": Role.PARTNER_RECRUITER}
        )
    assert response.status_code == 302
    person = Person.objects.get(user=suggestion.user)
    assert (person.first_name, person.last_name, person.email) == (
        "Léa",
        "Durand",
        "lea.durand@geiq-btp.test",
    )
    membership = Membership.objects.get(person=person)
    assert (membership.organization, membership.role) == (suggestion.organization, Role.PARTNER_RECRUITER)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by, suggestion.membership) == (
        "confirmed",
        personas.geiq_coordinator,
        membership,
    )
    rows = AuditEvent.objects.filter(actor=personas.geiq_coordinator).values_list("action", flat=True)
    assert sorted(rows) == ["membership.add", "membership_suggestion.confirm"]
    (message,) = mail.outbox
    assert message.to == ["lea.durand@geiq-btp.test"]
    assert "Rattachement confirmé" in message.subject and "Recruteur·se partenaire" in message.body
    # Decided once: the page no longer lists it and a second post answers 404.
    listing = client.get(URL).content.decode()
    assert "est rattaché·e à GEIQ BTP Rhône" in listing
    assert "Aucun rattachement n'attend votre décision." in listing
    again = client.post(f"{URL}{suggestion.pk}/confirmer/", {f"s{suggestion.pk}-role": Role.COORDINATOR})
    assert again.status_code == 404


def test_a_confirmation_without_a_valid_role_keeps_the_page_with_an_error(client, personas, suggestion):
    client.force_login(personas.geiq_coordinator)
    response = client.post(f"{URL}{suggestion.pk}/confirmer/", {f"s{suggestion.pk}-role": "emperor"})
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Membership.objects.filter(person__user=suggestion.user).exists()


def test_refusing_asks_for_confirmation_then_is_audited_and_told(
    client, personas, suggestion, django_capture_on_commit_callbacks
):
    client.force_login(personas.geiq_coordinator)
    page = client.get(f"{URL}{suggestion.pk}/refuser/").content.decode()
    assert "ne sera pas rattaché·e à GEIQ BTP Rhône" in page
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{URL}{suggestion.pk}/refuser/")
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == ("refused", personas.geiq_coordinator)
    assert AuditEvent.objects.filter(action="membership_suggestion.refuse").count() == 1
    assert not Membership.objects.filter(person__user=suggestion.user).exists()
    (message,) = mail.outbox
    assert "Rattachement refusé" in message.subject


def test_platform_staff_may_decide_too(client, personas, suggestion):
    client.force_login(personas.admin)
    assert "lea.durand@geiq-btp.test" in client.get(URL).content.decode()


def test_the_managers_home_page_lists_what_waits_for_them(client, personas, suggestion):
    client.force_login(personas.geiq_coordinator)
    assert "1 rattachement proposé par ProConnect à confirmer" in client.get("/").content.decode()
    client.force_login(personas.counsellor_a)
    assert "rattachement proposé par ProConnect" not in client.get("/").content.decode()


def test_deleting_an_identity_in_the_admin_is_audited(client, personas):
    from relais.accounts.models import ProConnectIdentity

    identity = ProConnectIdentity.objects.create(
        user=personas.cre_a, issuer="https://pc.example", subject="s"
    )
    client.force_login(personas.admin)
    url = f"/admin/accounts/proconnectidentity/{identity.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not ProConnectIdentity.objects.exists()
    assert AuditEvent.objects.filter(action="account.proconnect_unlink", actor=personas.admin).count() == 1
