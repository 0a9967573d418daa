"""The resident voice as HTML pages: an area's contributions, one contribution with its trail,
one's own input, and the POST actions on them.

Thin on purpose: reads go through participation.selectors, writes through participation.services
(which check permissions with accounts.permissions.require and raise ValidationError or
PermissionDenied). Every POST answers with a redirect (POST/redirect/GET), so a reload never sends
twice. None of these pages is page-cached: they change within seconds and most show a form.
Staff pages (moderation, paper forms, forwarded items) are in staff_views.py.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from wijkkompas.accounts.permissions import Action, can, require
from wijkkompas.indicators.models import Theme
from wijkkompas.participation import selectors, services
from wijkkompas.participation.forms import (
    ContributionForm, FilterForm, RatingForm, ReactionForm, ReopenForm, ReportForm, StatusForm, add_service_errors,
)
from wijkkompas.participation.models import Contribution, Kind, Reaction
from wijkkompas.participation.pages import (
    acted_on_or_404, area_context, contribution_or_404, is_partial, limited, region_or_404, staff_statuses,
    viewer_state,
)
from wijkkompas.participation.search import similar_contributions
from wijkkompas.participation.workflow import CLOSING, REOPEN_DAYS, TransitionError
from wijkkompas.regions.models import Region

SIMILAR_MIN_LENGTH = 4


def area(request: HttpRequest, code: str) -> HttpResponse:
    """GET: the area's contributions, figures, map and the form. POST: submit a contribution."""
    region = region_or_404(code)
    if request.method == "POST":
        return _submit(request, region)
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    form = ContributionForm() if request.user.is_authenticated else None
    return render(request, "participation/area.html", area_context(request, region, form=form))


@limited("submit")
def _submit(request: HttpRequest, region: Region) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.path)
    form = ContributionForm(request.POST, request.FILES)
    if form.is_valid():
        arguments = form.service_arguments()
        text = f"{arguments['title']} {arguments['text']}"
        similar = [] if form.cleaned_data["confirmed_new"] else _similar_to(region, text)
        if similar:
            form = ContributionForm(initial={**form.cleaned_data, "photo": None, "confirmed_new": True})
            return render(request, "participation/similar_step.html", {
                "region": region, "form": form, "similar": similar,
                "had_photo": bool(arguments["photo"]),
            })
        try:
            contribution = services.submit_contribution(author=request.user, region=region, **arguments)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your contribution has been received."))
            return redirect("participation:detail", pk=contribution.pk)
    context = area_context(request, region, form=form)
    return render(request, "participation/area.html", context, status=400)


def _similar_to(region: Region, text: str) -> list:
    return similar_contributions(region=region, text=text)


@require_safe
def similar(request: HttpRequest, code: str) -> HttpResponse:
    """The near-duplicates while someone types (htmx); a full page for a plain visit."""
    region = region_or_404(code)
    text = f"{request.GET.get('title', '')} {request.GET.get('text', '')}".strip()[:500]
    found = _similar_to(region, text) if len(text) >= SIMILAR_MIN_LENGTH else []
    template = "participation/_similar.html" if is_partial(request) else "participation/similar_page.html"
    response = render(request, template, {"region": region, "similar": found, "query": text})
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def voice(request: HttpRequest, code: str) -> HttpResponse:
    """What residents say, for the (page-cached) profile: fetched fresh by htmx on every visit.

    The response fills the profile's section with the response figures and, out of band, the
    slot beside each theme's figures. Without htmx the profile links to the contributions page.
    """
    region = region_or_404(code)
    response = render(request, "participation/_voice.html", {
        "region": region,
        "figures": selectors.response_figures(region=region),
        "voices": selectors.voice_per_theme(region=region),
        "themes": Theme.choices,
        "kinds": Kind.choices,
    })
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = contribution_or_404(pk)
    return render(request, "participation/detail.html", _detail_context(request, contribution))


def _detail_context(request: HttpRequest, contribution: Contribution, *, form=None, anchor: str = "") -> dict:
    """The contribution page; `form` is a refused form shown again in its place (`anchor`) with its input."""
    user = request.user
    staff = can(user, Action.VIEW_STAFF_TRAIL, contribution=contribution)
    statuses = staff_statuses(user, contribution)
    forms = {
        "reageren": ReactionForm(),
        "melden": ReportForm(),
        "status": StatusForm(statuses=statuses) if statuses else None,
    }
    if form is not None:
        forms[anchor] = form
    trail = selectors.staff_trail if staff else selectors.public_trail
    return {
        "contribution": contribution,
        "region": contribution.region,
        "trail": trail(contribution=contribution),
        "show_staff_trail": staff,
        "reactions": contribution.reactions.select_related("author"),
        "viewer": viewer_state(user, contribution),
        "reaction_form": forms["reageren"],
        "report_form": forms["melden"],
        "status_form": forms["status"],
        "can_moderate": can(user, Action.MODERATE, contribution=contribution),
        "error_anchor": anchor,
    }


def _back_to(contribution: Contribution, anchor: str = "") -> HttpResponse:
    return redirect(reverse("participation:detail", args=[contribution.pk]) + (f"#{anchor}" if anchor else ""))


