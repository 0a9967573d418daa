"""Sign-up, sign-in and account pages under /account/ (allauth's, rate-limited), the pages that
manage roles and organisations under /account/beheer/, and /privacy/."""

from allauth import urls as allauth_urls
from django.urls import URLPattern, URLResolver, path

from wijkkompas.accounts import staff_views, views
from wijkkompas.accounts.ratelimits import limited

#: Views where a client could guess codes or flood addresses with mail.
LIMITED = frozenset({
    "account_login", "account_signup", "account_request_login_code", "account_confirm_login_code",
    "account_email_verification_sent", "account_confirm_email", "account_reset_password",
    "account_confirm_password_reset_code", "account_reauthenticate", "account_request_reauthentication_code",
    "account_confirm_reauthentication_code", "account_email", "mfa_authenticate", "mfa_reauthenticate",
})


def _with_limits(patterns):
    """allauth's patterns, with the views in LIMITED wrapped by the shared rate limit."""
    result = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            pattern = URLResolver(
                pattern.pattern, _with_limits(pattern.url_patterns), pattern.default_kwargs,
                pattern.app_name, pattern.namespace,
            )
        elif isinstance(pattern, URLPattern) and pattern.name in LIMITED:
            pattern = URLPattern(pattern.pattern, limited(pattern.callback), pattern.default_args, pattern.name)
        result.append(pattern)
    return result


urlpatterns = [
    path("account/gegevens/", views.export_data, name="account_export"),
    path("account/verwijderen/", views.delete_account, name="account_delete"),
    path("account/e-mailberichten/", views.email_preferences, name="account_email_preferences"),
    path("account/beheer/rollen/", staff_views.roles, name="manage_roles"),
    path("account/beheer/rollen/intrekken/", staff_views.revoke_role, name="manage_role_revoke"),
    path("account/beheer/organisaties/", staff_views.organisations, name="manage_organisations"),
    path("account/beheer/organisaties/<int:pk>/", staff_views.organisation, name="manage_organisation"),
    path("account/beheer/organisaties/<int:pk>/leden/", staff_views.add_member, name="manage_member_add"),
    path("account/beheer/organisaties/<int:pk>/leden/verwijderen/", staff_views.remove_member,
         name="manage_member_remove"),
    path("account/", views.account_home, name="account_home"),
    path("account/", (_with_limits(allauth_urls.urlpatterns), None, None)),
    path("privacy/", views.privacy_page, name="privacy"),
]
