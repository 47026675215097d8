import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from relais.core.models import AccessLog, AuditEvent
from relais.youths.models import Youth
from tests.youths.factories import YouthFactory, birth_date_for_age

OUTSIDERS = ["geiq_recruiter", "arml_coordinator", "state_observer", "admin"]


def login(client, user):
    client.force_login(user)
    return client


def test_counsellor_sees_the_youths_of_their_mission_locale(client, personas, youth_a):
    response = login(client, personas.counsellor_a).get(reverse("youths:list"))
    assert response.status_code == 200
    assert "CANARI Léa" in response.content.decode()


def test_counsellor_of_another_mission_locale_does_not_see_them(client, personas, youth_a):
    login(client, personas.counsellor_b)
    assert "Canari" not in client.get(reverse("youths:list")).content.decode()
    assert client.get(reverse("youths:detail", args=[youth_a.pk])).status_code == 404
    assert client.get(reverse("youths:edit", args=[youth_a.pk])).status_code == 404
    assert client.post(reverse("youths:archive", args=[youth_a.pk])).status_code == 404
    youth_a.refresh_from_db()
    assert youth_a.archived_at is None


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_people_outside_mission_locales_cannot_reach_youth_pages(client, personas, youth_a, persona):
    login(client, getattr(personas, persona))
    assert client.get(reverse("youths:list")).status_code == 403
    assert client.get(reverse("youths:export")).status_code == 403
    assert client.get(reverse("youths:import")).status_code == 403
    assert client.get(reverse("youths:detail", args=[youth_a.pk])).status_code == 404
    assert not AccessLog.objects.exists()


def test_menu_shows_jeunes_to_mission_locale_staff_only(client, personas):
    assert ">Jeunes</a>" in login(client, personas.cre_a).get("/").content.decode()
    assert ">Jeunes</a>" not in login(client, personas.geiq_recruiter).get("/").content.decode()


def test_reading_a_youth_page_is_logged(client, personas, youth_a):
    response = login(client, personas.counsellor_a).get(reverse("youths:detail", args=[youth_a.pk]))
    assert response.status_code == 200
    assert "RQTH" in response.content.decode()
    log = AccessLog.objects.get()
    assert (log.user, log.kind, log.object_type, log.object_id) == (
        personas.counsellor_a,
        AccessLog.Kind.READ,
        "youths.youth",
        str(youth_a.pk),
    )
    assert log.path == reverse("youths:detail", args=[youth_a.pk])


