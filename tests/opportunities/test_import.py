"""A partner's bulk import of its needs: preview, row-by-row French report, all or nothing, idempotent re-import."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from relais.conventions.models import Convention, ConventionParty
from relais.core.models import AuditEvent
from relais.core.scope import Scope
from relais.opportunities import imports
from relais.opportunities.enums import OpportunityStatus
from relais.opportunities.models import Opportunity

pytestmark = pytest.mark.django_db

HEADER = (
    "Référence;Type;Appellation ROME (code OGR);Intitulé;Commune (code INSEE);Nombre de postes;Date de début;"
    "Date limite de candidature;Durée du contrat (mois);Durée hebdomadaire (heures);Publics prioritaires;"
    "Description;Publier"
)


def day(days: int) -> str:
    return f"{timezone.localdate() + datetime.timedelta(days=days):%d/%m/%Y}"


def line(
    reference="BTP-1",
    *,
    kind="Contrat d'apprentissage",
    ogr="15830",
    commune="69123",
    start=40,
    publish="oui",
):
    return (
        f"{reference};{kind};{ogr};Maçon·ne en apprentissage;{commune};2;{day(start)};{day(start - 10)};24;35;"
        f"RQTH, QPV;Chantiers de logements;{publish}"
    )


def csv_file(*lines: str) -> bytes:
    return "\n".join([HEADER, *lines]).encode()


@pytest.fixture
def charter(personas):
    n = personas.network
    convention = Convention.objects.create(
        title="Charte GEIQ × AMILAURA", kind="regional_charter", status="active", region=n.aura
    )
    ConventionParty.objects.create(convention=convention, organization=n.cr_geiq)
    ConventionParty.objects.create(convention=convention, organization=n.arml)
    return convention


def run(personas, content, convention=None):
    return imports.opportunities_import(
        publisher=personas.network.geiq,
        convention=convention,
        scope=Scope.for_user(personas.geiq_recruiter),
        content=content,
        filename="besoins.csv",
    )


def test_a_recruiter_imports_two_needs_then_the_same_file_again_creates_nothing(personas, rome, charter):
    content = csv_file(line("BTP-1"), line("BTP-2", publish="non"))
    report = run(personas, content, charter)
    assert report.committed and (report.created, report.updated, report.unchanged) == (2, 0, 0)
    first, second = Opportunity.objects.filter(publisher=personas.network.geiq).order_by("external_ref")
    assert (first.external_ref, first.status, first.convention) == (
        "BTP-1",
        OpportunityStatus.PUBLISHED,
        charter,
    )
    assert second.status == OpportunityStatus.DRAFT
    assert (
        first.priority_publics == ["qpv_resident", "rqth"]
        and first.weekly_hours == 35
        and first.author == personas.geiq_recruiter
    )
    assert AuditEvent.objects.filter(action="opportunity.import").count() == 1
    assert AuditEvent.objects.filter(action="opportunity.create").count() == 2

    again = run(personas, content, charter)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Opportunity.objects.filter(publisher=personas.network.geiq).count() == 2

    changed = csv_file(line("BTP-1", start=50), line("BTP-2", publish="oui"))
    report = run(personas, changed, charter)
    assert [plan.action for plan in report.plans] == ["Mise à jour", "Publication"]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.start_date == timezone.localdate() + datetime.timedelta(days=50)
    assert second.status == OpportunityStatus.PUBLISHED


def test_every_bad_row_is_reported_in_french_and_nothing_is_saved(personas, rome):
    content = csv_file(
        line("OK-1"),
        line("BAD-1", ogr="99999"),
        line("BAD-2", commune="00000"),
        line("BAD-3", kind="Stage"),
        line("OK-1"),
        line("BAD-4", start=-5),
        line("BAD-5", publish="peut-être"),
    )
    report = run(personas, content)
    assert not report.committed
    messages = {(error.row, error.column): error.message for error in report.errors}
    assert "Appellation ROME « 99999 » inconnue" in messages[(3, "Appellation ROME (code OGR)")]
    assert "Commune « 00000 » inconnue" in messages[(4, "Commune (code INSEE)")]
    assert "Type « Stage » inconnu" in messages[(5, "Type")]
    assert "déjà présente ligne 2" in messages[(6, "Référence")]
    assert (7, "Date de début") in messages  # a need published with a start already past
    assert "indiquez oui ou non" in messages[(8, "Publier")]
    assert not Opportunity.objects.exists()


def test_a_missing_column_and_an_oversized_file_are_refused_before_any_row(personas, rome):
    report = imports.analyse(
        publisher=personas.network.geiq, convention=None, content=b"Reference;Type\nX;CDI\n", filename="a.csv"
    )
    assert {error.message for error in report.errors} >= {
        "Colonne manquante : « Appellation ROME (code OGR) ».",
        "Colonne manquante : « Commune (code INSEE) ».",
    }
    many = csv_file(*(line(f"R-{n}") for n in range(imports.MAX_ROWS + 1)))
    report = imports.analyse(publisher=personas.network.geiq, convention=None, content=many)
    assert [error.message for error in report.errors] == [
        f"Le fichier compte {imports.MAX_ROWS + 1} lignes : {imports.MAX_ROWS} au plus par import."
    ]


def test_the_analysis_reads_the_codes_of_the_whole_file_in_a_fixed_number_of_queries(personas, rome):
    def queries(count):
        content = csv_file(*(line(f"R-{n}") for n in range(count)))
        with CaptureQueriesContext(connection) as captured:
            report = imports.analyse(publisher=personas.network.geiq, convention=None, content=content)
        assert report.ok and len(report.plans) == count
        return len(captured)

    assert queries(5) == queries(100)


def test_the_pages_preview_then_confirm_and_the_template_previews_cleanly(client, personas, rome, charter):
    client.force_login(personas.geiq_recruiter)
    page = client.get("/opportunites/import/")
    assert page.status_code == 200
    assert f'<option value="{charter.pk}" selected>' in page.content.decode()
    template = client.get("/opportunites/import/modele.csv")
    assert template.status_code == 200 and template["Content-Disposition"].endswith('.csv"')
    upload = template.content
    from django.core.files.uploadedfile import SimpleUploadedFile

    preview = client.post(
        "/opportunites/import/",
        {
            "publisher": personas.network.geiq.pk,
            "convention": charter.pk,
            "file": SimpleUploadedFile("modele.csv", upload, content_type="text/csv"),
        },
    )
    body = preview.content.decode()
    assert preview.status_code == 200, body
    assert "1 à créer, 0 à mettre à jour" in body and "Création et publication" in body
    assert not Opportunity.objects.exists()
    done = client.post("/opportunites/import/confirmer/", follow=True)
    assert "Import terminé : 1 opportunité créée" in done.content.decode()
    assert Opportunity.objects.get().convention == charter


def test_a_failing_file_answers_400_with_its_report_and_a_counsellor_may_not_import(client, personas, rome):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(personas.geiq_recruiter)
    response = client.post(
        "/opportunites/import/",
        {
            "publisher": personas.network.geiq.pk,
            "file": SimpleUploadedFile("b.csv", csv_file(line(ogr="1")), content_type="text/csv"),
        },
    )
    assert response.status_code == 400 and 'data-testid="import-errors"' in response.content.decode()
    assert (
        client.post("/opportunites/import/confirmer/", follow=True).redirect_chain[-1][0]
        == "/opportunites/import/"
    )
    client.force_login(personas.counsellor_a)
    assert client.get("/opportunites/import/").status_code == 403
    # Another structure's needs cannot be imported: the publisher is not among the choices.
    client.force_login(personas.geiq_recruiter)
    other = client.post(
        "/opportunites/import/",
        {
            "publisher": personas.network.geiq_2.pk,
            "file": SimpleUploadedFile("c.csv", csv_file(line()), content_type="text/csv"),
        },
    )
    assert other.status_code == 400 and not Opportunity.objects.exists()
