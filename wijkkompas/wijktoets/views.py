"""The Wijktoets pages: the list of saved tests, a new test, a result (unsaved, from the address,
or saved), its CSV and PDF report, saving, running again, and the method.

Thin on purpose: the form parses, services run and save, presentation prepares what is shown.
Running a test reads only; it is a GET, so a result is a link that can be shared, and it is rate
limited per client like the API. Saving and running again are POSTs by a signed-in account.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from wijkkompas.wijktoets import exports, presentation, selectors, services
from wijkkompas.wijktoets.definition import METHOD_VERSION, Definition
from wijkkompas.wijktoets.forms import SaveForm, WijktoetsForm, initial_query
from wijkkompas.wijktoets.models import Wijktoets, WijktoetsRun
from wijkkompas.wijktoets.worked_example import worked_example


def _limited(request: HttpRequest) -> bool:
    """Unsaved runs count per client in the API's shared store and at the API's rate."""
    return is_ratelimited(request, group="wijktoets.run", key="ip", rate=lambda group, request: settings.API_RATE_LIMIT,
                          increment=True)


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "wijktoets/rate_limited.html", status=429)


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "wijktoets/index.html", {"tests": selectors.saved_tests()})


@require_safe
def new(request: HttpRequest) -> HttpResponse:
    form = WijktoetsForm(initial=request.GET.dict()) if request.GET else WijktoetsForm()
    return render(request, "wijktoets/new.html", {"form": form})


@require_safe
def method(request: HttpRequest) -> HttpResponse:
    return render(request, "wijktoets/method.html", {"method_version": METHOD_VERSION, "example": worked_example()})


def _run_from_query(request: HttpRequest) -> tuple[WijktoetsForm, services.Outcome | None]:
    """The form bound to the address, and the outcome when the data can answer it."""
    form = WijktoetsForm(request.GET)
    if not form.is_valid():
        return form, None
    try:
        outcome = services.run_test(definition=form.definition())
    except ValidationError as error:
        form.add_service_errors(error)
        return form, None
    if outcome.result["coverage"]["areas_with_exposure"] == 0:
        form.add_error(None, _("There are no figures for these groups for these areas in this year. "
                               "Choose another year or other groups."))
        return form, None
    return form, outcome


def _refused_form(request: HttpRequest, form: WijktoetsForm) -> HttpResponse:
    return render(request, "wijktoets/new.html", {"form": form}, status=400)


@require_safe
def result(request: HttpRequest) -> HttpResponse:
    if _limited(request):
        return _too_many(request)
    form, outcome = _run_from_query(request)
    if outcome is None:
        return _refused_form(request, form)
    context = _result_context(request, outcome=outcome, query=request.GET.urlencode())
    context["save_form"] = SaveForm(initial={"title": outcome.definition.title})
    return render(request, "wijktoets/result.html", context)


@require_safe
def result_csv(request: HttpRequest) -> HttpResponse:
    if _limited(request):
        return _too_many(request)
    form, outcome = _run_from_query(request)
    if outcome is None:
        return _refused_form(request, form)
    return exports.csv_response(result=outcome.result, municipalities=presentation.municipality_labels(outcome.result),
                                name="wijktoets")


@require_safe
def result_pdf(request: HttpRequest) -> HttpResponse:
    if _limited(request):
        return _too_many(request)
    form, outcome = _run_from_query(request)
    if outcome is None:
        return _refused_form(request, form)
    context = _result_context(request, outcome=outcome, query=request.GET.urlencode(), for_print=True)
    return exports.pdf_response(context=context, name="wijktoets-rapport", request=request)


@require_POST
def save(request: HttpRequest) -> HttpResponse:
    result_url = reverse("wijktoets:result") + "?" + request.GET.urlencode()
    if not request.user.is_authenticated:
        return redirect_to_login(result_url)
    form, outcome = _run_from_query(request)
    if outcome is None:
        return _refused_form(request, form)
    save_form = SaveForm(request.POST)
    if save_form.is_valid():
        test = services.save_test(owner=request.user, definition=outcome.definition, **save_form.cleaned_data)
        messages.success(request, _("The test has been saved. Anyone with the link can read it."))
        return redirect("wijktoets:detail", pk=test.pk)
    context = _result_context(request, outcome=outcome, query=request.GET.urlencode())
    context["save_form"] = save_form
    return render(request, "wijktoets/result.html", context, status=400)


def _saved_or_404(pk: int) -> Wijktoets:
    test = selectors.saved_test(pk=pk)
    if test is None:
        raise Http404
    return test


def _run_or_404(test: Wijktoets, value: str | None) -> WijktoetsRun:
    number = int(value) if value and value.isdigit() and len(value) < 9 else None
    run = selectors.test_run(test=test, number=number)
    if run is None:
        raise Http404
    return run


def _saved_outcome(run: WijktoetsRun) -> services.Outcome:
    return services.Outcome(definition=Definition.from_dict(run.definition), figures_year=run.figures_year,
                            score_year=run.score_year, method_version=run.method_version, result=run.result)


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    test = _saved_or_404(pk)
    run = _run_or_404(test, request.GET.get("run"))
    runs = selectors.test_runs(test=test)
    context = _result_context(request, outcome=_saved_outcome(run), query=urlencode(initial_query(
        Definition.from_dict(run.definition))), test=test, run=run)
    earlier = _run_or_404(test, request.GET["vergelijk"]) if request.GET.get("vergelijk") else None
    context.update({
        "runs": runs,
        "earlier": earlier,
        "comparison": services.compare_runs(earlier=earlier, later=run) if earlier else None,
        "may_rerun": request.user.is_authenticated and (test.is_example or test.owner_id == request.user.pk
                                                         or request.user.is_staff),
    })
    return render(request, "wijktoets/result.html", context)


@require_safe
def detail_csv(request: HttpRequest, pk: int) -> HttpResponse:
    test = _saved_or_404(pk)
    run = _run_or_404(test, request.GET.get("run"))
    return exports.csv_response(result=run.result, municipalities=presentation.municipality_labels(run.result),
                                name=f"wijktoets-{test.pk}-{run.number}")


@require_safe
def detail_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    test = _saved_or_404(pk)
    run = _run_or_404(test, request.GET.get("run"))
    context = _result_context(request, outcome=_saved_outcome(run), query="", test=test, run=run, for_print=True)
    return exports.pdf_response(context=context, name=f"wijktoets-{test.pk}-{run.number}", request=request)


@require_POST
def rerun(request: HttpRequest, pk: int) -> HttpResponse:
    test = _saved_or_404(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("wijktoets:detail", args=[pk]))
    previous = selectors.test_run(test=test)
    try:
        run = services.rerun_test(user=request.user, test=test)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("wijktoets:detail", pk=pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("wijktoets:detail", pk=pk)
    messages.success(request, _("The test has run again on the current figures."))
    url = reverse("wijktoets:detail", args=[pk])
    if previous is not None:
        url += f"?vergelijk={previous.number}#vergelijking"
    return redirect(url)


def _result_context(request: HttpRequest, *, outcome: services.Outcome, query: str, test: Wijktoets | None = None,
                    run: WijktoetsRun | None = None, for_print: bool = False) -> dict:
    definition, result = outcome.definition, outcome.result
    effect = presentation.primary_effect(result)
    municipalities = presentation.municipality_labels(result)
    ranked = presentation.shown_rows(presentation.ranked_areas(result, effect), result, effect, municipalities)
    missing = presentation.shown_rows(presentation.missing_areas(result), result, effect, municipalities)
    sides = []
    for side_effect, side in result["sides"].items():
        fifth = side["ratios"]["fifth"]["ratio"]
        sides.append({
            "effect": side_effect, "label": presentation.effect_label(side_effect), "side": side,
            "ratios": presentation.ratio_lines(side, side_effect, definition.level,
                                              result["coverage"]["areas_in_concentration"]),
            "meaning": presentation.ratio_meaning(fifth),
            "curve_svg": presentation.curve_svg(side, title=_("Concentration curve of %(effect)s") % {
                "effect": presentation.effect_label(side_effect)}, key=side_effect),
            "curve_table": presentation.curve_table(side),
            "focus_rows": [{**row, "municipality_name": municipalities.get(row["municipality_code"], "")}
                           for row in side["focus"]],
        })
    map_svg, map_classes = presentation.exposure_map(result, effect, title=_("Map: share of the inhabitants touched"))
    return {
        "test": test, "run": run, "definition": definition, "outcome": outcome, "result": result,
        "groups": presentation.group_descriptions(definition), "effect": effect,
        "effect_label": presentation.effect_label(effect), "sides": sides,
        "ranked": ranked[:presentation.PRINT_ROWS if for_print else presentation.TABLE_ROWS],
        "ranked_count": len(ranked), "missing": missing[:presentation.TABLE_ROWS], "missing_count": len(missing),
        "map_svg": None if for_print else map_svg, "map_classes": map_classes,
        "municipality_name": selectors.municipality_name(code=definition.municipality) if definition.municipality
        else None,
        "level_plural": presentation.LEVEL_PLURAL[definition.level],
        "query": query, "for_print": for_print,
    }