def test_csv_export_is_logged_and_contains_the_filtered_rows(client, personas, youth_a):
    YouthFactory(mission_locale=personas.network.ml_a, commune=personas.network.lyon, last_name="Autre")
    response = login(client, personas.counsellor_a).get(
        reverse("youths:export"), {"q": "Canari", "format": "csv"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Canari;Léa" in text
    assert "Autre" not in text
    log = AccessLog.objects.get()
    assert (log.user, log.kind) == (personas.counsellor_a, AccessLog.Kind.EXPORT)
    assert "1 jeune" in log.description


def test_xlsx_export_is_logged(client, personas, youth_a):
    response = login(client, personas.cre_a).get(reverse("youths:export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Identifiant I-Milo"
    assert rows[1][:3] == ("IM-0001", "Canari", "Léa")
    assert AccessLog.objects.filter(kind=AccessLog.Kind.EXPORT, user=personas.cre_a).count() == 1


def form_data(network, rome, **overrides):
    data = {
        "mission_locale": network.ml_a.pk,
        "imilo_id": "IM-9",
        "last_name": "Nouveau",
        "first_name": "Sami",
        "birth_date": birth_date_for_age(19).isoformat(),
        "commune_code": "69123",
        "qualification_level": "level_3",
        "rqth": "on",
        "max_distance_km": "30",
        "sought_codes": "15830, 38795",
        "consent_given_at": "2026-01-10",
        "consent_scope": "identity_only",
    }
    data.update(overrides)
    return data


def test_counsellor_creates_a_youth(client, personas, rome):
    login(client, personas.counsellor_a)
    response = client.post(reverse("youths:create"), form_data(personas.network, rome))
    youth = Youth.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("youths:detail", args=[youth.pk])
    assert youth.mission_locale == personas.network.ml_a
    assert youth.commune == personas.network.lyon
    assert youth.rqth and not youth.qpv_resident
    assert {t.ogr_code for t in youth.sought_titles.all()} == {"15830", "38795"}
    event = AuditEvent.objects.get(action="youth.create")
    assert event.actor == personas.counsellor_a
    assert "rqth" not in str(event.details)


def test_a_failed_form_keeps_what_was_typed_and_saves_nothing(client, personas, rome):
    login(client, personas.counsellor_a)
    data = form_data(
        personas.network,
        rome,
        commune_code="99999",
        sought_codes="15830, 00000",
        last_name="Saisie-Conservée",
        phone="07 00 00 00 01",
    )
    response = client.post(reverse("youths:create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Code commune INSEE inconnu : « 99999 »" in html
    assert "Code(s) OGR inconnu(s) : 00000" in html
    assert 'value="Saisie-Conservée"' in html
    assert 'value="07 00 00 00 01"' in html
    # The unknown code stays visible as a tag, so the counsellor sees it and removes it.
    assert 'Code OGR inconnu : 00000<input type="hidden" name="sought_codes" value="00000">' in html
    assert not Youth.objects.exists()


def test_the_form_offers_the_commune_and_rome_pickers(client, personas):
    login(client, personas.counsellor_a)
    html = client.get(reverse("youths:create")).content.decode()
    assert f'hx-get="{reverse("territories:commune_search")}"' in html
    assert '"field": "commune_code", "key": "code"' in html
    assert f'hx-get="{reverse("jobs:rome_search")}"' in html
    assert '"field": "sought_codes", "key": "pk", "multiple": "1"' in html
    assert "Aucun métier choisi." in html


def test_counsellor_creates_a_youth_with_the_picker_inputs(client, personas, rome):
    """The commune picker posts the INSEE code of the checked radio, the ROME picker one hidden input per title."""
    login(client, personas.counsellor_a)
    data = form_data(personas.network, rome, sought_codes=["38795", "15830", "38795"])
    response = client.post(reverse("youths:create"), data)
    assert response.status_code == 302
    youth = Youth.objects.get()
    assert youth.commune == personas.network.lyon
    assert {t.ogr_code for t in youth.sought_titles.all()} == {"15830", "38795"}


def test_a_failed_form_keeps_the_chosen_commune_and_titles(client, personas, rome):
    login(client, personas.counsellor_a)
    data = form_data(
        personas.network,
        rome,
        commune_code=personas.network.grenoble.code,
        sought_codes=["15830", "38795"],
        birth_date="",
    )
    response = client.post(reverse("youths:create"), data)
    html = response.content.decode()
    assert response.status_code == 200 and not Youth.objects.exists()
    assert 'name="commune_code" value="38185" checked' in html
    assert "Grenoble (38185)" in html
    tags = re.findall(
        r'<button type="button" class="fr-tag fr-tag--dismiss"[^>]*>([^<]*)<input type="hidden" '
        r'name="sought_codes" value="(\d+)">',
        html,
    )
    assert tags == [("Maçon / Maçonne (F1703)", "15830"), ("Agent / Agente de propreté (K2204)", "38795")]


def test_creating_a_youth_outside_16_25_is_refused_in_french(client, personas, rome):
    login(client, personas.counsellor_a)
    response = client.post(
        reverse("youths:create"),
        form_data(personas.network, rome, birth_date=birth_date_for_age(27).isoformat()),
    )
    assert response.status_code == 200
    assert "entre 16 et 25 ans" in response.content.decode()
    assert not Youth.objects.exists()


def test_a_counsellor_cannot_create_a_youth_in_another_mission_locale(client, personas, rome):
    login(client, personas.counsellor_a)
    response = client.post(
        reverse("youths:create"), form_data(personas.network, rome, mission_locale=personas.network.ml_b.pk)
    )
    assert response.status_code == 200
    assert not Youth.objects.exists()


def test_counsellor_edits_a_youth_and_the_form_read_is_logged(client, personas, rome, youth_a):
    login(client, personas.counsellor_a)
    page = client.get(reverse("youths:edit", args=[youth_a.pk])).content.decode()
    assert 'value="Canari"' in page
    assert 'name="commune_code" value="69123" checked' in page
    assert 'Maçon / Maçonne (F1703)<input type="hidden" name="sought_codes" value="15830">' in page
    assert AccessLog.objects.filter(kind=AccessLog.Kind.READ, object_id=str(youth_a.pk)).count() == 1
    data = form_data(
        personas.network,
        rome,
        imilo_id="IM-0001",
        last_name="Canari",
        first_name="Léa",
        birth_date=youth_a.birth_date.isoformat(),
        sought_codes="38795",
        rqth="",
    )
    data.pop("rqth")
    response = client.post(reverse("youths:edit", args=[youth_a.pk]), data)
    assert response.status_code == 302
    youth_a.refresh_from_db()
    assert not youth_a.rqth
    assert [t.ogr_code for t in youth_a.sought_titles.all()] == ["38795"]
    assert "rqth" in AuditEvent.objects.get(action="youth.update").details["fields"]


def test_archiving_asks_for_confirmation_then_hides_the_youth(client, personas, youth_a):
    login(client, personas.counsellor_a)
    confirmation = client.get(reverse("youths:archive", args=[youth_a.pk]))
    assert "Confirmez l'archivage" in confirmation.content.decode()
    youth_a.refresh_from_db()
    assert youth_a.archived_at is None
    response = client.post(reverse("youths:archive", args=[youth_a.pk]))
    assert response.status_code == 302
    youth_a.refresh_from_db()
    assert youth_a.archived_at is not None
    assert "CANARI" not in client.get(reverse("youths:list")).content.decode()
    assert AuditEvent.objects.filter(action="youth.archive", object_id=str(youth_a.pk)).exists()


def test_list_page_query_count_does_not_grow_with_rows(client, personas, rome, django_assert_max_num_queries):
    network = personas.network
    login(client, personas.counsellor_a)

    def add(count):
        for _ in range(count):
            YouthFactory(
                mission_locale=network.ml_a,
                commune=network.lyon,
                counsellor=personas.counsellor_a.person,
                sought_titles=[rome.mason, rome.cleaner],
                rqth=True,
            )

    url = reverse("youths:list") + "?flags=rqth&rome_family=F1703"
    add(2)
    client.get(url)  # warm the session and per-process caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(23)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count("fr-badge--purple-glycine") == 25
    assert len(many) == len(few)
    with django_assert_max_num_queries(len(few)):
        client.get(url)


def test_list_is_paginated_and_keeps_the_filters_in_page_links(client, personas):
    network = personas.network
    for index in range(30):
        YouthFactory(
            mission_locale=network.ml_a,
            commune=network.lyon,
            last_name=f"Nom{index:02d}",
            cej_beneficiary=True,
        )
    login(client, personas.counsellor_a)
    first = client.get(reverse("youths:list"), {"flags": "cej_beneficiary"}).content.decode()
    assert "fr-pagination" in first
    assert "30 jeunes" in first
    assert "NOM24" in first and "NOM25" not in first
    second = client.get(reverse("youths:list"), {"flags": "cej_beneficiary", "page": 2}).content.decode()
    assert "NOM25" in second
    assert re.search(r'value="cej_beneficiary"[^>]*checked', second)
    assert not re.search(r'value="rqth"[^>]*checked', second)


def test_the_youth_page_links_to_suggested_opportunities_and_positionings(client, personas):
    from tests.youths.factories import YouthFactory

    youth = YouthFactory(mission_locale=personas.network.ml_a, commune=personas.network.lyon)
    client.force_login(personas.counsellor_a)
    body = client.get(f"/jeunes/{youth.pk}/").content.decode()
    assert f'href="/positionnements/jeune/{youth.pk}/"' in body


def test_the_new_record_form_preselects_its_counsellor_and_states_the_required_rule(client, personas):
    login(client, personas.counsellor_a)
    body = client.get(reverse("youths:create")).content.decode()
    person = personas.counsellor_a.person
    assert f'<option value="{person.pk}" selected>' in body
    assert "Sauf mention contraire « (facultatif) », tous les champs sont obligatoires." in body
    legend = body[body.index('id="commune-legend"') :].split("</legend>")[0]
    assert "Commune de résidence" in legend and "facultatif" not in legend
