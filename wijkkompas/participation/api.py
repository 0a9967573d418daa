"""GET /api/contributions: residents' contributions, their public trail and the response figures.

Read-only and public: what the pages show to anyone. No names or e-mail addresses, nothing about
who entered assisted input or who changed a status; a hidden contribution keeps only its reason.
The trail has no write operations here (it is append-only everywhere).
"""

from dataclasses import asdict

from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from ninja.errors import HttpError

from wijkkompas.core.api_errors import ERROR_RESPONSES
from wijkkompas.core.params import Text
from wijkkompas.indicators.models import Theme
from wijkkompas.participation import selectors
from wijkkompas.participation.models import Contribution, Kind
from wijkkompas.participation.schemas import (
    ContributionDetailOut, ContributionListOut, ResponseFiguresOut,
)
from wijkkompas.participation.workflow import Status
from wijkkompas.regions.selectors import region_by_code

router = Router(tags=["contributions"])
MAX_LIMIT = 200


def _region_or_404(code: str):
    region = region_by_code(code=code)
    if region is None:
        raise HttpError(404, _("No region with code '%(code)s'.") % {"code": code})
    return region


def contribution_out(contribution: Contribution) -> dict:
    hidden = contribution.hidden
    return {
        "id": contribution.pk,
        "url": f"/inbreng/{contribution.pk}/",
        "kind": contribution.kind,
        "title": None if hidden else contribution.title,
        "text": None if hidden else contribution.text,
        "theme": contribution.theme,
        "region": contribution.region.code,
        "latitude": None if hidden else contribution.latitude,
        "longitude": None if hidden else contribution.longitude,
        "place_description": None if hidden else contribution.place_description,
        "photo_url": contribution.photo.url if contribution.photo and not hidden else None,
        "channel": contribution.channel,
        "assisted": contribution.is_assisted,
        "residents_count": contribution.residents_count,
        "status": contribution.status,
        "forwarded_to": contribution.forwarded_to.name if contribution.forwarded_to else None,
        "forward_due": contribution.forward_due,
        "created_at": contribution.created_at,
        "first_public_answer_at": contribution.first_public_answer_at,
        "closed_at": contribution.closed_at,
        "support_count": contribution.support_count,
        "is_example": contribution.is_example,
        "hidden": hidden,
        "hidden_reason": contribution.hidden_reason,
    }


@router.get("", response={200: ContributionListOut, **ERROR_RESPONSES}, summary="Contributions in an area")
def list_contributions(
    request,
    region: Text = Query(..., description="Code of a gemeente, wijk or buurt; regions below it are included."),
    kind: Kind | None = Query(None),
    theme: Theme | None = Query(None),
    status: Status | None = Query(None),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=1_000_000),
):
    """Newest first, with the number of supports. Hidden contributions appear with their reason only."""
    contributions = selectors.area_contributions(region=_region_or_404(region), kind=kind, theme=theme, status=status)
    return {
        "count": contributions.count(), "limit": limit, "offset": offset,
        "items": [contribution_out(item) for item in contributions[offset:offset + limit]],
    }


@router.get("/figures/{code}", response={200: ResponseFiguresOut, **ERROR_RESPONSES},
            summary="Response figures of an area")
def response_figures(request, code: Text):
    """How the area's contributions were answered; shares are 0 to 1 (null when nothing to count).
    Assisted input (recorded by a professional) counts in every figure."""
    region = _region_or_404(code)
    return {"region": region.code, **asdict(selectors.response_figures(region=region))}


@router.get("/{contribution_id}", response={200: ContributionDetailOut, **ERROR_RESPONSES},
            summary="One contribution with its public trail")
def contribution_detail(request, contribution_id: int = Path(..., ge=1, le=2**62)):
    """The contribution and every public event of its trail, oldest first."""
    contribution = selectors.contribution_detail(contribution_id=contribution_id)
    if contribution is None:
        raise HttpError(404, _("No contribution with number %(id)s.") % {"id": contribution_id})
    trail = [
        {"kind": event.kind, "from_status": event.from_status, "to_status": event.to_status,
         "public_text": event.public_text, "reason_category": event.reason_category,
         "organisation": event.organisation.name if event.organisation else None, "created_at": event.created_at}
        for event in selectors.public_trail(contribution=contribution)
    ]
    return {**contribution_out(contribution), "trail": trail}
