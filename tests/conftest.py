"""Shared test set-up.

The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL says so.
Tests never assume an empty database: the `bundled_data` fixture loads all bundled real
data once per session (committed, outside the per-test transactions), so measure
changes as differences. Do not use `transactional_db`: its flush would wipe that data.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

import pytest  # noqa: E402
from django.core.management import call_command  # noqa: E402


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Pages render without a collected static manifest in tests."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def bundled_data(django_db_setup, django_db_blocker):
    """All bundled open data, imported once and scored, as `make run` does."""
    with django_db_blocker.unblock():
        call_command("load_bundled_data", "--if-empty", verbosity=0)
