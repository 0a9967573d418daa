"""The sign-up form: an e-mail address, and a honeypot instead of a CAPTCHA."""

from allauth.account.forms import SignupForm as AllauthSignupForm
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
