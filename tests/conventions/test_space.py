"""The convention's shared space: folders seen by every party's members, filing, moving, removing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from relais.conventions import space
from relais.conventions.models import DocumentFolder
from relais.conventions.services import convention_create, document_upload
from relais.core.scope import Scope
from relais.organizations.enums import Role
from tests.organizations.factories import user_with_role
from tests.sheets.factories import png_bytes

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def folders(partnership):
    space.create_default_folders(partnership)
    return {folder.name: folder for folder in partnership.folders.all()}


def upload(convention, user, *, folder=None, name="compte-rendu.pdf", content=PDF):
    return document_upload(
        convention=convention,
        scope=Scope.for_user(user),
        uploaded_file=SimpleUploadedFile(name, content),
        title="Compte rendu du COPIL",
        kind="minutes",
        folder=folder,
    )


def test_a_new_convention_starts_with_the_default_folders(personas):
    convention = convention_create(
        scope=Scope.for_user(personas.arml_coordinator),
        own_organization=personas.network.arml,
        partner_organizations=[personas.network.cr_geiq],
        title="Charte régionale",
        kind="regional_charter",
    )
    assert [f.name for f in convention.folders.all()] == list(space.DEFAULT_FOLDERS)


def test_every_party_member_files_a_document_and_every_party_sees_the_folder(
    client, partnership, personas, folders
):
    minutes = folders["Comptes rendus"]
    document = upload(partnership, personas.geiq_coordinator, folder=minutes)
    recruiter_of_the_network = user_with_role(
        personas.network.cr_geiq, Role.PARTNER_RECRUITER, "r@crgeiq.test"
    )
    upload(partnership, recruiter_of_the_network, folder=minutes)
    for user in (personas.arml_coordinator, personas.geiq_coordinator, personas.counsellor_a):
        client.force_login(user)
        page = client.get(f"/conventions/{partnership.pk}/documents/dossiers/{minutes.pk}/").content.decode()
        assert "Compte rendu du COPIL" in page
        response = client.get(f"/conventions/{partnership.pk}/documents/{document.pk}/")
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_a_member_below_a_party_reads_but_does_not_file(partnership, personas, folders):
    with pytest.raises(PermissionDenied):
        upload(partnership, personas.cre_a, folder=folders["Comptes rendus"])


def test_a_non_party_gets_404_on_the_folders_and_the_private_download(client, partnership, personas, folders):
    document = upload(partnership, personas.arml_coordinator, folder=folders["Comptes rendus"])
    outsider = user_with_role(personas.network.arml_ge, Role.COORDINATOR, "coord@arml-ge.test")
    client.force_login(outsider)
    base = f"/conventions/{partnership.pk}/documents"
    for url in (
        f"{base}/",
        f"{base}/dossiers/{folders['Comptes rendus'].pk}/",
        f"{base}/non-classes/",
        f"{base}/{document.pk}/",
        f"{base}/{document.pk}/retirer/",
    ):
        assert client.get(url).status_code == 404, url


def test_a_png_renamed_svg_is_filed_as_a_png(partnership, personas, folders):
    document = upload(partnership, personas.arml_coordinator, name="affiche.svg", content=png_bytes())
    assert document.content_type == "image/png" and document.original_name == "affiche.png"


def test_an_oversized_upload_is_refused_and_leaves_no_row(partnership, personas, settings):
    settings.RELAIS_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="taille maximale"):
        upload(partnership, personas.arml_coordinator, content=PDF + b"\0" * 100)
    assert partnership.documents.count() == 0


def test_the_upload_page_files_into_the_folder_chosen(client, partnership, personas, folders):
    folder = folders["Supports de communication"]
    client.force_login(personas.geiq_coordinator)
    page = client.get(f"/conventions/{partnership.pk}/documents/deposer/?dossier={folder.pk}")
    assert page.status_code == 200
    response = client.post(
        f"/conventions/{partnership.pk}/documents/deposer/",
        {
            "title": "Affiche",
            "kind": "communication",
            "folder": folder.pk,
            "file": SimpleUploadedFile("a.pdf", PDF),
        },
    )
    assert response.status_code == 302
    assert partnership.documents.get().folder == folder


def test_a_folder_of_another_convention_is_refused(partnership, personas, folders):
    other = DocumentFolder.objects.create(
        convention=partnership.__class__.objects.create(title="Autre"), name="X"
    )
    with pytest.raises(ValidationError):
        upload(partnership, personas.arml_coordinator, folder=other)


def test_an_editor_creates_renames_and_removes_an_empty_folder(client, partnership, personas, folders):
    client.force_login(personas.arml_coordinator)
    base = f"/conventions/{partnership.pk}/documents/dossiers"
    assert client.post(f"{base}/nouveau/", {"name": "Forum de l'alternance"}).status_code == 302
    folder = partnership.folders.get(name="Forum de l'alternance")
    assert client.post(f"{base}/{folder.pk}/renommer/", {"name": "Forum 2025"}).status_code == 302
    folder.refresh_from_db()
    assert folder.name == "Forum 2025"
    assert 'data-testid="remove-confirm"' in client.get(f"{base}/{folder.pk}/supprimer/").content.decode()
    assert client.post(f"{base}/{folder.pk}/supprimer/").status_code == 302
    assert not partnership.folders.filter(pk=folder.pk).exists()


def test_a_duplicate_folder_name_is_refused_in_french(client, partnership, personas, folders):
    client.force_login(personas.arml_coordinator)
    response = client.post(
        f"/conventions/{partnership.pk}/documents/dossiers/nouveau/", {"name": "comptes  rendus"}
    )
    assert response.status_code == 200 and "porte déjà ce nom" in response.content.decode()


def test_removing_a_folder_that_holds_documents_is_refused(client, partnership, personas, folders):
    folder = folders["Comptes rendus"]
    upload(partnership, personas.arml_coordinator, folder=folder)
    client.force_login(personas.arml_coordinator)
    response = client.post(
        f"/conventions/{partnership.pk}/documents/dossiers/{folder.pk}/supprimer/", follow=True
    )
    assert "contient encore 1 document" in response.content.decode()
    assert partnership.folders.filter(pk=folder.pk).exists()


def test_a_party_member_who_is_not_its_coordinator_cannot_manage_folders(
    client, partnership, personas, folders
):
    member = user_with_role(personas.network.cr_geiq, Role.PARTNER_RECRUITER, "r@crgeiq.test")
    client.force_login(member)
    base = f"/conventions/{partnership.pk}/documents/dossiers"
    assert client.get(f"{base}/nouveau/").status_code == 403
    assert client.post(f"{base}/{folders['Comptes rendus'].pk}/supprimer/").status_code == 403
    with pytest.raises(PermissionDenied):
        space.folder_create(convention=partnership, scope=Scope.for_user(member), name="X")


def test_an_editor_moves_a_document_to_unfiled_and_back(client, partnership, personas, folders):
    document = upload(partnership, personas.geiq_coordinator, folder=folders["Comptes rendus"])
    client.force_login(personas.arml_coordinator)
    url = f"/conventions/{partnership.pk}/documents/{document.pk}/classer/"
    assert client.post(url, {"folder": ""}).status_code == 302
    document.refresh_from_db()
    assert document.folder is None
    unfiled = client.get(f"/conventions/{partnership.pk}/documents/non-classes/").content.decode()
    assert "Compte rendu du COPIL" in unfiled
    assert client.post(url, {"folder": folders["Convention signée"].pk}).status_code == 302
    document.refresh_from_db()
    assert document.folder == folders["Convention signée"]


def test_the_uploader_removes_their_document_after_confirming_but_another_member_cannot(
    client, partnership, personas, folders, private_storage
):
    document = upload(partnership, personas.geiq_coordinator, folder=folders["Comptes rendus"])
    other_member = user_with_role(personas.network.cr_geiq, Role.PARTNER_RECRUITER, "r@crgeiq.test")
    with pytest.raises(PermissionDenied):
        space.document_remove(document=document, scope=Scope.for_user(other_member))
    client.force_login(personas.geiq_coordinator)
    url = f"/conventions/{partnership.pk}/documents/{document.pk}/retirer/"
    assert 'data-testid="remove-confirm"' in client.get(url).content.decode()
    path = private_storage / document.file.name
    assert path.exists()
    with django_capture_on_commit():
        assert client.post(url).status_code == 302
    assert not partnership.documents.exists()


def django_capture_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_a_document_kept_as_evidence_cannot_be_removed(partnership, personas, folders):
    document = upload(partnership, personas.arml_coordinator)
    occurrence = partnership.occurrences.first()
    occurrence.document = document
    occurrence.save(update_fields=["document"])
    with pytest.raises(ValidationError, match="justificatif"):
        space.document_remove(document=document, scope=Scope.for_user(personas.arml_coordinator))


def test_the_folder_list_queries_do_not_grow_with_its_documents(client, partnership, personas, folders):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    folder = folders["Comptes rendus"]
    upload(partnership, personas.arml_coordinator, folder=folder)
    client.force_login(personas.arml_coordinator)
    url = f"/conventions/{partnership.pk}/documents/dossiers/{folder.pk}/"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        upload(partnership, personas.geiq_coordinator, folder=folder)
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)
