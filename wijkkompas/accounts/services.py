"""Writes on accounts: roles, partner organisations and their members, and a resident's own
data (e-mail settings, export, deletion). Every change to roles, organisations and members is
checked against accounts.permissions and written to the audit log in the same transaction."""

from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkompas.accounts import privacy
from wijkkompas.accounts.models import Membership, Organisation, RoleAssignment, User
from wijkkompas.accounts.permissions import UNASSIGNABLE_ROLES, Action, Role, require, roles_of
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


#: What organisation_update may change. Its audit event names the changed fields and holds the
#: new values, except the contact address (personal data).
ORGANISATION_FIELDS = ("name", "kind", "municipality", "response_days", "contact_email")


def organisation_create(*, actor: User, name: str, kind: str, municipality, response_days: int,
                        contact_email: str = "") -> Organisation:
    """A new partner organisation of a municipality (or, for site administrators, of none). Audited."""
    _require_organisation_rights(actor, municipality)
    organisation = Organisation(name=name.strip(), kind=kind, municipality=municipality,
                                response_days=response_days, contact_email=contact_email.strip())
    organisation.full_clean()
    with transaction.atomic():
        organisation.save()
        audit.record(actor, "organisation.create", audit.target_of(organisation), region=municipality,
                     details=_organisation_details(organisation))
    return organisation


def organisation_update(*, actor: User, organisation: Organisation, **changes) -> Organisation:
    """Change an organisation's name, kind, municipality, response term or contact address.

    The actor needs the right on the organisation's municipality before and after the change,
    so no one moves an organisation out of another's area or into it. Audited, when anything changed.
    """
    unknown = set(changes) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"Not an organisation field: {sorted(unknown)}")
    _require_organisation_rights(actor, organisation.municipality)
    if "municipality" in changes:
        _require_organisation_rights(actor, changes["municipality"])
    changes = {name: value.strip() if isinstance(value, str) else value for name, value in changes.items()}
    changed = [name for name, value in changes.items() if getattr(organisation, name) != value]
    for name in changed:
        setattr(organisation, name, changes[name])
    if not changed:
        return organisation
    organisation.full_clean()
    with transaction.atomic():
        organisation.save(update_fields=changed)
        audit.record(actor, "organisation.update", audit.target_of(organisation), region=organisation.municipality,
                     details={**_organisation_details(organisation), "changed": changed})
    return organisation


def membership_add(*, actor: User, organisation: Organisation, user: User) -> Membership:
    """Make the account a member of the organisation (it then handles what is forwarded to it). Idempotent; audited."""
    _require_organisation_rights(actor, organisation.municipality)
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(user=user, organisation=organisation)
        if created:
            audit.record(actor, "membership.add", f"user:{user.pk}", region=organisation.municipality,
                         details={"organisation": organisation.pk})
    return membership


def membership_remove(*, actor: User, organisation: Organisation, user: User) -> bool:
    """End the membership; False when the account was no member. Its roles stay until taken away. Audited."""
    _require_organisation_rights(actor, organisation.municipality)
    with transaction.atomic():
        deleted, _by_model = Membership.objects.filter(user=user, organisation=organisation).delete()
        if deleted:
            audit.record(actor, "membership.remove", f"user:{user.pk}", region=organisation.municipality,
                         details={"organisation": organisation.pk})
    return bool(deleted)


def _require_organisation_rights(actor: User, municipality) -> None:
    """Organisations are managed with the right to give roles on their municipality; one that
    belongs to no municipality only by site administrators."""
    if municipality is not None:
        require(actor, Action.ASSIGN_ROLES, region=municipality)
    elif Role.ADMINISTRATOR not in roles_of(actor):
        raise PermissionDenied(_("Only site administrators can manage an organisation without a municipality."))


def _organisation_details(organisation: Organisation) -> dict:
    return {
        "name": organisation.name, "kind": organisation.kind, "response_days": organisation.response_days,
        "municipality": organisation.municipality.code if organisation.municipality else None,
    }


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
