"""Sign-up and sign-in by e-mail code, the honeypot, and rate limits that all processes share."""

import re

import pytest
from django.core import mail
from django.core.cache import caches
from django.urls import reverse

from tests.accounts.factories import UserFactory
from wijkkompas.accounts.models import User

pytestmark = pytest.mark.django_db
CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", re.M)


def code_from_last_mail() -> str:
    return CODE.search(mail.outbox[-1].body)[1]


def test_a_resident_signs_up_with_an_e_mail_address_and_the_code_from_the_mail(client):
    response = client.post(reverse("account_signup"), {"email": "Bewoner@Example.org"})
    assert response.status_code == 302 and response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="bewoner@example.org")
    assert not user.has_usable_password()
    assert "_auth_user_id" not in client.session  # not signed in before the address is confirmed
    response = client.post(reverse("account_email_verification_sent"), {"code": code_from_last_mail()})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.emailaddress_set.get().verified
    assert mail.outbox[0].subject.startswith("[Wijkkompas] ") and "Wijkkompas" in mail.outbox[0].body
    assert "testserver!" not in mail.outbox[0].body


def test_a_wrong_code_does_not_confirm(client):
    client.post(reverse("account_signup"), {"email": "iemand@example.org"})
    response = client.post(reverse("account_email_verification_sent"), {"code": "AAAAAA"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_signing_in_by_code(client):
    user = UserFactory(email="inlog@example.org")
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    response = client.post(reverse("account_request_login_code"), {"email": "inlog@example.org"})
    assert response.status_code == 302
    response = client.post(reverse("account_confirm_login_code"), {"code": code_from_last_mail()})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_a_filled_in_honeypot_creates_no_account_and_sends_no_mail(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert re.search(r'<div class="wk-honeypot" aria-hidden="true"><label for="id_telefoonnummer">', page)
    assert 'style="' not in page  # the content security policy forbids inline styles
    response = client.post(reverse("account_signup"), {"email": "bot@example.org", "telefoonnummer": "0612345678"})
    assert response.status_code == 302  # the bot sees the usual "check your e-mail"
    assert not User.objects.filter(email="bot@example.org").exists() and not mail.outbox


def test_sign_in_and_sign_up_are_rate_limited_in_the_shared_store(client, settings):
    from django.test import Client

    settings.ACCOUNT_RATE_LIMIT = "3/m"
    statuses = [client.post(reverse("account_request_login_code"), {"email": f"p{n}@example.org"}).status_code
                for n in range(3)]
    assert 429 not in statuses
    caches["default"].clear()  # another worker process has its own default cache: it counts on
    assert client.post(reverse("account_signup"), {"email": "p9@example.org"}).status_code == 429
    assert client.post(reverse("account_login"), {"login": "p9@example.org"}).status_code == 429
    assert Client().get(reverse("account_login")).status_code == 200  # reading the page is not limited
    assert not User.objects.filter(email="p9@example.org").exists()


def test_after_three_wrong_codes_the_right_one_no_longer_signs_in(client):
    user = UserFactory(email="raden@example.org")
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    client.post(reverse("account_request_login_code"), {"email": user.email})
    code = code_from_last_mail()
    for _ in range(3):
        client.post(reverse("account_confirm_login_code"), {"code": "AAAA-AAAA"})
    client.post(reverse("account_confirm_login_code"), {"code": code})
    assert "_auth_user_id" not in client.session
