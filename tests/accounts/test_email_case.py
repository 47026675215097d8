"""One account per address whatever its case: login, admin forms, the database and the data migration."""

import pytest
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor

from relais.accounts.admin import UserChangeAdminForm, UserCreationAdminForm
from relais.accounts.models import User
from tests.organizations.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_manager_stores_the_address_in_lower_case():
    user = User.objects.create_user("Agent.Durand@Example.ORG ", password=DEFAULT_PASSWORD)
    assert user.email == "agent.durand@example.org"


def test_database_refuses_a_second_account_differing_only_by_case():
    User.objects.create_user("agent@example.org")
    with pytest.raises(IntegrityError):
        # A raw insert that skips every normalisation still meets the constraint.
        User.objects.bulk_create([User(email="AGENT@example.org")])


def test_login_with_any_case_finds_the_single_account(client):
    user = UserFactory(email="agent@example.org")
    response = client.post(
        "/comptes/connexion/", {"username": "AGENT@EXAMPLE.ORG", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_admin_creation_form_normalises_and_refuses_a_taken_address_in_french():
    UserFactory(email="agent@example.org")
    password = "Relais-Solide-2026!"
    form = UserCreationAdminForm(
        data={"email": "Agent@Example.org", "password1": password, "password2": password}
    )
    assert not form.is_valid()
    assert form.errors["email"] == ["Un compte existe déjà avec cette adresse e-mail."]
    form = UserCreationAdminForm(
        data={"email": "Nouvel.Agent@Example.org", "password1": password, "password2": password}
    )
    assert form.is_valid(), form.errors
    assert form.save().email == "nouvel.agent@example.org"


def test_admin_change_form_lower_cases_the_address_of_the_edited_account():
    user = UserFactory(email="agent@example.org")
    UserFactory(email="autre@example.org")
    data = {
        "email": "AGENT@example.org",
        "first_name": "",
        "last_name": "",
        "is_active": True,
        "date_joined": "2026-01-05 10:00:00",
    }
    form = UserChangeAdminForm(data=data, instance=user)
    assert form.is_valid(), form.errors
    assert form.save().email == "agent@example.org"
    form = UserChangeAdminForm(data={**data, "email": "Autre@example.org"}, instance=user)
    assert not form.is_valid()
    assert "Un compte existe déjà avec cette adresse e-mail." in form.errors["email"]


@pytest.mark.django_db(transaction=True)
def test_data_migration_lower_cases_addresses_and_sets_case_duplicates_aside():
    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0001_initial")])
    old_user = executor.loader.project_state([("accounts", "0001_initial")]).apps.get_model(
        "accounts", "User"
    )
    kept = old_user.objects.create(email="Agent@Example.org", password="x", last_login="2026-03-01T10:00:00Z")
    duplicate = old_user.objects.create(email="agent@example.org", password="x")
    single = old_user.objects.create(email="Seul@Example.org", password="x")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    rows = {u.pk: (u.email, u.is_active) for u in User.objects.all()}
    assert rows[kept.pk] == ("agent@example.org", True)
    assert rows[duplicate.pk] == (f"agent+doublon-{duplicate.pk}@example.org", False)
    assert rows[single.pk] == ("seul@example.org", True)
