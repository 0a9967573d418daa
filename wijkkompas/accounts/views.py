"""Account pages of our own (allauth serves sign-up and sign-in) and the privacy register."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from wijkkompas.accounts import privacy, selectors, services


@require_safe
@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    context = {"roles": selectors.role_assignments_of(user=request.user)}
    return render(request, "accounts/account.html", context)


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
