"""The register of personal data, collected from every app, and the hooks for export and deletion.

Each app that stores personal data has a module `<app>/privacy.py` with:

- `PERSONAL_DATA = [PersonalData(model, fields, purpose, retention), ...]` – what it stores,
  why and how long; /privacy/ shows the register and a test checks it against the models;
- `EXPORTERS = {"name": function(user) -> JSON-compatible data}` – a person's own data, for
  the download at /account/gegevens/;
- `ANONYMISERS = [function(user) -> None]` – called when a person deletes their account, before
  the account itself is anonymised; they remove or unlink the person's data and keep what is
  public record (a contribution's trail stays, without the name).
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from wijkkompas.accounts.models import Membership, Organisation, RoleAssignment, User
from wijkkompas.core.models import AuditEvent


@dataclass(frozen=True)
class PersonalData:
    model: type[models.Model]
    fields: tuple[str, ...]
    purpose: str
    retention: str

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)

    def field_labels(self) -> list[str]:
        return [str(self.model._meta.get_field(name).verbose_name) for name in self.fields]


def _privacy_modules():
    for config in apps.get_app_configs():
        name = f"{config.name}.privacy"
        if config.name.startswith("wijkkompas.") and find_spec(name) is not None:
            yield import_module(name)


def personal_data() -> list[PersonalData]:
    """The whole register, app by app."""
    return [entry for module in _privacy_modules() for entry in getattr(module, "PERSONAL_DATA", [])]


def exporters() -> dict[str, Callable]:
    found: dict[str, Callable] = {}
    for module in _privacy_modules():
        found.update(getattr(module, "EXPORTERS", {}))
    return found


def anonymisers() -> list[Callable]:
    return [hook for module in _privacy_modules() for hook in getattr(module, "ANONYMISERS", [])]


def _export_account(user) -> dict:
    return {
        "email": user.email,
        "public_name": user.public_name,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_own_contributions": user.email_own_contributions,
        "email_followed": user.email_followed,
        "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
        "memberships": [str(membership.organisation) for membership in user.memberships.select_related("organisation")],
        "roles": [
            {"role": assignment.role, "region": assignment.region.code}
            for assignment in user.role_assignments.select_related("region")
        ],
    }


def _anonymise_account(user) -> None:
    """Addresses, second factors, memberships and roles go; accounts.services anonymises the account row."""
    user.emailaddress_set.all().delete()
    Authenticator.objects.filter(user=user).delete()
    user.memberships.all().delete()
    user.role_assignments.all().delete()


until_deleted = _("Until you delete your account.")
PERSONAL_DATA = [
    PersonalData(User, ("email", "public_name", "last_login", "date_joined"),
                 _("To sign you in with a code by e-mail, to send you news about contributions you follow, "
                   "and to show your public name with your contributions if you choose one."), until_deleted),
    PersonalData(User, ("email_own_contributions", "email_followed"),
                 _("To send only the e-mails you want; you change this on your account page."), until_deleted),
    PersonalData(EmailAddress, ("user", "email"), _("To confirm that the e-mail address is yours."), until_deleted),
    PersonalData(Authenticator, ("user",), _("For the second step at sign-in that staff roles need."), until_deleted),
    PersonalData(Membership, ("user",), _("To know which organisation a professional works for."),
                 _("Until the membership ends or the account is deleted.")),
    PersonalData(RoleAssignment, ("user", "granted_by"),
                 _("To know who may do what in which area, and who gave that role."),
                 _("Until the role is taken away or the account is deleted.")),
    PersonalData(Organisation, ("contact_email",),
                 _("To contact a partner organisation about forwarded contributions."),
                 _("As long as the organisation takes part.")),
    PersonalData(AuditEvent, ("actor",),
                 _("To account for moderation, status changes, role changes and data exports: who did what and when."),
                 _("Kept; a deleted account is anonymised, so the log no longer shows who it was.")),
]
EXPORTERS = {"account": _export_account}
ANONYMISERS = [_anonymise_account]
