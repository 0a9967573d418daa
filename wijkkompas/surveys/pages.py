"""What the survey views share: the area and period of an address, the chosen group, and the
context of the survey page."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from wijkkompas.accounts.permissions import Action, can
from wijkkompas.regions.models import Level, Region
from wijkkompas.regions.selectors import region_by_code
from wijkkompas.surveys import selectors
from wijkkompas.surveys.models import Response, SurveyPeriod
from wijkkompas.surveys.services import period_buurt_ids


def region_or_404(code: str) -> Region:
    region = region_by_code(code=code)
    if region is None or region.level not in (Level.NEIGHBOURHOOD, Level.DISTRICT):
        raise Http404
    return region


def period_of(request: HttpRequest, region: Region) -> SurveyPeriod | None:
    """The period named by ?periode= (one of the area's open or closed periods), else the current one."""
    number = request.GET.get("periode", "")
    if number.isdigit() and len(number) < 12:
        period = selectors.area_periods(region=region).filter(pk=int(number)).first()
        if period is not None:
            return period
    return selectors.current_period(region=region)


def group_of(request: HttpRequest, period: SurveyPeriod) -> tuple[str | None, str | None]:
    """The one group chosen with ?groep=<breakdown>:<group>; (None, None) for everyone."""
    breakdown, _colon, group = request.GET.get("groep", "").partition(":")
    if breakdown in selectors.BREAKDOWNS:
        keys = [key for key, _label in selectors.breakdown_groups(period=period, breakdown=breakdown)]
        if group in keys:
            return breakdown, group
    return None, None


def group_choices(period: SurveyPeriod) -> list[tuple[str, list[tuple[str, str]]]]:
    """The groups one may look at, per breakdown, as values for ?groep=."""
    choices = []
    for breakdown, label in selectors.BREAKDOWNS.items():
        if breakdown == "buurt" and selectors.is_buurt_period(period):
            continue
        groups = selectors.breakdown_groups(period=period, breakdown=breakdown)
        choices.append((str(label), [(f"{breakdown}:{key}", name) for key, name in groups]))
    return choices


def buurten_of(period: SurveyPeriod) -> list[Region]:
    return list(Region.objects.filter(pk__in=period_buurt_ids(period)).order_by("name"))


def own_response(request: HttpRequest, period: SurveyPeriod) -> Response | None:
    if not request.user.is_authenticated:
        return None
    return Response.objects.filter(period=period, respondent=request.user).first()


def survey_context(request: HttpRequest, region: Region, period: SurveyPeriod | None, *, form=None) -> dict:
    context = {
        "region": region, "period": period, "form": form,
        "periods": list(selectors.area_periods(region=region)),
        "imported": _imported_rows(region),
        "can_enter_paper": can(request.user, Action.RECORD_ASSISTED, region=region),
        "can_manage": can(request.user, Action.MANAGE_SURVEY, region=region),
    }
    if period is None:
        return context
    breakdown, group = group_of(request, period)
    context.update({
        "results": selectors.results(period=period, breakdown=breakdown, group=group),
        "chosen_group": f"{breakdown}:{group}" if breakdown else "",
        "group_choices": group_choices(period),
        "participation_age": selectors.participation(period=period, breakdown="leeftijd"),
        "participation_buurt": (None if selectors.is_buurt_period(period)
                                else selectors.participation(period=period, breakdown="buurt")),
        "trend": selectors.trend(region=region),
        "own_response": own_response(request, period),
        "responses_so_far": selectors.responses_so_far(period=period) if period.is_open else None,
    })
    return context


def _imported_rows(region: Region) -> list[dict]:
    rows = []
    for cell in selectors.imported_results(region=region):
        count, share, reason = selectors.imported_cell(cell)
        rows.append({"cell": cell, "count": count, "share": share, "reason": reason})
    return rows
