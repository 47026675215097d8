def test_health_endpoint_answers_without_login(client, db):
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_home_requires_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/comptes/connexion/")
