"""Account pages of our own (allauth serves sign-up and sign-in) and the privacy register."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijkkompas.accounts import privacy, selectors, services
from wijkkompas.accounts.forms import EmailPreferencesForm
from wijkkompas.accounts.permissions import Action, can


@require_safe
@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    context = {
        "roles": selectors.role_assignments_of(user=request.user),
        "email_form": EmailPreferencesForm.for_user(request.user),
        "organisations": selectors.organisations_of(user=request.user),
        "may_moderate": can(request.user, Action.MODERATE),
        "may_manage": can(request.user, Action.ASSIGN_ROLES),
    }
    return render(request, "accounts/account.html", context)


@require_POST
@login_required
def email_preferences(request: HttpRequest) -> HttpResponse:
    """The account page's e-mail switches; an unticked box is absent from the POST, so off."""
    form = EmailPreferencesForm(request.POST)
    form.is_valid()  # two optional boxes: always valid
    services.email_preferences_update(user=request.user, **form.cleaned_data)
    messages.success(request, _("Your e-mail settings are saved."))
    return redirect(reverse("account_home") + "#e-mail")


@require_http_methods(["GET", "POST"])
@login_required
def export_data(request: HttpRequest) -> HttpResponse:
    """GET explains the download; POST (CSRF-protected, audited) returns the JSON file."""
    if request.method == "GET":
        return render(request, "accounts/export.html")
    data = services.export_personal_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-wijkkompas.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    if request.method == "GET" or request.POST.get("confirm") != "yes":
        return render(request, "accounts/delete.html", {"unconfirmed": request.method == "POST"})
    services.delete_account(user=request.user, request=request)
    messages.success(request, _("Your account has been deleted."))
    return redirect("home")


@require_safe
def privacy_page(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/privacy.html", {"register": privacy.personal_data()})
