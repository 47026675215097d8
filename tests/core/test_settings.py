"""Production settings: refused without a real secret key or an https base address, hardened otherwise."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.utils import get_random_secret_key

from relais.core.secrets import secret_key_weakness

ROOT = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = (
    "import json, relais.settings as s; print(json.dumps({name: getattr(s, name, None) for name in "
    "['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER', "
    "'RELAIS_TRUSTED_PROXIES']}))"
)
PRODUCTION = {
    "RELAIS_ENV": "production",
    "DJANGO_SECRET_KEY": "t8#qLz2!vR9@mX4$wK7%nB1^cY6&hJ3*pF5(dS0)gA-uE_iO=rT+" * 2,
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
        ({"DJANGO_SECRET_KEY": "k" * 60}, "at least 5 distinct characters"),
        ({"DJANGO_SECRET_KEY": "Ab1!" + "x" * 20}, "at least 50 characters"),
        ({"DJANGO_SECRET_KEY": "abcde" * 12}, "bits of entropy"),
        (
            {"DJANGO_SECRET_KEY": "django-insecure-" + "Zq8vK2mP9xR4nL7wT1cY6bH3jF5dS0gA7u"},
            "set DJANGO_SECRET_KEY",
        ),
        ({"DJANGO_DEBUG": "1"}, "DJANGO_DEBUG must be off"),
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


def test_a_generated_key_passes_the_strength_rule_and_weak_ones_do_not():
    for _ in range(20):
        assert secret_key_weakness(get_random_secret_key(), development_key="dev") == ""
    assert secret_key_weakness("0123456789abcdef" * 4, development_key="dev") == ""  # openssl rand -hex 32
    assert secret_key_weakness("dev", development_key="dev")
    assert "entropy" in secret_key_weakness("azertyuiop" * 5, development_key="dev")  # 3.3 bits per character
    assert secret_key_weakness("aaaabbbbccccddddeeeeffff" * 3, development_key="dev")


def readme_production_settings() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- production-settings -->", 1)[1].split("<!-- /production-settings -->", 1)[0]
    lines = [line for line in block.splitlines() if "=" in line and not line.startswith("```")]
    return dict(line.split("=", 1) for line in lines)


def check_deploy(tmp_path, env: dict[str, str]):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("RELAIS_", "DJANGO_", "DATABASE_URL"))}
    clean.update({"RELAIS_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_readmes_production_settings_pass_check_deploy_but_for_the_preload_choice(tmp_path):
    env = readme_production_settings()
    assert env["RELAIS_ENV"] == "production" and env["DJANGO_SECRET_KEY"].startswith("<")
    env["DJANGO_SECRET_KEY"] = get_random_secret_key()
    result = check_deploy(tmp_path, env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "security.W021" in output
    assert "System check identified 1 issue" in output, output


def test_with_preload_chosen_check_deploy_reports_nothing(tmp_path):
    env = {**readme_production_settings(), "RELAIS_HSTS_PRELOAD": "1"}
    env["DJANGO_SECRET_KEY"] = get_random_secret_key()
    result = check_deploy(tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
