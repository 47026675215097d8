"""The import preview runs the form's and the model's rules, so that "Confirmer" saves exactly what it showed."""

import datetime
import unicodedata

import pytest
from django.urls import reverse

from relais.youths import imports
from relais.youths.models import Youth
from tests.youths.factories import birth_date_for_age
from tests.youths.test_imports import (
    GOOD_ROWS,
    HEADER,
    csv_bytes,
    errors_of,
    row,
    run_import,
    text,
    upload,
)

WITH_CONTACT = [*HEADER, "E-mail", "Téléphone"]


@pytest.fixture
def ml_a(personas, rome):
    return personas.network.ml_a


def preview(ml, rows, header=WITH_CONTACT):
    return imports.analyse(mission_locale=ml, content=csv_bytes(rows, header=header))


def test_nul_control_characters_long_phone_and_long_email_are_reported_at_preview(personas, ml_a):
    rows = [
        row(**{"Nom": "Mar\x00tin"}),
        row(**{"Nom": "Durand", "Prénom": "Ali\x07ce"}),
        row(**{"Nom": "Petit", "Téléphone": "0" * 40}),
        row(**{"Nom": "Leroy", "E-mail": "a" * 293 + "@example.org"}),
        row(**{"Nom": "Moreau", "Identifiant I-Milo": "12\x9b34"}),
    ]
    report = preview(ml_a, rows)
    assert not report.ok
    found = {(number, column) for number, column, _ in errors_of(report)}
    assert found == {(2, "Nom"), (3, "Prénom"), (4, "Téléphone"), (5, "E-mail"), (6, "Identifiant I-Milo")}
    messages = dict(((number, column), message) for number, column, message in errors_of(report))
    assert messages[(2, "Nom")].startswith("Caractère non autorisé")
    assert messages[(4, "Téléphone")] == "30 caractères au maximum (la valeur en compte 40)."
    assert messages[(5, "E-mail")] == "254 caractères au maximum (la valeur en compte 305)."
    # Confirming the same file saves nothing either.
    assert not run_import(personas.counsellor_a, ml_a, csv_bytes(rows, header=WITH_CONTACT)).committed
    assert not Youth.objects.exists()


def test_bidirectional_override_an_invalid_email_and_a_malformed_phone_are_reported(personas, ml_a):
    rows = [
        row(**{"Nom": "Evil\u202egnp.exe"}),
        row(**{"Nom": "Durand", "E-mail": "durand@@example"}),
        row(**{"Nom": "Petit", "Téléphone": "appelez-moi"}),
    ]
    assert errors_of(preview(ml_a, rows)) == [
        (2, "Nom", errors_of(preview(ml_a, rows[:1]))[0][2]),
        (3, "E-mail", "Adresse e-mail invalide."),
        (4, "Téléphone", errors_of(preview(ml_a, rows[2:]))[0][2]),
    ]
    assert "inversion du sens d'écriture" in errors_of(preview(ml_a, rows[:1]))[0][2]
    assert errors_of(preview(ml_a, rows[2:]))[0][2].startswith("Numéro de téléphone invalide")


def test_confirm_saves_exactly_what_the_preview_showed_names_in_nfc(personas, ml_a):
    decomposed = unicodedata.normalize("NFD", "Hélène")
    rows = [
        row(
            **{
                "Nom": "  Nguyễn ",
                "Prénom": decomposed,
                "E-mail": "helene@example.org",
                "Téléphone": "+33 6 12 34 56 78",
            }
        )
    ]
    shown = preview(ml_a, rows)
    assert shown.ok, errors_of(shown)
    [plan] = shown.rows
    assert plan.fields["first_name"] == "Hélène" == unicodedata.normalize("NFC", decomposed)
    assert plan.label == "Hélène Nguyễn"
    report = run_import(personas.counsellor_a, ml_a, csv_bytes(rows, header=WITH_CONTACT))
    assert report.committed, errors_of(report)
    youth = Youth.objects.get()
    for name, value in plan.fields.items():
        if name == "commune":
            assert youth.commune_id == value.pk
        else:
            assert getattr(youth, name) == value, name
    assert youth.identity_key and len(youth.identity_key) == 64


