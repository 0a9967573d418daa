"""HTTPS=1 is all a deployment over HTTPS needs: `manage.py check --deploy` has nothing to say."""

import os
import secrets
import subprocess
import sys

import pytest

from tests.e2e.server import REPO


def production(**extra: str) -> dict[str, str]:
    return {
        **os.environ, "DJANGO_SETTINGS_MODULE": "wijkkompas.settings", "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "wijkkompas.example", **extra,
    }


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True)


@pytest.mark.parametrize("proxies", ["0", "1"])
def test_check_deploy_finds_nothing_with_https_on(proxies):
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING",
                 env=production(HTTPS="1", TRUSTED_PROXY_COUNT=proxies))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_without_https_check_deploy_names_what_is_missing():
    result = run("manage.py", "check", "--deploy", env=production())
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


@pytest.mark.parametrize(("proxies", "header"), [("0", "None"), ("1", "('HTTP_X_FORWARDED_PROTO', 'https')")])
def test_only_a_trusted_proxy_may_say_the_request_was_https(proxies, header):
    show = "from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_SECONDS)"
    result = run("-c", f"import django; django.setup(); {show}", env=production(HTTPS="1", TRUSTED_PROXY_COUNT=proxies))
    assert result.stdout.strip() == f"{header} 31536000", result.stderr
