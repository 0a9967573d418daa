"""Reads on accounts for other apps and pages."""

from wijkkompas.accounts.models import Membership, Organisation, RoleAssignment, User


def is_member(*, user: User, organisation: Organisation | None) -> bool:
    """Whether the account works for the organisation (handles what is forwarded to it)."""
    if organisation is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organisation=organisation).exists()


def organisations_of(*, user: User) -> list[Organisation]:
    if not user.is_authenticated:
        return []
    return list(Organisation.objects.filter(memberships__user=user).order_by("name"))


def role_assignments_of(*, user: User) -> list[RoleAssignment]:
    return list(user.role_assignments.select_related("region", "organisation").order_by("role", "region__code"))
