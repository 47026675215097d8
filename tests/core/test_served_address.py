"""`make run` serves on HOST:PORT and every absolute link points there unless RELAIS_BASE_URL says otherwise."""

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@override_settings(RELAIS_BASE_URL="http://127.0.0.1:8101")
def test_the_demo_accounts_name_the_address_actually_served():
    out = io.StringIO()
    call_command("print_demo_accounts", stdout=out)
    assert "Serveur : http://127.0.0.1:8101/" in out.getvalue()
    assert "8000" not in out.getvalue()


def _run_variables(*arguments: str, **environment: str) -> str:
    """make's own view of the `run` target's variables (nothing is run: -n, and -p prints the database)."""
    env = {key: value for key, value in os.environ.items() if key != "RELAIS_BASE_URL"} | environment
    result = subprocess.run(
        ["make", "-pn", "run", *arguments], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    return result.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is how the README starts the server")
def test_make_run_on_another_port_points_absolute_links_at_that_port():
    assert "run: RELAIS_BASE_URL := http://127.0.0.1:8101" in _run_variables("PORT=8101")
    given = _run_variables("PORT=8101", RELAIS_BASE_URL="https://relais.example.fr")
    assert "run: RELAIS_BASE_URL := https://relais.example.fr" in given
