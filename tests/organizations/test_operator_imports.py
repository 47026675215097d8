"""The coordinators' page for the coverage table and the QPV list: preview, all or nothing, within their reach."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from relais.core.models import AuditEvent
from relais.territories.models import Qpv
from tests.organizations.factories import OrganizationFactory
from tests.territories.factories import CommuneFactory, DepartmentFactory

pytestmark = pytest.mark.django_db


def upload(client, slug, text):
    return client.post(
        f"/reseau/tables/{slug}/import/",
        {"file": SimpleUploadedFile("table.csv", text.encode(), content_type="text/csv")},
    )


def token_of(response) -> str:
    body = response.content.decode()
    return body.split('name="token" value="')[1].split('"')[0]


def test_the_arml_coordinator_previews_then_imports_the_coverage_of_its_missions_locales(client, personas):
    n = personas.network
    client.force_login(personas.arml_coordinator)
    assert 'data-testid="operator-imports"' in client.get("/reseau/couverture/").content.decode()
    text = (
        f"code_imilo;code_insee\n{n.ml_a.imilo_code};{n.lyon.code}\n{n.ml_b.imilo_code};{n.grenoble.code}\n"
    )
    preview = upload(client, "couverture", text)
    assert preview.status_code == 200
    assert "2 enregistrements à créer ou modifier" in preview.content.decode()
    assert not n.ml_a.covered_communes.exists()  # the preview kept nothing
    done = client.post(
        "/reseau/tables/couverture/import/confirmer/", {"token": token_of(preview)}, follow=True
    )
    assert "Import enregistré : 2 enregistrement(s)" in done.content.decode()
    assert list(n.ml_a.covered_communes.all()) == [n.lyon]
    assert AuditEvent.objects.filter(action="organization.operator_import").count() == 1


def test_a_mission_locale_outside_the_coordinators_network_fails_the_whole_file(client, personas):
    n = personas.network
    metz = OrganizationFactory(name="Mission Locale de Metz", imilo_code="57463S00", parent=n.arml_ge)
    client.force_login(personas.arml_coordinator)
    text = f"code_imilo;code_insee\n{n.ml_a.imilo_code};{n.lyon.code}\n{metz.imilo_code};{n.lyon.code}\n"
    response = upload(client, "couverture", text)
    assert response.status_code == 400
    assert "Mission Locale « 57463S00 » inconnue ou hors de votre réseau." in response.content.decode()
    assert not n.ml_a.covered_communes.exists()


def test_the_qpv_list_is_imported_for_the_coordinators_region_only(client, personas):
    n = personas.network
    client.force_login(personas.arml_coordinator)
    preview = upload(client, "qpv", f"code;nom;codes_insee\nQN06901M;Quartier des Buers;{n.lyon.code}\n")
    assert preview.status_code == 200, preview.content.decode()
    client.post("/reseau/tables/qpv/import/confirmer/", {"token": token_of(preview)})
    assert list(Qpv.objects.get(code="QN06901M").communes.all()) == [n.lyon]
    metz = CommuneFactory(
        code="57463", name="Metz", department=DepartmentFactory(code="57", region=n.grand_est)
    )
    refused = upload(client, "qpv", f"code;nom;codes_insee\nQN05701M;Borny;{metz.code}\n")
    assert refused.status_code == 400
    assert "commune(s) inconnue(s) ou hors de votre région : 57463." in refused.content.decode()
    assert not Qpv.objects.filter(code="QN05701M").exists()


def test_only_network_coordinators_import_and_an_unknown_table_answers_404(client, personas):
    client.force_login(personas.cre_a)
    assert 'data-testid="operator-imports"' not in client.get("/reseau/couverture/").content.decode()
    assert client.get("/reseau/tables/couverture/import/").status_code == 403
    assert client.get("/reseau/tables/qpv/import/").status_code == 403
    client.force_login(personas.arml_coordinator)
    assert client.get("/reseau/tables/communes/import/").status_code == 404
    stale = client.post("/reseau/tables/qpv/import/confirmer/", {"token": "x" * 30}, follow=True)
    assert "plus disponible : déposez-le à nouveau" in stale.content.decode()
