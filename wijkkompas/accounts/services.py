"""Writes on accounts: roles, and a resident's own data (export, deletion)."""

from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkompas.accounts import privacy

from wijkkompas.accounts.models import Organisation, RoleAssignment, User
from wijkkompas.accounts.permissions import UNASSIGNABLE_ROLES, Action, Role, require
from wijkkompas.core import audit


def assign_role(
    *, actor: User | None, user: User, role: Role, region, organisation: Organisation | None = None
) -> RoleAssignment:
    """Give `user` the role on the region (and so below it). Idempotent; audited.

    `actor=None` is the command line (no person to check). Otherwise the actor needs
    ASSIGN_ROLES on the region.
    """
    role = Role(role)
    if role in UNASSIGNABLE_ROLES:
        raise ValidationError({"role": _("This role cannot be assigned per area.")})
    if actor is not None:
        require(actor, Action.ASSIGN_ROLES, region=region)
    with transaction.atomic():
        assignment, created = RoleAssignment.objects.get_or_create(
            user=user, role=role, region=region,
            defaults={"organisation": organisation, "granted_by": actor},
        )
        if created:
            audit.record(actor, "role.assign", f"user:{user.pk}", region=region, details=_role_details(assignment))
    return assignment


def revoke_role(*, actor: User | None, user: User, role: Role, region) -> bool:
    """Take the role on the region away; False when the user did not hold it there. Audited."""
    if actor is not None:
        require(actor, Action.ASSIGN_ROLES, region=region)
    with transaction.atomic():
        assignment = RoleAssignment.objects.filter(user=user, role=role, region=region).first()
        if assignment is None:
            return False
        details = _role_details(assignment)
        assignment.delete()
        audit.record(actor, "role.revoke", f"user:{user.pk}", region=region, details=details)
    return True


def _role_details(assignment: RoleAssignment) -> dict:
    return {"role": assignment.role, "region": assignment.region.code, "organisation": assignment.organisation_id}


def email_preferences_update(*, user: User, own_contributions: bool, followed: bool) -> None:
    """Switch notification e-mails about one's own contributions, and about followed ones, on or off."""
    user.email_own_contributions = own_contributions
    user.email_followed = followed
    user.save(update_fields=["email_own_contributions", "email_followed"])


def export_personal_data(*, user: User) -> dict:
    """Everything the apps hold about this person, as JSON-compatible data. Audited."""
    with transaction.atomic():
        data = {name: exporter(user) for name, exporter in sorted(privacy.exporters().items())}
        audit.record(user, "data.export_own", f"user:{user.pk}", details={"parts": sorted(data)})
    return {"exported_at": timezone.now().isoformat(), **data}


def delete_account(*, user: User, request=None) -> None:
    """Delete a person's account: every app's anonymiser runs, then the account row is anonymised.

    The row stays (without e-mail address, name or password, and inactive) because the audit log
    and the contributions' trails point at it and cannot change; nothing left in it says who it was.
    `request` signs the person out as well.
    """
    with transaction.atomic():
        for anonymise in privacy.anonymisers():
            anonymise(user)
        audit.record(user, "account.delete", f"user:{user.pk}")
        user.email = f"verwijderd-{user.pk}@invalid"
        user.public_name = ""
        user.is_active = False
        user.is_staff = user.is_superuser = False
        user.last_login = None
        user.set_unusable_password()
        user.save()
    if request is not None:
        logout(request)
