"""GET /api/surveys: the neighbourhood survey's periods and results, read-only and public.

Only aggregates, under the same suppression as the pages and the CSV (surveys.suppression): a
cell on fewer than 10 respondents is null with the reason, and so is every figure of a period
that is still open (its results are published once, when it closes). Results are for everyone or for one
group of one breakdown; a combination of two filters is refused (422).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.errors import HttpError

from wijkkompas.core.api_errors import ERROR_RESPONSES
from wijkkompas.core.params import Text
from wijkkompas.regions.selectors import region_by_code
from wijkkompas.surveys import selectors, suppression
from wijkkompas.surveys.models import SurveyPeriod
from wijkkompas.surveys.schemas import PeriodListOut, ResultsOut

router = Router(tags=["surveys"])


def period_out(period: SurveyPeriod) -> dict:
    return {
        "id": period.pk, "region": period.region.code, "title": period.title, "starts_on": period.starts_on,
        "ends_on": period.ends_on, "status": period.status, "is_example": period.is_example,
        "url": reverse("surveys:survey", args=[period.region.code]) + f"?periode={period.pk}",
    }


@router.get("", response={200: PeriodListOut, **ERROR_RESPONSES}, summary="Survey periods of an area")
def list_periods(request, region: Text = Query(..., description="Code of a wijk or buurt.")):
    """Open and closed periods, newest first; drafts are not public."""
    found = region_by_code(code=region)
    if found is None:
        raise HttpError(404, _("No region with code '%(code)s'.") % {"code": region})
    return {"items": [period_out(period) for period in selectors.area_periods(region=found)]}


@router.get("/{period_id}/results", response={200: ResultsOut, **ERROR_RESPONSES}, summary="Results of a survey period")
def period_results(
    request,
    period_id: int = Path(..., ge=1, le=2**62),
    channel: Text | None = Query(None, description="Only this channel: online, papier or gesprek."),
    age_group: Text | None = Query(None, description="Only this age group: 15_24, 25_44, 45_64 or 65_plus."),
    buurt: Text | None = Query(None, description="Only the respondents of this buurt (code), in a wijk's period."),
):
    """Per question the respondents, counts and shares (0 to 1). At most one filter at a time.
    While the period is open every figure is null (published once it closes) and
    `responses_so_far` gives the number of responses rounded down to a multiple of 10."""
    period = selectors.area_periods_all().filter(pk=period_id).first()
    if period is None:
        raise HttpError(404, _("No survey with number %(id)s.") % {"id": period_id})
    filters = {name: value for name, value in (("kanaal", channel), ("leeftijd", age_group), ("buurt", buurt))
               if value is not None}
    if len(filters) > 1:
        raise HttpError(422, str(suppression.COMBINATION_REASON))
    breakdown, group = next(iter(filters.items()), (None, None))
    try:
        result = selectors.results(period=period, breakdown=breakdown, group=group)
    except LookupError:
        raise HttpError(422, _("Unknown group '%(group)s'.") % {"group": group}) from None
    return {
        "period": period_out(period), "breakdown": breakdown, "group": group, "respondents": result.respondents,
        "suppressed": result.reason is not None, "suppressed_reason": result.reason,
        "threshold": suppression.THRESHOLD,
        "responses_so_far": selectors.responses_so_far(period=period) if period.is_open else None,
        "questions": [
            {"key": question.key, "version": question.version, "wording": question.wording, "kind": question.kind,
             "origin": question.origin, "respondents": question.respondents, "mean": question.mean,
             "suppressed": question.suppressed, "suppressed_reason": question.reason,
             "options": [vars(option) for option in question.options]}
            for question in result.questions
        ],
    }
