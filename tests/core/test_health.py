import shutil

from django.db import OperationalError, connection


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


def _unreadable_database(execute, sql, params, many, context):
    raise OperationalError("disk I/O error")


def test_health_names_the_database_when_it_is_unreadable(client, db):
    with connection.execute_wrapper(_unreadable_database):
        response = client.get("/sante/")
    assert response.status_code == 503 and response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "error",
        "failed": ["database"],
        "checks": {"database": "error", "job_queue": "ok", "cache": "ok"},
    }


def test_health_names_the_job_queue_when_its_storage_is_unreachable(client, db, monkeypatch, tmp_path):
    from huey.contrib.djhuey import HUEY
    from huey.storage import SqliteStorage

    folder = tmp_path / "queue"
    folder.mkdir()
    unreachable = SqliteStorage("relais", filename=str(folder / "huey.sqlite3"))
    unreachable.close()
    shutil.rmtree(folder)  # the queue's file and folder are gone: it cannot be opened again
    monkeypatch.setattr(HUEY, "storage", unreachable)
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["failed"] == ["job_queue"]


def test_health_names_the_cache_when_it_loses_values(client, db, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "job_queue": "ok", "cache": "error"}
