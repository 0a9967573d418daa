"""Role changes go through services that check the actor's right and audit each change."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.accounts.factories import RoleAssignmentFactory, UserFactory, add_totp
from tests.regions.factories import RegionFactory
from wijkkompas.accounts import services
from wijkkompas.accounts.permissions import Role, roles_of
from wijkkompas.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    user = UserFactory()
    RoleAssignmentFactory(user=user, role=Role.MANAGER, region=RegionFactory(code="GM9911"))
    add_totp(user)
    return user


def test_a_manager_assigns_and_revokes_a_role_in_their_area_and_both_are_audited(manager):
    area, user = RegionFactory(code="GM9911"), UserFactory()
    assignment = services.assign_role(actor=manager, user=user, role=Role.PROFESSIONAL, region=area)
    assert assignment.granted_by == manager and Role.PROFESSIONAL in roles_of(user, area)
    services.assign_role(actor=manager, user=user, role=Role.PROFESSIONAL, region=area)  # twice: one row, one event
    assert services.revoke_role(actor=manager, user=user, role=Role.PROFESSIONAL, region=area)
    assert not services.revoke_role(actor=manager, user=user, role=Role.PROFESSIONAL, region=area)
    assert Role.PROFESSIONAL not in roles_of(user, area)
    events = AuditEvent.objects.filter(target=f"user:{user.pk}")
    assert [(event.action, event.actor, event.details["role"]) for event in events] == [
        ("role.assign", manager, "professional"), ("role.revoke", manager, "professional"),
    ]


def test_no_role_can_be_given_outside_one_s_area_or_without_the_right(manager):
    elsewhere, user = RegionFactory(code="GM9912"), UserFactory()
    with pytest.raises(PermissionDenied):
        services.assign_role(actor=manager, user=user, role=Role.PROFESSIONAL, region=elsewhere)
    with pytest.raises(PermissionDenied):
        services.assign_role(actor=UserFactory(), user=user, role=Role.MODERATOR, region=elsewhere)
    assert not user.role_assignments.exists() and not AuditEvent.objects.filter(target=f"user:{user.pk}").exists()


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.ADMINISTRATOR])
def test_residents_and_administrators_are_not_roles_per_area(role):
    with pytest.raises(ValidationError):
        services.assign_role(actor=None, user=UserFactory(), role=role, region=RegionFactory())


def test_the_command_assigns_and_revokes_a_role_and_both_are_audited():
    from django.core.management import CommandError, call_command

    user, area = UserFactory(email="prof@example.org"), RegionFactory(code="GM9913")
    call_command("assign_role", "Prof@Example.org", "professional", "GM9913", stdout=StringIO())
    assert Role.PROFESSIONAL in roles_of(user, area)
    call_command("assign_role", "prof@example.org", "professional", "GM9913", "--revoke", stdout=StringIO())
    assert Role.PROFESSIONAL not in roles_of(user, area)
    assert list(AuditEvent.objects.filter(target=f"user:{user.pk}").values_list("action", "actor")) == [
        ("role.assign", None), ("role.revoke", None),
    ]
    with pytest.raises(CommandError):
        call_command("assign_role", "niemand@example.org", "professional", "GM9913", stdout=StringIO())
