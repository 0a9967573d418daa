"""On the account page a person switches notification e-mails off and on again."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import UserFactory
from wijkkompas.accounts import privacy
from wijkkompas.accounts.models import User

pytestmark = pytest.mark.django_db


def test_a_new_account_gets_both_kinds_of_e_mail_and_the_page_shows_them_ticked(client):
    user = UserFactory()
    assert user.email_own_contributions and user.email_followed
    client.force_login(user)
    page = client.get(reverse("account_home")).content.decode()
    assert f'action="{reverse("account_email_preferences")}"' in page
    assert page.count('type="checkbox"') == 2 and page.count("checked") == 2


def test_switching_off_and_on_again(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("account_email_preferences"), {"followed": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("account_home") + "#e-mail"
    user.refresh_from_db()
    assert (user.email_own_contributions, user.email_followed) == (False, True)
    page = client.get(response["Location"]).content.decode()
    assert "Je e-mailinstellingen zijn opgeslagen." in page and page.count("checked") == 1
    client.post(reverse("account_email_preferences"), {"own_contributions": "on", "followed": "on"})
    user.refresh_from_db()
    assert (user.email_own_contributions, user.email_followed) == (True, True)


def test_the_switch_needs_a_signed_in_visitor_a_post_and_a_csrf_token():
    user = UserFactory()
    assert Client().post(reverse("account_email_preferences"), {}).status_code == 302  # to sign in
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post(reverse("account_email_preferences"), {}).status_code == 403
    assert strict.get(reverse("account_email_preferences")).status_code == 405
    assert User.objects.get(pk=user.pk).email_own_contributions


def test_the_choice_is_in_the_register_and_in_the_download(client):
    declared = {(entry.model, name) for entry in privacy.personal_data() for name in entry.fields}
    assert {(User, "email_own_contributions"), (User, "email_followed")} <= declared
    user = UserFactory(email_followed=False)
    client.force_login(user)
    data = json.loads(client.post(reverse("account_export")).content)
    assert (data["account"]["email_own_contributions"], data["account"]["email_followed"]) == (True, False)
