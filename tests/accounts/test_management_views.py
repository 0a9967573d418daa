"""The pages that manage roles, organisations and members: who may use them, what they show,
forms that keep their input on an error, CSRF, and never a cached page."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.factories import MembershipFactory, OrganisationFactory, RoleAssignmentFactory, UserFactory
from wijkkompas.accounts.models import Membership, Organisation, RoleAssignment
from wijkkompas.accounts.permissions import Role, roles_of
from wijkkompas.core.models import AuditEvent

pytestmark = pytest.mark.django_db

ROLES = reverse("manage_roles")
ORGANISATIONS = reverse("manage_organisations")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_pages_need_a_signed_in_visitor(world):
    organisation = OrganisationFactory(municipality=world.gemeente)
    for url in (ROLES, ORGANISATIONS, reverse("manage_organisation", args=[organisation.pk])):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["manager_without_totp", "professional", "resident"])
def test_without_the_right_every_page_and_action_is_refused(world, who):
    user = getattr(world, who)
    organisation = OrganisationFactory(municipality=world.gemeente)
    assignment = RoleAssignmentFactory(user=UserFactory(), role=Role.PROFESSIONAL, region=world.gemeente)
    client = signed_in(user)
    for url in (ROLES, ORGANISATIONS, reverse("manage_organisation", args=[organisation.pk])):
        assert client.get(url).status_code == 403
    target = UserFactory(email="doel@example.org")
    assert client.post(ROLES, {"email": target.email, "role": "moderator", "region": "GM9941"}).status_code == 403
    assert client.post(reverse("manage_role_revoke"), {"assignment": assignment.pk}).status_code == 403
    assert client.post(ORGANISATIONS, {"name": "X", "kind": "zorg", "municipality": world.gemeente.pk,
                                       "response_days": 5}).status_code == 403
    assert client.post(reverse("manage_member_add", args=[organisation.pk]), {"email": target.email}).status_code == 403
    assert not target.role_assignments.exists() and not target.memberships.exists()
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert not Organisation.objects.filter(name="X").exists()


def test_a_manager_sees_the_roles_in_their_areas_and_by_whom_and_the_page_is_never_cached(world):
    holder = UserFactory(email="wijkprof@example.org", public_name="Samira")
    RoleAssignmentFactory(user=holder, role=Role.PROFESSIONAL, region=world.wijk, granted_by=world.manager)
    RoleAssignmentFactory(user=UserFactory(email="elders@example.org"), role=Role.MODERATOR, region=world.other)
    response = signed_in(world.manager).get(ROLES)
    page = response.content.decode()
    assert response.status_code == 200
    assert "wijkprof@example.org" in page and "Samira" in page and "Testwijk Centrum" in page
    assert "beheer-noord@example.org" in page  # who gave it, and the manager's own role
    assert "elders@example.org" not in page
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "elders@example.org" in signed_in(world.administrator).get(ROLES).content.decode()


def test_a_manager_gives_a_role_in_an_area_within_theirs_and_it_is_audited(world):
    target = UserFactory(email="nieuw@example.org")
    organisation = OrganisationFactory(municipality=world.gemeente, name="Corporatie Noord")
    client = signed_in(world.manager)
    response = client.post(ROLES, {
        "email": " Nieuw@Example.org ", "role": "professional", "region": "wk994101", "organisation": organisation.pk,
    })
    assert response.status_code == 302 and response["Location"] == ROLES
    assignment = target.role_assignments.get()
    assert (assignment.role, assignment.region, assignment.organisation, assignment.granted_by) == (
        Role.PROFESSIONAL, world.wijk, organisation, world.manager,
    )
    assert Role.PROFESSIONAL in roles_of(target, world.buurt)
    assert AuditEvent.objects.filter(action="role.assign", actor=world.manager, target=f"user:{target.pk}").count() == 1
    page = client.get(ROLES).content.decode()
    assert "nieuw@example.org is nu professional in Testwijk Centrum" in page


def test_a_manager_of_another_municipality_cannot_give_a_role_there_and_keeps_the_input(world):
    target = UserFactory(email="doel@example.org")
    response = signed_in(world.other_manager).post(ROLES, {"email": target.email, "role": "moderator", "region": "GM9941"})
    page = response.content.decode()
    assert response.status_code == 400 and not target.role_assignments.exists()
    assert "Je mag in dit gebied geen rollen geven." in page
    assert 'value="doel@example.org"' in page and 'value="GM9941"' in page
    assert '<option value="moderator" selected>' in page
    assert not AuditEvent.objects.filter(action="role.assign").exists()


def test_the_form_explains_each_mistake_in_dutch(world):
    organisation = OrganisationFactory(municipality=world.other)  # not one of the manager's organisations
    client = signed_in(world.manager)
    page = client.post(ROLES, {"email": "onbekend@example.org", "role": "bewoner", "region": "XX1"}).content.decode()
    assert "Er is geen account met dit e-mailadres." in page
    assert "We kennen geen gebied met deze code." in page
    assert 'aria-invalid="true"' in page and 'href="#id_email"' in page
    assert "Dit veld is verplicht." in client.post(ROLES, {"email": "onbekend@example.org", "region": "GM9941"}).content.decode()
    assert '<option value="" selected>Kies een rol</option>' in client.get(ROLES).content.decode()
    UserFactory(email="prof2@example.org")
    response = client.post(ROLES, {"email": "prof2@example.org", "role": "professional", "region": "GM9941"})
    assert response.status_code == 400 and "Kies de organisatie waar deze professional werkt." in response.content.decode()
    response = client.post(ROLES, {"email": "prof2@example.org", "role": "professional", "region": "GM9941",
                                   "organisation": organisation.pk})
    assert response.status_code == 400 and not RoleAssignment.objects.filter(user__email="prof2@example.org").exists()


def test_a_manager_takes_a_role_away_in_their_area_but_not_elsewhere(world):
    ours = RoleAssignmentFactory(user=UserFactory(), role=Role.MODERATOR, region=world.buurt)
    theirs = RoleAssignmentFactory(user=UserFactory(), role=Role.MODERATOR, region=world.other)
    client = signed_in(world.manager)
    assert client.post(reverse("manage_role_revoke"), {"assignment": theirs.pk}).status_code == 403
    assert client.post(reverse("manage_role_revoke"), {"assignment": "x"}).status_code == 404
    response = client.post(reverse("manage_role_revoke"), {"assignment": ours.pk})
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=ours.pk).exists() and RoleAssignment.objects.filter(pk=theirs.pk).exists()
    assert AuditEvent.objects.get(action="role.revoke").actor == world.manager


def test_posts_need_a_csrf_token(world):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.manager)
    target = UserFactory()
    assert strict.post(ROLES, {"email": target.email, "role": "moderator", "region": "GM9941"}).status_code == 403
    assert not target.role_assignments.exists()


def test_a_manager_adds_and_edits_an_organisation_of_their_municipality(world):
    client = signed_in(world.manager)
    form = client.get(ORGANISATIONS).content.decode()
    assert f'<option value="{world.gemeente.pk}">' in form and f'value="{world.other.pk}"' not in form
    response = client.post(ORGANISATIONS, {"name": "Buurtwerk Noord", "kind": "welzijn",
                                           "municipality": world.gemeente.pk, "response_days": 7})
    organisation = Organisation.objects.get(name="Buurtwerk Noord")
    assert response.status_code == 302 and response["Location"] == reverse("manage_organisation", args=[organisation.pk])
    url = response["Location"]
    response = client.post(url, {"name": "Buurtwerk Noord", "kind": "welzijn", "municipality": world.gemeente.pk,
                                 "response_days": 21, "contact_email": "team@buurtwerk.example"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.response_days, organisation.contact_email) == (21, "team@buurtwerk.example")
    assert list(AuditEvent.objects.filter(target=f"organisation:{organisation.pk}").values_list("action", flat=True)) == [
        "organisation.create", "organisation.update",
    ]
    assert "Buurtwerk Noord" in client.get(ORGANISATIONS).content.decode()


def test_the_organisation_form_keeps_its_input_and_explains_the_mistake(world):
    client = signed_in(world.manager)
    response = client.post(ORGANISATIONS, {"name": "Zorg <Noord>", "kind": "zorg", "municipality": world.other.pk,
                                           "response_days": 0, "contact_email": "geen-adres"})
    page = response.content.decode()
    assert response.status_code == 400 and not Organisation.objects.filter(kind="zorg").exists()
    assert 'value="Zorg &lt;Noord&gt;"' in page and '<option value="zorg" selected>' in page
    assert 'value="geen-adres"' in page
    assert "Kies een van de gemeenten in de lijst." in page  # another municipality is no choice here
    assert "Geef een heel aantal dagen, van 1 tot 365." in page


def test_a_manager_of_another_municipality_cannot_see_or_change_an_organisation(world):
    organisation = OrganisationFactory(municipality=world.gemeente, name="Corporatie Noord")
    url = reverse("manage_organisation", args=[organisation.pk])
    client = signed_in(world.other_manager)
    assert "Corporatie Noord" not in client.get(ORGANISATIONS).content.decode()
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Overgenomen", "kind": "zorg", "municipality": world.other.pk,
                             "response_days": 3}).status_code == 403
    assert Organisation.objects.get(pk=organisation.pk).name == "Corporatie Noord"


def test_a_manager_adds_and_removes_members(world):
    organisation = OrganisationFactory(municipality=world.gemeente)
    member = UserFactory(email="lid@example.org")
    client = signed_in(world.manager)
    add = reverse("manage_member_add", args=[organisation.pk])
    response = client.post(add, {"email": "onbekend@example.org"})
    assert response.status_code == 400 and "Er is geen account met dit e-mailadres." in response.content.decode()
    assert 'value="onbekend@example.org"' in response.content.decode()
    assert client.post(add, {"email": "LID@example.org"})["Location"].endswith("#leden")
    membership = Membership.objects.get(organisation=organisation, user=member)
    assert "lid@example.org" in client.get(reverse("manage_organisation", args=[organisation.pk])).content.decode()
    other = MembershipFactory(organisation=OrganisationFactory(municipality=world.other))
    remove = reverse("manage_member_remove", args=[organisation.pk])
    assert client.post(remove, {"membership": other.pk}).status_code == 404  # not a member of this organisation
    assert client.post(remove, {"membership": membership.pk}).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists() and Membership.objects.filter(pk=other.pk).exists()
    assert list(AuditEvent.objects.filter(target=f"user:{member.pk}").values_list("action", flat=True)) == [
        "membership.add", "membership.remove",
    ]


def test_the_account_page_links_to_the_staff_pages_for_those_who_may_use_them(world):
    organisation = OrganisationFactory(municipality=world.gemeente)
    MembershipFactory(user=world.professional, organisation=organisation)
    manager_page = signed_in(world.manager).get(reverse("account_home")).content.decode()
    assert f'href="{ROLES}"' in manager_page and f'href="{ORGANISATIONS}"' in manager_page
    for user in (world.manager_without_totp, world.professional, world.resident):
        page = signed_in(user).get(reverse("account_home")).content.decode()
        assert f'href="{ROLES}"' not in page and f'href="{ORGANISATIONS}"' not in page
    professional_page = signed_in(world.professional).get(reverse("account_home")).content.decode()
    assert f'href="{reverse("participation:forwarded", args=[organisation.pk])}"' in professional_page


def test_the_roles_come_in_pages(world, monkeypatch):
    from wijkkompas.accounts import staff_views

    monkeypatch.setattr(staff_views, "ROLES_PER_PAGE", 3)
    for number in range(3):
        RoleAssignmentFactory(user=UserFactory(email=f"rol{number}@example.org"), role=Role.MODERATOR, region=world.buurt)
    client = signed_in(world.manager)
    first = client.get(ROLES).content.decode()
    assert "Pagina 1 van 2" in first and 'href="?pagina=2#rollen"' in first
    second = client.get(ROLES, {"pagina": "2"}).content.decode()
    shown = [email for email in ("beheer-noord", "beheer-zonder", "prof-noord", "rol0", "rol1", "rol2")
             if f"{email}@example.org" in first or f"{email}@example.org" in second]
    assert len(shown) == 6 and "Pagina 2 van 2" in second
    assert client.get(ROLES, {"pagina": "x"}).status_code == 200  # an odd page number shows the first page


def test_a_refusal_says_why_in_dutch_and_where_to_switch_on_the_second_step(world):
    response = signed_in(world.manager_without_totp).get(ROLES)

    assert response.status_code == 403
    text = response.content.decode()
    assert "Dit mag niet" in text and "tweede stap" in text
    assert reverse("mfa_index") in text
