"""A Mission Locale's import of its partner referents: preview with a row-by-row report, all or nothing through the
referent service, audited, idempotent; only for those who name the referents, only for the ML's partners and team."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from relais.core.models import AuditEvent
from relais.organizations.enums import Role
from relais.organizations.models import PartnerReferent
from tests.core.export_files import csv_rows
from tests.organizations.factories import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db
HEADER = "Partenaire (SIRET ou nom exact);Référent (e-mail)"


def url(ml, suffix=""):
    return f"/reseau/organisations/{ml.pk}/referents/import/{suffix}"


def upload(client, ml, text: str, name="referents.csv"):
    return client.post(url(ml), {"file": SimpleUploadedFile(name, text.encode("utf-8"), "text/csv")})


def pairs(ml) -> set[tuple[int, int]]:
    return set(PartnerReferent.objects.filter(mission_locale=ml).values_list("partner_id", "person_id"))


@pytest.fixture
def colleague(personas):
    person = PersonFactory(first_name="Inès", last_name="Roux", email="ines.roux@ml-lyon.test")
    MembershipFactory(person=person, organization=personas.network.ml_a, role=Role.COUNSELLOR)
    return person


@pytest.fixture
def sirets(personas):
    n = personas.network
    n.geiq.siret, n.geiq_2.siret = "73282932000074", "55208131766522"
    n.geiq.save(update_fields=["siret"])
    n.geiq_2.save(update_fields=["siret"])
    return n


def test_the_cre_previews_then_confirms_and_the_referents_are_saved_and_audited(
    client, personas, colleague, sirets
):
    n = sirets
    client.force_login(personas.cre_a)
    text = f"{HEADER}\n732 829 320 00074;INES.ROUX@ml-lyon.test\nGEIQ Propreté Isère;conseil@ml-lyon.test\n"
    preview = upload(client, n.ml_a, text)
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "1 référent à nommer, 1 à remplacer, 0 inchangés" in body
    assert "Remplacement" in body and "Nouveau référent" in body
    # Nothing is saved by the preview.
    assert pairs(n.ml_a) == {(n.geiq.pk, personas.cre_a.person.pk)}
    done = client.post(url(n.ml_a, "confirmer/"))
    assert done.status_code == 302 and done["Location"].endswith("#referents")
    assert pairs(n.ml_a) == {(n.geiq.pk, colleague.pk), (n.geiq_2.pk, personas.counsellor_a.person.pk)}
    assert AuditEvent.objects.filter(action="referent.assign").count() == 2
    event = AuditEvent.objects.get(action="referent.import")
    assert event.details == {"named": 1, "replaced": 1, "unchanged": 0}
    assert event.object_id == str(n.ml_a.pk)


def test_importing_the_same_file_again_changes_nothing(client, personas, colleague, sirets):
    n = sirets
    client.force_login(personas.cre_a)
    text = f"{HEADER}\n73282932000074;ines.roux@ml-lyon.test\n"
    upload(client, n.ml_a, text)
    client.post(url(n.ml_a, "confirmer/"))
    assigned = AuditEvent.objects.filter(action="referent.assign").count()
    again = upload(client, n.ml_a, text)
    assert "0 référents à nommer, 0 à remplacer, 1 inchangé" in again.content.decode()
    client.post(url(n.ml_a, "confirmer/"))
    assert pairs(n.ml_a) == {(n.geiq.pk, colleague.pk)}
    assert AuditEvent.objects.filter(action="referent.assign").count() == assigned


def test_one_bad_row_saves_nothing_and_every_problem_is_reported_by_row(client, personas, colleague, sirets):
    n = sirets
    outsider = OrganizationFactory(
        kind="geiq", name="GEIQ du Grand Est", region=n.grand_est, siret="35600000000048"
    )
    client.force_login(personas.cre_a)
    text = (
        f"{HEADER}\n"
        "GEIQ Propreté Isère;ines.roux@ml-lyon.test\n"
        f"{outsider.siret};ines.roux@ml-lyon.test\n"
        "GEIQ BTP Rhône;conseil@ml-grenoble.test\n"
        "Inconnu SARL;\n"
        "GEIQ Propreté Isère;conseil@ml-lyon.test\n"
    )
    response = upload(client, n.ml_a, text)
    assert response.status_code == 400
    errors = {(e.row, e.message.split(" ")[0]) for e in response.context["report"].errors}
    rows = {row for row, _ in errors}
    assert rows == {3, 4, 5, 6}
    body = response.content.decode()
    assert "Aucun partenaire de la Mission Locale n&#x27;a le SIRET" in body
    assert "n&#x27;est l&#x27;e-mail d&#x27;aucun membre de l&#x27;équipe" in body
    assert "L&#x27;e-mail du référent est obligatoire" in body
    assert "déjà nommé ligne 2" in body
    assert client.post(url(n.ml_a, "confirmer/")).status_code == 302
    assert pairs(n.ml_a) == {(n.geiq.pk, personas.cre_a.person.pk)}
    assert not AuditEvent.objects.filter(action="referent.import").exists()


def test_an_xlsx_file_with_a_missing_column_is_refused(client, personas):
    workbook = Workbook()
    workbook.active.append(["Partenaire (SIRET ou nom exact)"])
    workbook.active.append(["GEIQ BTP Rhône"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(personas.cre_a)
    file = SimpleUploadedFile("referents.xlsx", buffer.getvalue())
    response = client.post(url(personas.network.ml_a), {"file": file})
    assert response.status_code == 400
    assert "Colonne manquante : « Référent (e-mail) »" in response.content.decode()


def test_only_those_who_name_the_referents_reach_the_import_and_another_ml_answers_404(client, personas):
    n = personas.network
    client.force_login(personas.counsellor_a)
    assert client.get(url(n.ml_a)).status_code == 404
    client.force_login(personas.cre_a)
    assert client.get(url(n.ml_a)).status_code == 200
    assert client.get(url(n.ml_b)).status_code == 404
    assert upload(client, n.ml_b, f"{HEADER}\nGEIQ BTP Rhône;cre@ml-lyon.test\n").status_code == 404


def test_the_template_lists_the_partners_with_their_current_referent(client, personas, sirets):
    n = sirets
    client.force_login(personas.cre_a)
    rows = csv_rows(client.get(url(n.ml_a, "modele.csv")))
    assert rows[0] == HEADER.split(";")
    assert ["73282932000074", "cre@ml-lyon.test"] in rows and ["55208131766522", ""] in rows
    assert client.get(url(n.ml_a, "modele.xlsx")).status_code == 200


def test_the_ml_page_and_the_several_partner_form_link_to_the_import(client, personas):
    n = personas.network
    client.force_login(personas.cre_a)
    link = f'href="{url(n.ml_a)}"'
    assert link in client.get(f"/reseau/organisations/{n.ml_a.pk}/").content.decode()
    assert link in client.get(f"/reseau/organisations/{n.ml_a.pk}/referents/").content.decode()


def test_the_analysis_takes_as_many_queries_for_one_row_as_for_many(personas, colleague):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from relais.organizations.referent_imports import analyse

    n = personas.network
    partners = [OrganizationFactory(kind="geiq", name=f"GEIQ {i}", region=n.aura) for i in range(5)]

    def queries(names):
        text = HEADER + "\n" + "".join(f"{name};ines.roux@ml-lyon.test\n" for name in names)
        with CaptureQueriesContext(connection) as captured:
            report = analyse(mission_locale=n.ml_a, content=text.encode())
        assert report.ok, report.errors
        return len(captured)

    assert queries([partners[0].name]) == queries([p.name for p in partners])
