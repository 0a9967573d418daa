"""The sign-up and sign-in forms (allauth's, adjusted), and the forms of the account pages.

The forms parse and check input; accounts.services makes the change.
"""

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkkompas.accounts import selectors
from wijkkompas.accounts.models import Organisation, OrganisationKind
from wijkkompas.accounts.permissions import UNASSIGNABLE_ROLES, Role
from wijkkompas.regions.models import Region
from wijkkompas.regions.selectors import region_by_code

#: Roles that can be given in the interface (residents are everyone; administrators are superusers).
ASSIGNABLE_ROLES = [role for role in Role if role not in UNASSIGNABLE_ROLES]
#: Roles given for an organisation: a professional works for a partner.
ROLES_WITH_ORGANISATION = frozenset({Role.PROFESSIONAL})


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form; its honeypot field is hidden by a class (the CSP forbids inline
    styles), out of the tab order and from screen readers, with a label should it ever be read.
    allauth answers a filled-in honeypot with a fake "check your e-mail" and creates nothing."""

    honeypot_name = settings.ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields[self.honeypot_name]
        field.label = _("Leave this field empty")
        field.widget.attrs = {"tabindex": "-1", "autocomplete": "off"}


class LoginForm(AllauthLoginForm):
    """Sign in with the e-mail address alone (a code is mailed), or, for staff who set one, a password.

    allauth drops the password field when sign-up asks for none; we keep it, optional: left
    empty, allauth sends a sign-in code, as for residents.
    """

    def _setup_password_field(self) -> None:
        field = self.fields["password"]
        field.required = False
        field.label = _("Password (only if you set one)")
        field.help_text = _("Leave empty and we send you a sign-in code by e-mail.")


class EmailPreferencesForm(forms.Form):
    """Which notification e-mails a person wants; both are on for a new account."""

    own_contributions = forms.BooleanField(
        label=_("E-mail me when something changes in a contribution I sent"), required=False,
    )
    followed = forms.BooleanField(
        label=_("E-mail me when something changes in a contribution I follow"), required=False,
    )

    @classmethod
    def for_user(cls, user) -> "EmailPreferencesForm":
        return cls(initial={"own_contributions": user.email_own_contributions, "followed": user.email_followed})


def _account_by_email(email: str):
    account = selectors.active_account_by_email(email=email)
    if account is None:
        raise forms.ValidationError(
            _("There is no account with this e-mail address. Ask the person to sign up first, then try again.")
        )
    return account


class RoleAssignForm(forms.Form):
    """Give an existing account a role on an area (by its CBS code), for an organisation where the role needs one."""

    email = forms.EmailField(label=_("E-mail address of the account"), max_length=254,
                             help_text=_("The person must already have an account on Wijkkompas."))
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("Choose a role")),
                                                       *((role.value, role.label) for role in ASSIGNABLE_ROLES)])
    region = forms.CharField(label=_("Area code"), max_length=40,
                             help_text=_("The CBS code of a municipality, district or neighbourhood, for example "
                                         "GM0363 or WK036393. The role also holds for every area within it."))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False,
        help_text=_("Needed for a professional: the organisation this person works for."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].empty_label = _("(no organisation)")

    def clean_email(self):
        return _account_by_email(self.cleaned_data["email"])

    def clean_region(self):
        region = region_by_code(code="".join(self.cleaned_data["region"].split()).upper())
        if region is None:
            raise forms.ValidationError(_("We do not know an area with this code. Use a CBS code, for example GM0363."))
        return region

    def clean(self):
        data = super().clean()
        if data.get("role") in ROLES_WITH_ORGANISATION and not data.get("organisation"):
            self.add_error("organisation", _("Choose the organisation this professional works for."))
        return data


class OrganisationForm(forms.Form):
    """A partner organisation: its name, kind, municipality, response term and contact address."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=OrganisationKind.choices)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Region.objects.none(),
        error_messages={"invalid_choice": _("Choose one of the municipalities in the list.")},
    )
    response_days = forms.IntegerField(
        label=_("Response term in days"), min_value=1, max_value=365, initial=10,
        help_text=_("Days to accept and answer a contribution forwarded to this organisation."),
        error_messages={key: _("Give a whole number of days from 1 to 365.")
                        for key in ("invalid", "min_value", "max_value")},
    )
    contact_email = forms.EmailField(label=_("Contact e-mail address"), required=False, max_length=254,
                                     help_text=_("Not shown in public. Leave empty if there is none."))

    def __init__(self, *args, municipalities, municipality_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = municipalities
        field.required = municipality_required
        field.empty_label = _("Choose a municipality") if municipality_required else _("(no municipality: national)")

    @classmethod
    def initial_of(cls, organisation: Organisation) -> dict:
        return {name: getattr(organisation, name) for name in ("name", "kind", "municipality", "response_days",
                                                               "contact_email")}


class MemberAddForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the new member"), max_length=254,
                             help_text=_("The person must already have an account on Wijkkompas."))

    def clean_email(self):
        return _account_by_email(self.cleaned_data["email"])


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's errors on the form: at their field when the form has it, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
