"""Every cell of the role × action table, role inheritance down the regions, MFA and object rules."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import MembershipFactory, OrganisationFactory, RoleAssignmentFactory, UserFactory, add_totp
from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.accounts.permissions import MFA_ROLES, RULES, Action, Role, can, require, roles_of
from wijkkompas.regions.models import Level

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    """A gemeente with a wijk and a buurt under it, and a second gemeente beside it."""
    gemeente = RegionFactory(code="GM9901")
    wijk = RegionFactory(code="WK990101", level=Level.DISTRICT)
    buurt = RegionFactory(code="BU99010101", level=Level.NEIGHBOURHOOD)
    RegionYearFactory(region=wijk, parent=gemeente)
    RegionYearFactory(region=buurt, parent=wijk)
    other = RegionFactory(code="GM9902")
    return SimpleNamespace(gemeente=gemeente, wijk=wijk, buurt=buurt, other=other)


def user_with(role: Role, region):
    """An account that holds exactly this role on the region (with TOTP, so MFA roles count)."""
    if role == Role.ADMINISTRATOR:
        user = UserFactory(is_superuser=True)
    else:
        user = UserFactory()
        if role != Role.RESIDENT:
            RoleAssignmentFactory(user=user, role=role, region=region)
    add_totp(user)
    return user


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_every_cell_of_the_table(areas, role, action):
    user = user_with(role, areas.gemeente)
    expected = role in RULES[action] or Role.RESIDENT in RULES[action]
    contribution = SimpleNamespace(region=areas.buurt, author_id=user.pk, forwarded_to_id=None)
    if action == Action.HANDLE_FORWARDED:
        contribution.forwarded_to_id = MembershipFactory(user=user).organisation_id
    assert can(user, action, contribution=contribution) is expected
    assert can(user, action, region=areas.buurt) is expected  # without an object: the table alone
    assert can(user, action, region=areas.other) is (
        expected if role == Role.ADMINISTRATOR else Role.RESIDENT in RULES[action]  # administrators: everywhere
    )


def test_every_action_has_a_rule_and_the_table_holds_the_issue_s_promises():
    assert set(RULES) == set(Action)
    assert Role.PROFESSIONAL in RULES[Action.CHANGE_STATUS]
    assert Role.RESIDENT not in RULES[Action.CHANGE_STATUS] | RULES[Action.MODERATE] | RULES[Action.ASSIGN_ROLES]
    assert RULES[Action.MODERATE] <= MFA_ROLES


def test_a_role_holds_on_its_region_and_every_region_below_but_not_beside_or_above(areas):
    user = user_with(Role.PROFESSIONAL, areas.wijk)
    assert Role.PROFESSIONAL in roles_of(user, areas.wijk)
    assert Role.PROFESSIONAL in roles_of(user, areas.buurt)
    assert Role.PROFESSIONAL not in roles_of(user, areas.gemeente)
    assert Role.PROFESSIONAL not in roles_of(user, areas.other)
    assert roles_of(user, None) == {Role.RESIDENT, Role.PROFESSIONAL}


def test_a_professional_of_another_municipality_cannot_change_a_status(areas):
    user = user_with(Role.PROFESSIONAL, areas.other)
    contribution = SimpleNamespace(region=areas.buurt, author_id=None, forwarded_to_id=None)
    assert not can(user, Action.CHANGE_STATUS, contribution=contribution)
    with pytest.raises(PermissionDenied, match="niet"):
        require(user, Action.CHANGE_STATUS, contribution=contribution)


@pytest.mark.parametrize("role", sorted(MFA_ROLES))
def test_roles_that_need_a_second_factor_give_nothing_without_one(areas, role):
    user = UserFactory(is_superuser=role == Role.ADMINISTRATOR)
    if role != Role.ADMINISTRATOR:
        RoleAssignmentFactory(user=user, role=role, region=areas.gemeente)
    assert roles_of(user, areas.buurt) == {Role.RESIDENT}
    add_totp(user)
    assert role in roles_of(user, areas.buurt)


def test_only_the_author_rates_or_asks_to_reopen(areas):
    author, other = UserFactory(), UserFactory()
    contribution = SimpleNamespace(region=areas.buurt, author_id=author.pk, forwarded_to_id=None)
    for action in (Action.RATE_ANSWER, Action.REQUEST_REOPEN):
        assert can(author, action, contribution=contribution)
        assert not can(other, action, contribution=contribution)


def test_only_members_of_the_organisation_it_was_forwarded_to_handle_it(areas):
    organisation = OrganisationFactory()
    member, outsider = user_with(Role.PROFESSIONAL, areas.gemeente), user_with(Role.PROFESSIONAL, areas.gemeente)
    MembershipFactory(user=member, organisation=organisation)
    MembershipFactory(user=outsider)
    contribution = SimpleNamespace(region=areas.buurt, author_id=None, forwarded_to_id=organisation.pk)
    assert can(member, Action.HANDLE_FORWARDED, contribution=contribution)
    assert not can(outsider, Action.HANDLE_FORWARDED, contribution=contribution)
    unforwarded = SimpleNamespace(region=areas.buurt, author_id=None, forwarded_to_id=None)
    assert not can(member, Action.HANDLE_FORWARDED, contribution=unforwarded)


def test_anonymous_and_inactive_accounts_may_do_nothing(areas):
    inactive = UserFactory(is_active=False)
    for user in (AnonymousUser(), inactive, None):
        assert not any(can(user, action, region=areas.buurt) for action in Action)
    with pytest.raises(PermissionDenied, match="Log eerst in"):
        require(AnonymousUser(), Action.SUBMIT, region=areas.buurt)
