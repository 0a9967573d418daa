"""How allauth treats our accounts."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
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

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """The mails greet from "Wijkkompas", not from the host name (there is no sites framework)."""
        site = get_current_site(allauth_context.request)
        super().send_mail(template_prefix, email, {**context, "current_site": SimpleNamespace(name="Wijkkompas", domain=site.domain)})