def _refused(request: HttpRequest, contribution: Contribution, form, anchor: str) -> HttpResponse:
    """A refused action: the contribution page again with the form and its input kept (no redirect)."""
    context = _detail_context(request, contribution, form=form, anchor=anchor)
    return render(request, "participation/detail.html", context, status=400)


@require_POST
@login_required
@limited("support")
def support(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = acted_on_or_404(pk)
    if request.POST.get("withdraw"):
        services.withdraw_support(user=request.user, contribution=contribution)
        messages.info(request, _("You no longer support this."))
    elif services.support(user=request.user, contribution=contribution):
        messages.success(request, _("Thank you for your support."))
    else:
        messages.info(request, _("You already support this."))
    return _back_to(contribution, "steun")


@require_POST
@login_required
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = acted_on_or_404(pk)
    if request.POST.get("stop"):
        services.unfollow(user=request.user, contribution=contribution)
        messages.info(request, _("You no longer follow this. You get no more e-mails about it."))
    else:
        services.follow(user=request.user, contribution=contribution)
        messages.success(request, _("You follow this now. You get an e-mail when something changes."))
    return _back_to(contribution, "steun")


@require_POST
@login_required
@limited("react")
def react(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = contribution_or_404(pk)
    form = ReactionForm(request.POST)
    if form.is_valid():
        try:
            services.react(author=request.user, contribution=contribution, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your reaction has been placed."))
            return _back_to(contribution, "reacties")
    return _refused(request, contribution, form, "reageren")


@require_POST
@login_required
@limited("report")
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """Report the contribution, or one of its reactions (field `reaction`)."""
    contribution = contribution_or_404(pk)
    form = ReportForm(request.POST)
    reaction = _reaction_of(contribution, request.POST.get("reaction"))
    if form.is_valid():
        target = {"reaction": reaction} if reaction else {"contribution": contribution}
        try:
            services.report(reporter=request.user, **target, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. A moderator will look at your report."))
            return _back_to(contribution)
    return _refused(request, contribution, form, "melden")


def _reaction_of(contribution: Contribution, value: str | None) -> Reaction | None:
    if not value:
        return None
    try:
        return contribution.reactions.get(pk=int(value))
    except (ValueError, Reaction.DoesNotExist):
        raise Http404 from None


@require_POST
@login_required
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = contribution_or_404(pk)
    require(request.user, Action.CHANGE_STATUS, contribution=contribution)
    form = StatusForm(request.POST, statuses=staff_statuses(request.user, contribution))
    if form.is_valid():
        try:
            services.change_status(actor=request.user, contribution=contribution, **form.service_arguments())
        except TransitionError:
            form.add_error("to_status", _("This change is no longer possible. Look at the current status."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The status has been changed. The resident and followers get an e-mail."))
            return _back_to(contribution, "verloop")
    return _refused(request, contribution, form, "status")


@require_safe
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """"What has been done with my input?": own contributions and supported ones, with their trail."""
    items = selectors.contributions_of(user=request.user)
    return render(request, "participation/mine.html", {
        "items": items, "rating_form": RatingForm(), "reopen_form": ReopenForm(),
        "closing_statuses": CLOSING,
        "reopenable": {item.pk for item in items.own if _may_ask_reopen(item)},
    })


def _may_ask_reopen(contribution: Contribution) -> bool:
    """Offer the reopen request only while services.request_reopen would take it."""
    if contribution.status not in CLOSING or contribution.closed_at is None:
        return False
    return timezone.now() - contribution.closed_at <= datetime.timedelta(days=REOPEN_DAYS)


@require_POST
@login_required
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    return _authors_step(
        request, pk, RatingForm,
        lambda contribution, data: services.rate_answer(
            user=request.user, contribution=contribution, satisfied=data["satisfied"]),
        done=_("Thank you for telling us."), invalid=_("Choose yes or no."),
    )


@require_POST
@login_required
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _authors_step(
        request, pk, ReopenForm,
        lambda contribution, data: services.request_reopen(
            user=request.user, contribution=contribution, reason=data["reason"]),
        done=_("Your request has been received. It is back in the queue."),
        invalid=_("Write why it should be opened again."),
    )


def _authors_step(request: HttpRequest, pk: int, form_class, take, *, done: str, invalid: str) -> HttpResponse:
    """The author's answer to an answer (a rating, a reopen request), back on /mijn-inbreng/."""
    contribution = acted_on_or_404(pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            take(contribution, form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
    else:
        messages.error(request, invalid)
    return redirect(reverse("participation:mine") + f"#inbreng-{contribution.pk}")


@require_safe
def photo(request: HttpRequest, pk: int) -> FileResponse:
    """The photo of a contribution (re-encoded JPEG without metadata); gone once it is hidden."""
    contribution = contribution_or_404(pk)
    if contribution.hidden or not contribution.photo:
        raise Http404
    response = FileResponse(contribution.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_safe
def policy(request: HttpRequest) -> HttpResponse:
    return render(request, "participation/policy.html")
