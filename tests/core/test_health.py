def test_health_endpoint_answers_without_login(client, db):
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_home_requires_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/comptes/connexion/")


def test_only_the_most_specific_menu_entry_is_current(client, personas):
    client.force_login(personas.arml_coordinator)
    menu = client.get("/conventions/mes-engagements/").context["main_menu"]
    assert [item["label"] for item in menu if item["active"]] == ["Mes engagements"]
