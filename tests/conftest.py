"""Shared test set-up.

The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL says so, and in Dutch,
as users see the site: the catalogues are compiled first when needed, as `make test` does.
Tests never assume an empty database: the `bundled_data` fixture loads all bundled real
data once per session (committed, outside the per-test transactions), so measure
changes as differences. Do not use `transactional_db`: its flush would wipe that data.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.signals import setting_changed

import wijkkompas

LOCALE = Path(wijkkompas.__file__).resolve().parent / "locale"


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    """Compile each catalogue whose .mo (git-ignored) is missing or older than its .po, so that
    plain `pytest` runs in Dutch like `make test`. msgfmt writes a private file that then replaces
    the .mo in one step, so a suite running at the same time never reads half a catalogue."""
    compiled = False
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        msgfmt = shutil.which("msgfmt")
        if msgfmt is None:
            pytest.exit(f"{po} needs compiling, but msgfmt (GNU gettext) is not installed: run `make test`.", 4)
        partial = mo.with_name(f".{mo.name}.{os.getpid()}")
        try:
            subprocess.run([msgfmt, "--check-format", "-o", str(partial), str(po)], check=True)
            os.replace(partial, mo)
        finally:
            partial.unlink(missing_ok=True)
        compiled = True
    if compiled:  # forget any catalogue loaded before this (as changing LOCALE_PATHS does in a test)
        setting_changed.send(
            sender=settings._wrapped.__class__, setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False
        )


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Pages render without collected static files in tests: no manifest, and WhiteNoise looks
    a file up when it is asked for instead of warning that the collected folder is missing."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def _empty_cache():
    """Pages cache rendered parts per figures version; factory data does not bump that version."""
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as `make run` prepares it: migrated, with the rate-limit counter table."""
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


@pytest.fixture(scope="session")
def bundled_data(django_db_setup, django_db_blocker):
    """All bundled open data, imported once and scored, as `make run` does."""
    with django_db_blocker.unblock():
        call_command("load_bundled_data", "--if-empty", verbosity=0)
