"""The sign-up and sign-in forms (allauth's, adjusted), and the forms of the account pages.

The forms parse and check input; accounts.services makes the change.
"""

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


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
