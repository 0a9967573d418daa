"""Account pages in the site's layout, the header's account links, and no personal page in the cache."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import RoleAssignmentFactory, UserFactory, add_totp
from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.accounts.permissions import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", [
    "account_login", "account_signup", "account_request_login_code", "privacy",
])
def test_sign_up_and_sign_in_pages_use_the_site_s_layout(client, name):
    page = client.get(reverse(name)).content.decode()
    assert 'class="utrecht-page-header wk-header"' in page and "utrecht-button" in page or name == "privacy"
    assert '<main id="inhoud"' in page and "<title>" in page


def test_the_header_offers_sign_in_to_visitors_and_the_account_to_signed_in_people(client):
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("account_login")}?next=/"' in page and "Uitloggen" not in page
    user = UserFactory(public_name="Fatima <b>")
    client.force_login(user)
    page = client.get(reverse("home")).content.decode()
    assert "Fatima &lt;b&gt;" in page and "Uitloggen" in page
    assert f'<form method="post" action="{reverse("account_logout")}">' in page


def test_a_signed_in_visitor_s_profile_is_never_served_to_another():
    region = RegionFactory(code="GM9931")
    RegionYearFactory(region=region)
    url = reverse("profile", args=[region.code])
    alice = Client()
    alice.force_login(UserFactory(email="alice@example.org"))
    assert "alice@example.org" in alice.get(url).content.decode()
    anonymous = Client().get(url)
    assert anonymous.status_code == 200 and "alice@example.org" not in anonymous.content.decode()
    assert "alice@example.org" not in Client().get(url).content.decode()  # the cached anonymous page
    assert "alice@example.org" in alice.get(url).content.decode()  # alice never gets the cached one


def test_staff_whose_role_needs_a_second_factor_are_sent_to_set_it_up(client):
    user = UserFactory(email="moderator@example.org")
    user.set_password("een lang wachtwoord voor de test")
    user.save()
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    RoleAssignmentFactory(user=user, role=Role.MODERATOR)
    response = client.post(reverse("account_login"), {"login": user.email, "password": "een lang wachtwoord voor de test"})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"), follow=True)  # allauth may first ask to confirm it is them
    assert page.status_code == 200 and 'class="wk-account-form"' in page.content.decode()


def test_with_a_second_factor_signing_in_asks_for_its_code(client):
    user = UserFactory(email="beheer@example.org")
    user.set_password("een lang wachtwoord voor de test")
    user.save()
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    add_totp(user)
    response = client.post(reverse("account_login"), {"login": user.email, "password": "een lang wachtwoord voor de test"})
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("name", ["account_home", "account_export", "account_delete"])
def test_own_account_pages_need_a_signed_in_visitor(client, name):
    assert client.get(reverse(name)).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse(name)).status_code == 200
