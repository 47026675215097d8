"""The import reads real I-Milo headings (aliases), refuses two columns for one field, and offers a template."""

import html

import pytest
from django.urls import reverse

from relais.core.scope import Scope
from relais.youths import imports
from relais.youths.import_parsing import HEADER_ALIASES, HEADERS, normalise_header
from relais.youths.import_template import EXAMPLE_OGR
from relais.youths.models import Youth
from tests.jobs.factories import RomeTitleFactory
from tests.youths.test_imports import HEADER, csv_bytes, errors_of, row

IMILO_HEADINGS = {
    "Identifiant I-Milo": "Numéro de dossier",
    "Nom": "Nom d'usage",
    "Code INSEE commune": "Commune (code INSEE)",
    "Niveau de qualification": "Niveau de formation",
    "QPV": "Résident QPV",
    "RQTH": "Reconnaissance TH",
    "CEJ": "Contrat d'engagement jeune",
    "Permis": "Permis de conduire",
    "Véhicule": "Véhicule personnel",
    "Distance max (km)": "Mobilité (km)",
    "Codes ROME/OGR recherchés": "Métiers recherchés",
    "Consentement (date)": "Date de recueil du consentement",
}


@pytest.fixture
def ml_a(personas, rome):
    return personas.network.ml_a


def renamed(content_row: dict) -> dict:
    return {IMILO_HEADINGS.get(header, header): value for header, value in content_row.items()}


def test_an_export_with_i_milo_headings_imports_every_column(personas, ml_a):
    header = [IMILO_HEADINGS.get(h, h) for h in HEADER] + ["Courriel", "Téléphone portable"]
    values = row(**{"Identifiant I-Milo": "2001", "RQTH": "oui", "Nom": "Durand"})
    values.update({"Courriel": "lea@example.org", "Téléphone portable": "06 11 22 33 44"})
    report = imports.youths_import(
        mission_locale=ml_a,
        scope=Scope.for_user(personas.counsellor_a),
        content=csv_bytes([renamed(values)], header=header),
    )
    assert report.committed, errors_of(report)
    youth = Youth.objects.get(imilo_id="2001")
    assert (youth.last_name, youth.rqth, youth.driving_licence, youth.max_distance_km) == (
        "Durand",
        True,
        True,
        20,
    )
    assert (youth.email, youth.phone) == ("lea@example.org", "06 11 22 33 44")
    assert youth.commune.code == "69123"


def test_headings_are_compared_folded(personas, ml_a):
    header = ["IDENTIFIANT I-MILO" if h == "Identifiant I-Milo" else h for h in HEADER]
    values = row(**{"Identifiant I-Milo": "2002"})
    values["IDENTIFIANT I-MILO"] = values.pop("Identifiant I-Milo")
    report = imports.analyse(mission_locale=ml_a, content=csv_bytes([values], header=header))
    assert report.ok, errors_of(report)


def test_two_columns_naming_the_same_field_are_refused_in_french(personas, ml_a):
    header = [*HEADER, "Nom de naissance"]
    values = row(**{"Nom de naissance": "Autre"})
    report = imports.analyse(mission_locale=ml_a, content=csv_bytes([values], header=header))
    assert not report.ok
    assert errors_of(report) == [
        (
            1,
            "Nom",
            "Les colonnes « Nom » et « Nom de naissance » désignent toutes deux « Nom » : gardez-en une seule.",
        )
    ]


def test_no_heading_names_two_fields():
    folded = [
        normalise_header(h) for key, own in HEADERS.items() for h in [own, *HEADER_ALIASES.get(key, [])]
    ]
    assert len(folded) == len(set(folded))
    assert set(HEADER_ALIASES) <= set(HEADERS)


def test_the_import_page_lists_the_accepted_headings_and_the_templates(client, personas, ml_a):
    client.force_login(personas.counsellor_a)
    page = html.unescape(client.get(reverse("youths:import")).content.decode())
    assert "« Numéro de dossier »" in page and "« Contrat d'engagement jeune »" in page
    assert reverse("youths:import_template_xlsx") in page and reverse("youths:import_template_csv") in page


@pytest.mark.parametrize(("name", "filename"), [("xlsx", "modele.xlsx"), ("csv", "modele.csv")])
def test_the_downloaded_template_previews_with_no_error(client, personas, rome, ml_a, name, filename):
    RomeTitleFactory(ogr_code=EXAMPLE_OGR, family=rome.masonry, label="Maçon / Maçonne")
    client.force_login(personas.counsellor_a)
    response = client.get(reverse(f"youths:import_template_{name}"))
    assert response.status_code == 200
    assert filename.replace("modele", "modele-import-jeunes") in response["Content-Disposition"]
    report = imports.analyse(mission_locale=ml_a, content=response.content, filename=filename)
    assert report.ok, errors_of(report)
    assert [plan.action for plan in report.rows] == ["create"]
    assert [t.ogr_code for t in report.rows[0].titles] == [EXAMPLE_OGR]


def test_the_template_is_not_for_partners(client, personas):
    client.force_login(personas.geiq_recruiter)
    assert client.get(reverse("youths:import_template_xlsx")).status_code == 403
