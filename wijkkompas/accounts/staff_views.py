"""Managing roles, partner organisations and their members, for municipal managers (with their
second factor) and site administrators, in the areas under their role.

The services check every permission again and audit each change; these views refuse early (403)
so that a visitor without the right sees no form they cannot use, and show only what lies in the
visitor's areas. Every page here is personal and is never cached (never_cache, and core.caching
is not used on them). Forms post back to their own page; after a change the page is loaded again
(post/redirect/get), on an error it comes back with the input kept and a status 400.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from wijkkompas.accounts import selectors, services
from wijkkompas.accounts.forms import MemberAddForm, OrganisationForm, RoleAssignForm, add_service_errors
from wijkkompas.accounts.models import Membership, Organisation, RoleAssignment
from wijkkompas.accounts.permissions import Role, roles_of

#: Roles per page: a site administrator sees every role in the country.
ROLES_PER_PAGE = 100


def _managed_regions(request: HttpRequest) -> set[int] | None:
    """The visitor's areas (None: everywhere); 403 for anyone who may not give roles anywhere."""
    region_ids = selectors.managed_region_ids(user=request.user)
    if region_ids == set():
        raise PermissionDenied(_("Only municipal managers and site administrators can see this page."))
    return region_ids


def _form_kwargs(request: HttpRequest) -> dict:
    return {"data": request.POST} if request.method == "POST" else {}


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def roles(request: HttpRequest) -> HttpResponse:
    """The roles held in the visitor's areas, and the form to give one."""
    region_ids = _managed_regions(request)
    form = RoleAssignForm(**_form_kwargs(request), organisations=selectors.organisations_in(region_ids=region_ids))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assign_role(actor=request.user, user=data["email"], role=Role(data["role"]),
                                 region=data["region"], organisation=data["organisation"])
        except PermissionDenied:
            form.add_error("region", _("You may not give roles in this area. Choose an area within your own areas."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(email)s is now %(role)s in %(area)s and every area within it.") % {
                "email": data["email"].email, "role": Role(data["role"]).label, "area": data["region"].name,
            })
            return redirect("manage_roles")
    assignments = Paginator(selectors.role_assignments_in(region_ids=region_ids), ROLES_PER_PAGE)
    return render(request, "accounts/manage_roles.html", {
        "form": form, "page": assignments.get_page(request.GET.get("pagina")),
    }, status=400 if form.is_bound else 200)


@never_cache
@login_required
@require_POST
def revoke_role(request: HttpRequest) -> HttpResponse:
    region_ids = _managed_regions(request)
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user", "region"),
                                   pk=_int_or_zero(request.POST.get("assignment")))
    if region_ids is not None and assignment.region_id not in region_ids:
        raise PermissionDenied(_("This role is outside your areas."))
    services.revoke_role(actor=request.user, user=assignment.user, role=assignment.role, region=assignment.region)
    messages.success(request, _("The role %(role)s of %(email)s in %(area)s has been taken away.") % {
        "role": assignment.get_role_display(), "email": assignment.user.email, "area": assignment.region.name,
    })
    return redirect("manage_roles")


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisations(request: HttpRequest) -> HttpResponse:
    """The partner organisations in the visitor's areas, and the form to add one."""
    region_ids = _managed_regions(request)
    form = _organisation_form(request, region_ids, **_form_kwargs(request))
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=request.user, **form.cleaned_data)
        except PermissionDenied as error:
            form.add_error("municipality", str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The organisation %(name)s has been added.") % {"name": organisation.name})
            return redirect("manage_organisation", pk=organisation.pk)
    return render(request, "accounts/manage_organisations.html", {
        "form": form, "organisations": selectors.organisations_in(region_ids=region_ids),
    }, status=400 if form.is_bound else 200)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    """One organisation: its details to change, and its members."""
    region_ids = _managed_regions(request)
    partner = _organisation_in(region_ids, pk)
    if request.method == "POST":
        form = _organisation_form(request, region_ids, data=request.POST)
        if form.is_valid():
            try:
                services.organisation_update(actor=request.user, organisation=partner, **form.cleaned_data)
            except PermissionDenied as error:
                form.add_error("municipality", str(error))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect("manage_organisation", pk=partner.pk)
        partner.refresh_from_db()  # the heading and members show what is stored, not the refused input
    else:
        form = _organisation_form(request, region_ids, initial=OrganisationForm.initial_of(partner))
    return _organisation_page(request, partner, form=form, member_form=MemberAddForm())


@never_cache
@login_required
@require_POST
def add_member(request: HttpRequest, pk: int) -> HttpResponse:
    region_ids = _managed_regions(request)
    partner = _organisation_in(region_ids, pk)
    member_form = MemberAddForm(request.POST)
    if member_form.is_valid():
        account = member_form.cleaned_data["email"]
        services.membership_add(actor=request.user, organisation=partner, user=account)
        messages.success(request, _("%(email)s is now a member of %(name)s.") % {
            "email": account.email, "name": partner.name,
        })
        return redirect(reverse("manage_organisation", args=[partner.pk]) + "#leden")
    form = _organisation_form(request, region_ids, initial=OrganisationForm.initial_of(partner))
    return _organisation_page(request, partner, form=form, member_form=member_form)


@never_cache
@login_required
@require_POST
def remove_member(request: HttpRequest, pk: int) -> HttpResponse:
    partner = _organisation_in(_managed_regions(request), pk)
    membership = get_object_or_404(Membership.objects.select_related("user"), organisation=partner,
                                   pk=_int_or_zero(request.POST.get("membership")))
    services.membership_remove(actor=request.user, organisation=partner, user=membership.user)
    messages.success(request, _(
        "%(email)s is no longer a member of %(name)s. Their roles stay until you take them away."
    ) % {"email": membership.user.email, "name": partner.name})
    return redirect(reverse("manage_organisation", args=[partner.pk]) + "#leden")


def _organisation_in(region_ids: set[int] | None, pk: int) -> Organisation:
    partner = get_object_or_404(Organisation.objects.select_related("municipality"), pk=pk)
    if region_ids is not None and partner.municipality_id not in region_ids:
        raise PermissionDenied(_("This organisation is outside your areas."))
    return partner


def _organisation_form(request: HttpRequest, region_ids: set[int] | None, **kwargs) -> OrganisationForm:
    """Managers choose one of their municipalities; site administrators any, or none (national)."""
    return OrganisationForm(
        **kwargs, municipalities=selectors.municipalities_in(region_ids=region_ids),
        municipality_required=Role.ADMINISTRATOR not in roles_of(request.user),
    )


def _organisation_page(request: HttpRequest, partner: Organisation, *, form: OrganisationForm,
                       member_form: MemberAddForm) -> HttpResponse:
    return render(request, "accounts/manage_organisation.html", {
        "organisation": partner, "form": form, "member_form": member_form,
        "members": selectors.members_of(organisation=partner),
    }, status=400 if form.is_bound or member_form.is_bound else 200)


def _int_or_zero(value: str | None) -> int:
    """A posted id; anything that is not a number finds nothing (404)."""
    return int(value) if value and value.isdigit() else 0
