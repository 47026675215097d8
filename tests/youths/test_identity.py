"""One record per person in a Mission Locale: the import's identity rule, held by the form and the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from relais.core.scope import Scope
from relais.youths import services
from relais.youths.models import Youth
from relais.youths.validation import identity_key
from tests.youths.factories import YouthFactory
from tests.youths.test_views import form_data


def test_posting_the_same_youth_twice_creates_one_record_and_says_why(client, personas, rome):
    client.force_login(personas.counsellor_a)
    first = client.post(reverse("youths:create"), form_data(personas.network, rome, imilo_id=""))
    assert first.status_code == 302
    # The same person typed again, in other capitals and without accents.
    again = form_data(personas.network, rome, imilo_id="", last_name="NOUVEAU", first_name="sami ")
    response = client.post(reverse("youths:create"), again)
    assert response.status_code == 200
    assert "Un jeune de même nom, prénom et date de naissance est déjà suivi" in response.content.decode()
    assert Youth.objects.count() == 1


def test_the_database_refuses_a_second_record_of_the_same_identity(personas):
    network = personas.network
    key = identity_key("Martin", "Hélène", YouthFactory.birth_date.function())
    YouthFactory(mission_locale=network.ml_a, commune=network.lyon, identity_key=key)
    with pytest.raises(IntegrityError), transaction.atomic():
        YouthFactory(mission_locale=network.ml_a, commune=network.lyon, identity_key=key)
    # Another Mission Locale may follow the same person; unkeyed (older) duplicates are let through.
    YouthFactory(mission_locale=network.ml_b, commune=network.lyon, identity_key=key)
    YouthFactory.create_batch(2, mission_locale=network.ml_a, commune=network.lyon, identity_key=None)


def test_a_concurrent_post_that_loses_the_race_gets_the_french_error(personas):
    """The check before the insert cannot see a post not yet committed: the constraint's error is the answer."""
    network = personas.network
    winner = services.youth_create(
        mission_locale=network.ml_a,
        scope=Scope.for_user(personas.counsellor_a),
        first_name="Sami",
        last_name="Nouveau",
        birth_date=YouthFactory.birth_date.function(),
        commune=network.lyon,
    )
    loser = Youth(
        mission_locale=network.ml_a,
        first_name="Sami",
        last_name="Nouveau",
        birth_date=winner.birth_date,
        commune=network.lyon,
    )
    loser.refresh_identity_key()
    with pytest.raises(ValidationError) as error:
        services._save_keyed(loser)
    assert error.value.message_dict == {"last_name": [services.DUPLICATE_IDENTITY]}
    assert Youth.objects.count() == 1


def test_renaming_a_youth_into_another_ones_identity_is_refused(personas):
    network = personas.network
    scope = Scope.for_user(personas.counsellor_a)
    born = YouthFactory.birth_date.function()
    common = {"mission_locale": network.ml_a, "scope": scope, "birth_date": born, "commune": network.lyon}
    services.youth_create(first_name="Léa", last_name="Canari", **common)
    other = services.youth_create(first_name="Léo", last_name="Canari", **common)
    with pytest.raises(ValidationError) as error:
        services.youth_update(youth=other, scope=scope, first_name="Lea")
    assert "last_name" in error.value.message_dict
    other.refresh_from_db()
    assert other.first_name == "Léo"


def test_names_in_a_script_without_ascii_form_are_not_one_identity(personas):
    network = personas.network
    scope = Scope.for_user(personas.counsellor_a)
    born = YouthFactory.birth_date.function()
    common = {"mission_locale": network.ml_a, "scope": scope, "birth_date": born, "commune": network.lyon}
    services.youth_create(first_name="محمد", last_name="علي", **common)
    services.youth_create(first_name="李", last_name="王", **common)
    assert Youth.objects.count() == 2


def test_a_consent_before_the_birth_date_is_refused_by_the_form(client, personas, rome):
    client.force_login(personas.counsellor_a)
    data = form_data(personas.network, rome, consent_given_at="1899-12-31")
    response = client.post(reverse("youths:create"), data)
    assert "antérieure au 01/01/1900" in response.content.decode()
    assert not Youth.objects.exists()


def test_the_form_refuses_a_long_or_malformed_phone_and_control_characters(client, personas, rome):
    client.force_login(personas.counsellor_a)
    data = form_data(personas.network, rome, phone="06 12 34 ab 78", last_name="Nou\u202eveau")
    page = client.post(reverse("youths:create"), data).content.decode()
    assert "Numéro de téléphone invalide" in page
    assert "Caractère non autorisé" in page
    assert not Youth.objects.exists()


def test_the_migration_keys_existing_records_and_leaves_older_duplicates_unkeyed(personas):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("relais.youths.migrations.0003_youth_identity_key")
    network = personas.network
    born = YouthFactory.birth_date.function()
    same = {"first_name": "Sami", "last_name": "Nouveau", "birth_date": born, "commune": network.lyon}
    first = YouthFactory(mission_locale=network.ml_a, **same)
    duplicate = YouthFactory(mission_locale=network.ml_a, **dict(same, last_name="NOUVEAU"))
    elsewhere = YouthFactory(mission_locale=network.ml_b, **same)
    other = YouthFactory(mission_locale=network.ml_a, commune=network.lyon)
    migration.fill_identity_key(apps, None)
    keys = dict(Youth.objects.values_list("pk", "identity_key"))
    assert keys[first.pk] == keys[elsewhere.pk] == identity_key("Nouveau", "Sami", born)
    assert keys[duplicate.pk] is None  # kept, never deleted; the constraint lets it through
    assert keys[other.pk] == identity_key(other.last_name, other.first_name, other.birth_date)
    # The unkeyed duplicate stays editable as long as its identity is not changed.
    services.youth_update(
        youth=duplicate, scope=Scope.for_user(personas.counsellor_a), phone="06 00 00 00 00"
    )
    duplicate.refresh_from_db()
    assert (duplicate.phone, duplicate.identity_key) == ("06 00 00 00 00", None)
