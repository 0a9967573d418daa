"""Who may do what: the one module that says it.

Services and the API call `require()` (or `can()`) before they change anything; templates only
hide what a visitor cannot use. The table `RULES` says which roles allow an action; `can()` adds
what the table cannot say:

- every active, signed-in account is a resident everywhere;
- a role assigned on a region holds on that region and on every region below it (a role on a
  gemeente holds for its wijken and buurten), following the CBS hierarchy (`region_ancestors`);
- site administrators are the superusers, everywhere;
- the roles in `MFA_ROLES` count only when the account has a TOTP authenticator (allauth.mfa);
  without one, such a role gives nothing (the account is still a resident);
- object rules: rating an answer and asking to reopen are for the contribution's author only;
  handling a forwarded contribution is for members of the organisation it was forwarded to
  (who also hold a role that allows it on its region).

`region=None` (and no contribution) asks whether the account may do the action somewhere, e.g.
to show the link to the moderation queue; the selectors behind such a page filter by region.
The role × action table in docs/permissions.md is generated from `RULES`
(`manage.py permissions_table`).
"""

from collections.abc import Mapping
from types import MappingProxyType

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "bewoner", _("resident")
    REPRESENTATIVE = "bewonersvertegenwoordiger", _("residents' representative")
    PROFESSIONAL = "professional", _("professional")
    MANAGER = "beheerder", _("municipal manager")
    MODERATOR = "moderator", _("moderator")
    ADMINISTRATOR = "beheerder_site", _("site administrator")


class Action(models.TextChoices):
    SUBMIT = "contribution.submit", _("submit a contribution")
    SUPPORT = "contribution.support", _("support a contribution")
    REACT = "contribution.react", _("react to a contribution")
    FOLLOW = "contribution.follow", _("follow a contribution")
    REPORT = "contribution.report", _("report a contribution or reaction")
    RECORD_ASSISTED = "contribution.record_assisted", _("record assisted input")
    CHANGE_STATUS = "contribution.change_status", _("change the status of a contribution")
    FORWARD = "contribution.forward", _("forward a contribution to an organisation")
    HANDLE_FORWARDED = "contribution.handle_forwarded", _("accept and answer a forwarded contribution")
    RATE_ANSWER = "contribution.rate_answer", _("rate the answer to one's own contribution")
    REQUEST_REOPEN = "contribution.request_reopen", _("ask to reopen one's own contribution")
    VIEW_STAFF_TRAIL = "contribution.view_staff_trail", _("see who entered and changed a contribution")
    MODERATE = "moderation.moderate", _("moderate contributions and reactions")
    ASSIGN_ROLES = "roles.assign", _("assign and revoke roles")
    EXPORT_AREA = "data.export_area", _("export an area's contributions")
    MANAGE_SURVEY = "survey.manage", _("prepare, open and close a neighbourhood survey and add questions")


#: Roles that count only with a second factor (TOTP).
MFA_ROLES = frozenset({Role.MANAGER, Role.MODERATOR, Role.ADMINISTRATOR})
#: Roles that are not assigned per region: administrators are the superusers.
UNASSIGNABLE_ROLES = frozenset({Role.RESIDENT, Role.ADMINISTRATOR})

_EVERYONE = frozenset(Role)
_STAFF = frozenset({Role.PROFESSIONAL, Role.MANAGER, Role.ADMINISTRATOR})

RULES: Mapping[Action, frozenset[Role]] = MappingProxyType({
    Action.SUBMIT: _EVERYONE,
    Action.SUPPORT: _EVERYONE,
    Action.REACT: _EVERYONE,
    Action.FOLLOW: _EVERYONE,
    Action.REPORT: _EVERYONE,
    Action.RECORD_ASSISTED: _STAFF,
    Action.CHANGE_STATUS: _STAFF,
    Action.FORWARD: _STAFF,
    Action.HANDLE_FORWARDED: frozenset({Role.PROFESSIONAL, Role.MANAGER}),
    Action.RATE_ANSWER: _EVERYONE,
    Action.REQUEST_REOPEN: _EVERYONE,
    Action.VIEW_STAFF_TRAIL: _STAFF | {Role.MODERATOR},
    Action.MODERATE: frozenset({Role.MODERATOR, Role.ADMINISTRATOR}),
    Action.ASSIGN_ROLES: frozenset({Role.MANAGER, Role.ADMINISTRATOR}),
    Action.EXPORT_AREA: _STAFF | {Role.REPRESENTATIVE},
    Action.MANAGE_SURVEY: frozenset({Role.MANAGER, Role.REPRESENTATIVE, Role.ADMINISTRATOR}),
})

#: Actions on a contribution that only its author may take.
AUTHOR_ONLY = frozenset({Action.RATE_ANSWER, Action.REQUEST_REOPEN})
#: Actions on a contribution that only members of the organisation it was forwarded to may take.
MEMBERS_ONLY = frozenset({Action.HANDLE_FORWARDED})

DENIED_MESSAGES: Mapping[Action, str] = MappingProxyType({
    Action.RATE_ANSWER: _("Only the person who wrote this contribution can rate the answer."),
    Action.REQUEST_REOPEN: _("Only the person who wrote this contribution can ask to reopen it."),
    Action.HANDLE_FORWARDED: _("Only the organisation this contribution was sent to can handle it."),
})


def has_second_factor(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def roles_of(user, region=None) -> set[Role]:
    """The roles an account holds on a region (None: on any region)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    roles = {Role.RESIDENT}
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    assignments = user.role_assignments.all()
    if region is not None:
        assignments = assignments.filter(region__in=_region_and_ancestors(region))
    roles |= {Role(role) for role in assignments.values_list("role", flat=True)}
    if roles & MFA_ROLES and not has_second_factor(user):
        roles -= MFA_ROLES
    return roles


def can(user, action: Action, *, region=None, contribution=None) -> bool:
    """Whether the account may take the action on the region or contribution."""
    return _refusal(user, action, region=region, contribution=contribution) is None


def require(user, action: Action, *, region=None, contribution=None) -> None:
    """Raise PermissionDenied, with a Dutch message, unless `can()` allows the action."""
    message = _refusal(user, action, region=region, contribution=contribution)
    if message is not None:
        raise PermissionDenied(message)


def _refusal(user, action: Action, *, region, contribution) -> str | None:
    """Why the action is refused, or None when it is allowed."""
    action = Action(action)
    if user is None or not user.is_authenticated:
        return str(_("Sign in first."))
    if contribution is not None:
        region = region or contribution.region
        if action in AUTHOR_ONLY and contribution.author_id != user.pk:
            return str(DENIED_MESSAGES[action])
        if action in MEMBERS_ONLY and not _is_member(user, contribution.forwarded_to_id):
            return str(DENIED_MESSAGES[action])
    if Role.RESIDENT in RULES[action]:
        return None if user.is_active else str(_("You may not do this here."))  # no role to look up
    if not roles_of(user, region) & RULES[action]:
        return str(_("You may not do this here."))
    return None


def _is_member(user, organisation_id) -> bool:
    return organisation_id is not None and user.memberships.filter(organisation_id=organisation_id).exists()


def _region_and_ancestors(region) -> list:
    from wijkkompas.regions.selectors import region_ancestors

    return [region, *region_ancestors(region=region)]
