"""The page where a municipal manager or residents' representative prepares a survey period,
adds the period's own questions, opens it and closes it (`survey.manage`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkkompas.accounts.permissions import Action, can
from wijkkompas.surveys import selectors, services
from wijkkompas.surveys.forms import PeriodForm, QuestionForm
from wijkkompas.surveys.models import SurveyPeriod
from wijkkompas.surveys.pages import region_or_404
from wijkkompas.surveys.texts import question_text
from wijkkompas.surveys.workflow import PeriodStatus, TransitionError


def _managed_region(request: HttpRequest, code: str):
    region = region_or_404(code)
    if not can(request.user, Action.MANAGE_SURVEY, region=region):
        raise PermissionDenied(_("Only the municipality and the residents' representatives can prepare a survey."))
    return region


@login_required
def manage(request: HttpRequest, code: str) -> HttpResponse:
    """GET: the area's periods with their questions. POST: a new draft period."""
    region = _managed_region(request, code)
    form, status = PeriodForm(), 200
    if request.method == "POST":
        form = PeriodForm(request.POST)
        if form.is_valid():
            try:
                services.create_period(actor=request.user, region=region, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The survey is prepared as a draft. Add questions, then open it."))
                return redirect("surveys:manage", code=region.code)
        status = 400
    elif request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    return render(request, "surveys/manage.html", _context(region, form=form), status=status)


@require_POST
@login_required
def add_question(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = _managed_region(request, code)
    period = get_object_or_404(SurveyPeriod, pk=pk, region=region)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.add_question(actor=request.user, period=period, wording=form.cleaned_data["wording"],
                                  options=form.option_list(), origin=form.cleaned_data["origin"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The question is added to this survey only."))
            return redirect("surveys:manage", code=region.code)
    return render(request, "surveys/manage.html", _context(region, question_forms={period.pk: form}), status=400)


@require_POST
@login_required
def change_status(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    region = _managed_region(request, code)
    period = get_object_or_404(SurveyPeriod, pk=pk, region=region)
    to_status = request.POST.get("to_status", "")
    try:
        services.change_period_status(actor=request.user, period=period, to_status=to_status)
    except TransitionError:
        messages.error(request, _("This survey cannot change to that status."))
    else:
        messages.success(request, _("The survey is open.") if to_status == PeriodStatus.OPEN else _("The survey is closed."))
    return redirect("surveys:manage", code=region.code)


def _context(region, *, form=None, question_forms=None) -> dict:
    periods = list(SurveyPeriod.objects.filter(region=region).order_by("-starts_on", "-pk"))
    question_forms = question_forms or {}
    return {
        "region": region, "form": form or PeriodForm(),
        "periods": [
            {"period": period, "history": list(period.events.all()),
             "questions": [(question, question_text(question)) for question in selectors.period_questions(period=period)],
             "question_form": question_forms.get(period.pk, QuestionForm())}
            for period in periods
        ],
    }


def _add_errors(form, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
