"""The pages for staff: the moderation queue, the paper-forms entry screen, and the items
forwarded to an organisation. The services check every permission again; these views refuse
early (403) so that a visitor without the role does not see a form they cannot use.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijkkompas.accounts.models import Organisation
from wijkkompas.accounts.permissions import Action, Role, can
from wijkkompas.participation import exports, selectors, services
from wijkkompas.participation.forms import AnswerForm, AssistedInputForm, HideForm, add_service_errors
from wijkkompas.participation.models import Contribution, Reaction
from wijkkompas.participation.pages import contribution_or_404, limited, region_or_404
from wijkkompas.participation.workflow import Status
from wijkkompas.regions.selectors import region_ids_below

#: The session remembers the paper forms entered in this sitting, and the channel and date to keep.
ENTERED_KEY = "participation.assisted_entered"
DEFAULTS_KEY = "participation.assisted_defaults"
ENTERED_SHOWN = 50


@require_safe
@login_required
def moderation(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Action.MODERATE):
        raise PermissionDenied(_("Only moderators can see this page."))
    return render(request, "participation/moderation.html", {
        "reports": selectors.moderation_queue(regions=_moderated_regions(request.user)), "hide_form": HideForm(),
    })


def _moderated_regions(user) -> set[int] | None:
    """The areas a moderator's roles cover (with every area below them); None for administrators."""
    if user.is_superuser:
        return None
    regions: set[int] = set()
    for assignment in user.role_assignments.filter(role=Role.MODERATOR).select_related("region"):
        regions |= region_ids_below(assignment.region_id)
    return regions


@require_POST
@login_required
def moderate(request: HttpRequest) -> HttpResponse:
    """Hide or show again one contribution or reaction; the reason is shown in its place."""
    target = _moderation_target(request)
    restore = bool(request.POST.get("restore"))
    form = HideForm(request.POST)
    if restore:
        services.restore(moderator=request.user, **target)
        messages.success(request, _("It is shown again."))
    elif form.is_valid():
        try:
            services.hide(moderator=request.user, reason=form.cleaned_data["reason"], **target)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("It is hidden. A placeholder with the reason is shown in public."))
    else:
        messages.error(request, _("Write the reason that will be shown in public."))
    return redirect(request.POST.get("back") == "detail" and _detail_url(target) or reverse("participation:moderation"))


def _moderation_target(request: HttpRequest) -> dict:
    if reaction_id := request.POST.get("reaction"):
        return {"reaction": get_object_or_404(Reaction, pk=_int_or_404(reaction_id))}
    return {"contribution": contribution_or_404(_int_or_404(request.POST.get("contribution", "")))}


def _detail_url(target: dict) -> str:
    contribution = target.get("contribution") or target["reaction"].contribution
    return reverse("participation:detail", args=[contribution.pk])


def _int_or_404(value: str) -> int:
    if not value.isdigit():
        raise Http404
    return int(value)


@require_http_methods(["GET", "HEAD", "POST"])  # before the sign-in and the area: 405 whatever the area
@login_required
@limited("submit")
def assisted(request: HttpRequest, code: str) -> HttpResponse:
    """A stack of paper forms: save one, get the form back empty with channel and date kept."""
    region = region_or_404(code)
    if not can(request.user, Action.RECORD_ASSISTED, region=region):
        raise PermissionDenied(_("Only professionals of this area can enter paper forms."))
    if request.method == "POST":
        form = AssistedInputForm(request.POST)
        if form.is_valid():
            try:
                contribution = services.record_assisted_input(
                    entered_by=request.user, region=region, **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                _remember(request, contribution, form.cleaned_data)
                messages.success(request, _("Saved. The next form is ready."))
                return redirect("participation:assisted", code=region.code)
        status = 400
    else:
        form = AssistedInputForm(initial=request.session.get(DEFAULTS_KEY, {}))
        status = 200
    entered_ids = request.session.get(ENTERED_KEY, [])
    entered = Contribution.objects.filter(pk__in=entered_ids, entered_by=request.user).order_by("-pk")
    return render(request, "participation/assisted.html", {
        "region": region, "form": form, "entered": entered[:ENTERED_SHOWN], "entered_count": len(entered_ids),
    }, status=status)


def _remember(request: HttpRequest, contribution: Contribution, data: dict) -> None:
    request.session[ENTERED_KEY] = [*request.session.get(ENTERED_KEY, []), contribution.pk]
    request.session[DEFAULTS_KEY] = {
        "channel": data["channel"],
        "conversation_date": data["conversation_date"].isoformat(),
        "residents_count": 1,
    }


@require_safe
@login_required
def forwarded(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation_of_member(request, pk)
    items = selectors.forwarded_items(organisation=organisation)
    return render(request, "participation/forwarded.html", {
        "organisation": organisation, "items": items, "answer_form": AnswerForm(),
    })


def _organisation_of_member(request: HttpRequest, pk: int) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=pk)
    is_member = request.user.memberships.filter(organisation=organisation).exists()
    if not (is_member or request.user.is_superuser):
        raise PermissionDenied(_("Only members of this organisation can see this page."))
    return organisation


@require_POST
@login_required
def forwarded_action(request: HttpRequest, pk: int, contribution_pk: int) -> HttpResponse:
    """Accept a forwarded item, or answer it (which closes it as done)."""
    organisation = _organisation_of_member(request, pk)
    contribution = get_object_or_404(Contribution, pk=contribution_pk, forwarded_to=organisation)
    back = reverse("participation:forwarded", args=[organisation.pk]) + f"#doorgezet-{contribution.pk}"
    try:
        if request.POST.get("action") == "accept":
            services.accept_forwarded(actor=request.user, contribution=contribution)
            messages.success(request, _("Accepted. Answer within the term."))
        else:
            form = AnswerForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Write the public answer."))
                return redirect(back)
            services.answer_forwarded(
                actor=request.user, contribution=contribution, public_text=form.cleaned_data["public_text"],
            )
            messages.success(request, _("Answered and closed. The resident and followers get an e-mail."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(back)


@require_safe
@login_required
def area_export(request: HttpRequest, code: str) -> HttpResponse:
    """The area's contributions as CSV, for staff and residents' representatives (audited)."""
    region = region_or_404(code)
    return exports.csv_response(rows=exports.area_export(actor=request.user, region=region), region=region)
