"""The second factor for staff: set up from the sign-in, then asked at every sign-in; recovery codes."""

import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.urls import reverse

from tests.accounts.factories import RoleAssignmentFactory, UserFactory
from wijkkompas.accounts.permissions import Role, roles_of

pytestmark = pytest.mark.django_db
PASSWORD = "een lang wachtwoord voor de test"


def current_code(secret: str) -> str:
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


@pytest.fixture(autouse=True)
def _tolerant_clock(settings):
    """A code made at the end of a 30-second period is still valid when checked in the next one."""
    settings.MFA_TOTP_TOLERANCE = 1


@pytest.fixture
def moderator():
    user = UserFactory(email="moderator@example.org")
    user.set_password(PASSWORD)
    user.save()
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    RoleAssignmentFactory(user=user, role=Role.MODERATOR)
    return user


def sign_in_with_password(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_a_moderator_sets_up_totp_gets_recovery_codes_and_then_the_role_counts(client, moderator):
    region = moderator.role_assignments.get().region
    assert sign_in_with_password(client, moderator)["Location"] == reverse("mfa_activate_totp")
    assert Role.MODERATOR not in roles_of(moderator, region)
    page = client.get(reverse("mfa_activate_totp"), follow=True)
    if page.redirect_chain:  # allauth asks for the password again first
        client.post(page.redirect_chain[-1][0], {"password": PASSWORD})
        page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    types = set(Authenticator.objects.filter(user=moderator).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert Role.MODERATOR in roles_of(moderator, region)


def test_signing_in_then_needs_the_app_s_code_or_a_recovery_code(client, moderator):
    secret = generate_totp_secret()
    TOTP.activate(moderator, secret)
    codes = RecoveryCodes.activate(moderator).get_unused_codes()
    assert sign_in_with_password(client, moderator)["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": "000000" if current_code(secret) != "000000" else "111111"})
    assert "_auth_user_id" not in client.session
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert client.session["_auth_user_id"] == str(moderator.pk)
    client.logout()
    sign_in_with_password(client, moderator)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert client.session["_auth_user_id"] == str(moderator.pk)
