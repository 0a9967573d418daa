"""How allauth treats our accounts."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _

from wijkkompas.accounts.permissions import MFA_ROLES, has_second_factor


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request) -> str:
        """Staff whose role needs a second factor go to set it up first: without it the role gives nothing."""
        user = request.user
        needs_mfa = user.is_superuser or user.role_assignments.filter(role__in=MFA_ROLES).exists()
        if needs_mfa and not has_second_factor(user):
            messages.warning(request, _("Your role needs a second step at sign-in. Set up an authenticator app first."))
            return reverse("mfa_activate_totp")
        return super().get_login_redirect_url(request)

    def format_email_subject(self, subject: str) -> str:
        """"[Wijkkompas] …" rather than the host name allauth takes without the sites framework."""
        return f"[Wijkkompas] {subject}"
