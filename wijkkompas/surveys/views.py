"""The survey's pages: /gebied/<code>/peiling/ to take part and see the results, the CSV of the
results, and for professionals the paper entry screen and the printable forms.

Thin on purpose: reads through selectors, writes through services. Every POST answers with a
redirect (POST/redirect/GET); a refused form comes back with its input and the errors, also past a
rate limit (throttling.py: answers, paper entry and wrong codes, 429). None of
these pages is page-cached: results change with every response.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from wijkkompas.accounts.permissions import Action, can
from wijkkompas.profiles.selectors import profile_for
from wijkkompas.surveys import comparison, exports, paper, selectors, services, throttling
from wijkkompas.surveys.forms import CodesForm, SurveyForm, add_service_errors, initial_from
from wijkkompas.surveys.pages import buurten_of, own_response, period_of, region_or_404, survey_context


def survey(request: HttpRequest, code: str) -> HttpResponse:
    """GET: the questionnaire (while open) and the results. POST: answer, or change one's answers."""
    region = region_or_404(code)
    period = period_of(request, region)
    if request.method == "POST":
        return _answer(request, region, period)
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    form = None
    if period is not None and period.is_open:
        form = _form(request, period, initial=initial_from(own_response(request, period)))
    response = render(request, "surveys/survey.html", survey_context(request, region, period, form=form))
    response["Cache-Control"] = "no-store"
    return response


def _form(request: HttpRequest, period, data=None, initial=None, entered: bool = False) -> SurveyForm:
    return SurveyForm(data, initial=initial, period=period, questions=selectors.period_questions(period=period),
                      buurten=buurten_of(period), with_code=not request.user.is_authenticated, entered=entered)


def _answer(request: HttpRequest, region, period) -> HttpResponse:
    if period is None or not period.is_open:
        messages.error(request, _("This survey is not open. Answers can no longer be given or changed."))
        return redirect("surveys:survey", code=region.code)
    form = _form(request, period, data=request.POST)

    def save() -> None:
        # Signed in, the form has no code field; a code sent anyway (from a page opened before
        # signing in) goes to the service, which refuses it: one person, one response.
        code = form.cleaned_data["code"] if "code" in form.fields else request.POST.get("code", "").strip()
        if request.user.is_authenticated and not code:
            services.submit_response(respondent=request.user, period=period, answers=form.answers(), **form.respondent())
        else:
            services.submit_with_code(period=period, code=code, answers=form.answers(), signed_in=request.user,
                                      **form.respondent())

    status = _submit(request, form, save, limit="answer")
    if status is None:
        messages.success(request, _("Thank you. Your answers have been saved. You can change them until the survey closes."))
        return redirect(reverse("surveys:survey", args=[region.code]) + f"?periode={period.pk}")
    context = survey_context(request, region, period, form=form)
    return render(request, "surveys/survey.html", context, status=status)


def _submit(request: HttpRequest, form: SurveyForm, save, *, limit: str) -> int | None:
    """Save a valid form with `save` under the rate limits (throttling.py): None when saved, else
    the status of the page that gives the form back with its input and the errors."""
    if throttling.count_and_check(request, limit):
        form.add_error(None, str(throttling.TOO_MANY))
        return 429
    if not form.is_valid():
        return 400
    if "code" in form.fields and throttling.codes_blocked(request):
        form.add_error("code", str(throttling.CODES_BLOCKED))
        return 429
    try:
        save()
    except ValidationError as error:
        add_service_errors(form, error)
        if "code" in getattr(error, "message_dict", {}):
            throttling.count_wrong_code(request)
        return 400
    return None


@login_required
def paper_entry(request: HttpRequest, code: str) -> HttpResponse:
    """For professionals: enter a paper form or a conversation under the code on the form."""
    region = region_or_404(code)
    if not can(request.user, Action.RECORD_ASSISTED, region=region):
        raise PermissionDenied(_("Only professionals can enter paper forms."))
    period = selectors.area_periods(region=region).filter(status="open").first()
    form = codes_form = None
    if period is not None:
        form = SurveyForm(request.POST if request.method == "POST" else None, period=period,
                          questions=selectors.period_questions(period=period), buurten=buurten_of(period), entered=True,
                          initial={"channel": request.session.get("surveys.channel", "papier")})
        codes_form = CodesForm()
    if request.method == "POST" and form is not None:
        def save() -> None:
            services.submit_with_code(period=period, code=form.cleaned_data["code"], answers=form.answers(),
                                      channel=form.cleaned_data["channel"], entered_by=request.user,
                                      **form.respondent())

        status = _submit(request, form, save, limit="entry")
        if status is None:
            request.session["surveys.channel"] = form.cleaned_data["channel"]
            messages.success(request, _("Saved. The next form can be entered."))
            return redirect("surveys:paper", code=region.code)
    elif request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD, POST"})
    else:
        status = 200
    return render(request, "surveys/paper.html", {"region": region, "period": period, "form": form,
                                                  "codes_form": codes_form}, status=status)


@require_POST
@login_required
def paper_forms(request: HttpRequest, code: str) -> HttpResponse:
    """A PDF of paper questionnaires, each with its own new one-time code."""
    region = region_or_404(code)
    period = selectors.area_periods(region=region).filter(status="open").first()
    form = CodesForm(request.POST)
    if period is None or not form.is_valid():
        messages.error(request, _("Make 1 to %(max)s forms at a time.") % {"max": services.MAX_CODES})
        return redirect("surveys:paper", code=region.code)
    codes = services.issue_paper_codes(actor=request.user, period=period, count=form.cleaned_data["count"])
    response = HttpResponse(paper.questionnaire_pdf(request, period=period, codes=codes), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="peiling-{region.code}-{period.pk}.pdf"'
    return response


@require_safe
def results_csv(request: HttpRequest, code: str) -> HttpResponse:
    """Every published figure of a period as CSV: the total and each group of each breakdown."""
    region = region_or_404(code)
    period = period_of(request, region)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="peiling-{region.code}.csv"'
    writer = csv.writer(response)
    for row in exports.results_rows(period=period) if period else [exports.HEADER]:
        writer.writerow(row)
    return response


@require_safe
def beside_the_figures(request: HttpRequest, code: str) -> HttpResponse:
    """The latest closed period's results next to the profile's figures (comparison.py): for htmx
    the block the (page-cached) profile loads fresh on every visit, for everyone else a page."""
    region = region_or_404(code)
    context = {"region": region, "comparison": comparison.compare(profile=profile_for(region=region))}
    fragment = request.headers.get("HX-Request") == "true"
    response = render(request, "surveys/_beside.html" if fragment else "surveys/beside.html", context)
    response["Cache-Control"] = "no-store"
    patch_vary_headers(response, ["HX-Request"])
    return response
