"""The personal-data register covers the models; export and deletion run every app's hooks."""

import json

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from tests.accounts.factories import MembershipFactory, RoleAssignmentFactory, UserFactory, add_totp
from wijkkompas.accounts import privacy
from wijkkompas.accounts.models import User
from wijkkompas.accounts.permissions import Role
from wijkkompas.core.models import AuditEvent

#: Apps outside ours whose tables hold personal data (allauth's); Django's own are covered by
#: the user model and its sessions, which expire.
THIRD_PARTY = {"account", "mfa"}


def _declared() -> set[tuple[type, str]]:
    return {(entry.model, field) for entry in privacy.personal_data() for field in entry.fields}


def _personal_fields():
    """Every FK to the user model and every e-mail field in our apps and allauth's; free text
    written by residents is declared by its app (the participation models), checked there."""
    for model in apps.get_models():
        config = model._meta.app_config
        if not (config.name.startswith("wijkkompas.") or config.label in THIRD_PARTY):
            continue
        for field in model._meta.get_fields():
            points_at_user = getattr(field, "many_to_one", False) and field.related_model is User and field.concrete
            if points_at_user or isinstance(field, models.EmailField):
                yield model, field.name


def test_every_personal_data_field_is_in_the_register():
    missing = sorted(f"{model._meta.label}.{name}" for model, name in _personal_fields() if (model, name) not in _declared())
    assert not missing, f"declare these in <app>/privacy.py PERSONAL_DATA: {missing}"


def test_every_registered_field_exists():
    for entry in privacy.personal_data():
        for name in entry.fields:
            entry.model._meta.get_field(name)
        assert entry.purpose and entry.retention


@pytest.mark.django_db
def test_the_privacy_page_shows_the_register(client):
    page = client.get(reverse("privacy")).content.decode()
    for entry in privacy.personal_data():
        assert str(entry.purpose).replace("'", "&#x27;") in page


@pytest.fixture
def resident():
    user = UserFactory(email="bewoner@example.org", public_name="Fatima")
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user


@pytest.mark.django_db
def test_a_resident_downloads_their_own_data_and_the_export_is_audited(client, resident):
    MembershipFactory(user=resident)
    client.force_login(resident)
    assert client.get(reverse("account_export")).status_code == 200
    response = client.post(reverse("account_export"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "bewoner@example.org" and data["account"]["public_name"] == "Fatima"
    assert set(privacy.exporters()) <= set(data)
    assert AuditEvent.objects.filter(actor=resident, action="data.export_own").count() == 1


@pytest.mark.django_db
def test_the_export_needs_a_signed_in_visitor_and_a_csrf_token(resident):
    from django.test import Client

    assert Client().post(reverse("account_export")).status_code == 302  # to the sign-in page
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(resident)
    assert strict.post(reverse("account_export")).status_code == 403


@pytest.mark.django_db
def test_deleting_an_account_removes_who_it_was_and_runs_every_app_s_hooks(client, resident, monkeypatch):
    called = []
    monkeypatch.setattr(privacy, "anonymisers", lambda: [*privacy.ANONYMISERS, called.append])
    RoleAssignmentFactory(user=resident, role=Role.PROFESSIONAL)
    add_totp(resident)
    client.force_login(resident)
    assert client.post(reverse("account_delete"), {}).status_code == 200  # not confirmed: nothing happens
    assert User.objects.get(pk=resident.pk).is_active
    response = client.post(reverse("account_delete"), {"confirm": "yes"})
    assert response.status_code == 302 and "_auth_user_id" not in client.session
    gone = User.objects.get(pk=resident.pk)
    assert [user.pk for user in called] == [resident.pk]
    assert (gone.email, gone.public_name, gone.is_active, gone.has_usable_password()) == (
        f"verwijderd-{resident.pk}@invalid", "", False, False,
    )
    assert not gone.emailaddress_set.exists() and not gone.role_assignments.exists()
    assert AuditEvent.objects.filter(actor=gone, action="account.delete").exists()
    assert "bewoner@example.org" not in json.dumps(privacy._export_account(gone))


def test_mail_is_printed_on_the_console_unless_smtp_is_configured():
    from wijkkompas import settings as project_settings  # the test runner swaps in its own backend
    from wijkkompas.accounts.mail import smtp_settings

    assert project_settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"
    smtp = smtp_settings("smtp://user:p%40ss@mail.example.org:587", {})
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_HOST_PASSWORD"], smtp["EMAIL_USE_TLS"]) == (
        "mail.example.org", 587, "p@ss", True,
    )
    assert smtp_settings("smtp+ssl://mail.example.org", {})["EMAIL_USE_SSL"]
    assert smtp_settings("", {"EMAIL_HOST": "mail", "EMAIL_PORT": "2525"})["EMAIL_PORT"] == 2525
