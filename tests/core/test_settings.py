"""Production settings: refused without a real secret key or an https base address, hardened otherwise."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = (
    "import json, relais.settings as s; print(json.dumps({name: getattr(s, name, None) for name in "
    "['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER', "
    "'RELAIS_TRUSTED_PROXIES']}))"
)
PRODUCTION = {
    "RELAIS_ENV": "production",
    "DJANGO_SECRET_KEY": "k" * 60,
    "RELAIS_BASE_URL": "https://relais.example.fr",
}


def load_settings(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("RELAIS_", "DJANGO_"))}
    clean.update({"RELAIS_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DJANGO_SECRET_KEY": ""}, "set DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "development-only-secret-key-not-for-production"}, "set DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "", "DJANGO_DEBUG": "1"}, "set DJANGO_SECRET_KEY"),
        ({"RELAIS_BASE_URL": "http://relais.example.fr"}, "RELAIS_BASE_URL"),
    ],
)
def test_production_refuses_to_start_with_development_values(tmp_path, env, message):
    result = load_settings(tmp_path, **{**PRODUCTION, **env})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


def test_production_turns_on_secure_cookies_and_hsts(tmp_path):
    result = load_settings(
        tmp_path, **PRODUCTION, RELAIS_PROXY_SSL_HEADER="X-Forwarded-Proto", RELAIS_TRUSTED_PROXIES="1"
    )
    values = json.loads(result.stdout)
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "RELAIS_TRUSTED_PROXIES": 1,
    }


def test_development_defaults_stay_plain_http(tmp_path):
    values = json.loads(load_settings(tmp_path).stdout)
    assert values == {
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_PROXY_SSL_HEADER": None,
        "RELAIS_TRUSTED_PROXIES": 0,
    }