def test_an_empty_flag_keeps_the_stored_value_on_update_and_means_no_on_creation(personas, ml_a):
    assert run_import(personas.counsellor_a, ml_a, csv_bytes(GOOD_ROWS[:1])).committed  # RQTH "oui"
    helene = Youth.objects.get(imilo_id="1001")
    helene.qpv_resident = True
    helene.save(update_fields=["qpv_resident"])
    again = [
        dict(GOOD_ROWS[0], **{"RQTH": "", "QPV": ""}),
        row(**{"Nom": "Nouveau", "RQTH": "", "QPV": "", "CEJ": ""}),
    ]
    report = run_import(personas.counsellor_a, ml_a, csv_bytes(again))
    assert report.committed, errors_of(report)
    updated, created = report.rows
    assert (updated.action, created.action) == ("unchanged", "create")
    assert updated.kept == ["QPV", "RQTH"]
    assert created.kept == []
    helene.refresh_from_db()
    assert helene.rqth and helene.qpv_resident
    newcomer = Youth.objects.get(last_name="Nouveau")
    assert (newcomer.rqth, newcomer.qpv_resident, newcomer.cej_beneficiary) == (False, False, False)
    # "non" written in the file still clears the flag.
    cleared = run_import(personas.counsellor_a, ml_a, csv_bytes([dict(GOOD_ROWS[0], RQTH="non", QPV="")]))
    assert cleared.committed and cleared.rows[0].changes == ["RQTH"]
    helene.refresh_from_db()
    assert not helene.rqth and helene.qpv_resident


def test_the_preview_page_says_which_flags_were_kept(client, personas, ml_a):
    assert run_import(personas.counsellor_a, ml_a, csv_bytes(GOOD_ROWS[:1])).committed
    client.force_login(personas.counsellor_a)
    content = csv_bytes([dict(GOOD_ROWS[0], RQTH="")])
    page = text(client.post(reverse("youths:import"), {"mission_locale": ml_a.pk, "file": upload(content)}))
    assert "Indicateurs non renseignés, valeur conservée" in page
    assert "<td>RQTH</td>" in page


def test_consent_before_1900_before_birth_or_in_the_future_is_refused(personas, ml_a):
    born = birth_date_for_age(20)
    rows = [
        row(**{"Nom": "Ancien", "Consentement (date)": "01/01/1899"}),
        row(**{"Nom": "Avant", "Consentement (date)": (born - datetime.timedelta(days=1)).isoformat()}),
        row(**{"Nom": "Futur", "Consentement (date)": "2999-01-01"}),
        row(**{"Nom": "Correct", "Consentement (date)": born.isoformat()}),
    ]
    for r in rows:
        r["Date de naissance"] = born.isoformat()
    assert errors_of(preview(ml_a, rows, header=HEADER)) == [
        (2, "Consentement (date)", "La date du consentement ne peut pas être antérieure au 01/01/1900."),
        (
            3,
            "Consentement (date)",
            "La date du consentement ne peut pas être antérieure à la date de naissance.",
        ),
        (4, "Consentement (date)", "La date du consentement ne peut pas être dans le futur."),
    ]


def test_renaming_a_record_into_another_ones_identity_is_reported_at_preview(personas, ml_a):
    assert run_import(personas.counsellor_a, ml_a, csv_bytes([GOOD_ROWS[0], GOOD_ROWS[2]])).committed
    # Loïc's I-Milo id with Hélène's name and birth date: saving it would make two records of one person.
    clash = dict(GOOD_ROWS[0], **{"Identifiant I-Milo": "1003"})
    report = run_import(personas.counsellor_a, ml_a, csv_bytes([clash]))
    assert not report.committed
    assert errors_of(report) == [
        (2, "Nom", "Un autre jeune de la Mission Locale a déjà ces nom, prénom et date de naissance.")
    ]
