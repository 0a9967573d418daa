"""Reads on accounts for other apps and pages."""

from django.db.models import Count, QuerySet

from wijkkompas.accounts.models import Membership, Organisation, RoleAssignment, User
from wijkkompas.accounts.permissions import Action, Role, can
from wijkkompas.regions.models import Level, Region
from wijkkompas.regions.selectors import region_ids_below


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


def managed_region_ids(*, user: User) -> set[int] | None:
    """The regions whose roles and organisations the account manages: every region at or below
    a region where it is municipal manager (with its second factor). None means everywhere (a
    site administrator); an empty set means nowhere."""
    if not can(user, Action.ASSIGN_ROLES):
        return set()
    if user.is_superuser:
        return None
    found: set[int] = set()
    for region_id in user.role_assignments.filter(role=Role.MANAGER).values_list("region_id", flat=True):
        found |= region_ids_below(region_id)
    return found


def role_assignments_in(*, region_ids: set[int] | None) -> QuerySet[RoleAssignment]:
    """The roles held in these regions (None: everywhere), with who holds them and who gave them."""
    assignments = RoleAssignment.objects.select_related("user", "region", "organisation", "granted_by")
    if region_ids is not None:
        assignments = assignments.filter(region_id__in=region_ids)
    return assignments.order_by("region__code", "role", "user__email")


def organisations_in(*, region_ids: set[int] | None) -> QuerySet[Organisation]:
    """The partner organisations of these municipalities (None: all, also those without one),
    with `member_count`."""
    organisations = Organisation.objects.select_related("municipality").annotate(member_count=Count("memberships"))
    if region_ids is not None:
        organisations = organisations.filter(municipality_id__in=region_ids)
    return organisations.order_by("municipality__name", "name")


def municipalities_in(*, region_ids: set[int] | None) -> QuerySet[Region]:
    """The gemeenten among these regions (None: every gemeente), by name."""
    municipalities = Region.objects.filter(level=Level.MUNICIPALITY)
    if region_ids is not None:
        municipalities = municipalities.filter(pk__in=region_ids)
    return municipalities.order_by("name", "code")


def members_of(*, organisation: Organisation) -> list[Membership]:
    return list(organisation.memberships.select_related("user").order_by("user__email"))


def active_account_by_email(*, email: str) -> User | None:
    return User.objects.filter(email=email.strip().lower(), is_active=True).first()
