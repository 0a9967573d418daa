"""Regions API: search and the hierarchy around a region. GET /{code} (the profile) is in profiles/api.py."""

from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from wijkkompas.core.api_errors import ERROR_RESPONSES
from wijkkompas.core.params import MAX_YEAR, MIN_YEAR, Text
from wijkkompas.regions import selectors
from wijkkompas.regions.models import Level, Region
from wijkkompas.regions.schemas import RegionChildrenOut, RegionHierarchyOut, RegionSearchOut
from wijkkompas.regions.search import MAX_QUERY_LENGTH

router = Router(tags=["regions"])


def _region_or_404(code: str) -> Region:
    region = selectors.region_by_code(code=code)
    if region is None:
        raise HttpError(404, _("No region with code '%(code)s'.") % {"code": code})
    return region


@router.get("", response={200: list[RegionSearchOut], **ERROR_RESPONSES},
            summary="Search regions by postcode, name or code")
def search_regions(
    request,
    q: Text = Query(..., min_length=1, max_length=MAX_QUERY_LENGTH, description=(
        "A postcode (3523 or 3523 AB), a name (typos, everyday names such as Den Haag or Schilderswijk, "
        "and 'name town' such as Overvecht Utrecht are found), or the start of a code such as GM0344.")),
    level: Level | None = Query(None, description="Only regions of this level."),
    limit: int = Query(20, ge=1, le=selectors.MAX_SEARCH_LIMIT),
):
    """A postcode gives the areas its addresses lie in, the largest share first. Names: current CBS
    areas first, then former and non-CBS ones; best matches first, then the larger areas."""
    found = selectors.search_results(query=q, level=level, limit=limit)
    return [
        RegionSearchOut(
            code=summary.region.code,
            level=summary.region.level,
            name=summary.region.name,
            municipality_code=summary.region.municipality_code,
            first_year=summary.region.first_year,
            last_year=summary.region.last_year,
            municipality_name=summary.municipality_name,
            years=summary.years,
            cbs_area=summary.region.is_cbs_region,
            current=summary.current,
            former_since=summary.former_since,
            postcode=found.postcode,
            postcode_addresses=summary.postcode_addresses,
            postcode_share=summary.postcode_share,
        )
        for summary in found.results
    ]


@router.get("/{code}/children", response={200: RegionChildrenOut, **ERROR_RESPONSES},
            summary="The regions directly below a region")
def region_children(request, code: Text, year: int | None = Query(None, ge=MIN_YEAR, le=MAX_YEAR)):
    """Children in the given year, or in the latest year in which the region has children."""
    region = _region_or_404(code)
    year = selectors.region_children_year(region=region, year=year)
    return {"region": region, "year": year, "children": selectors.region_children(region=region, year=year)}


@router.get("/{code}/hierarchy", response={200: RegionHierarchyOut, **ERROR_RESPONSES},
            summary="The regions above and below a region")
def region_hierarchy(request, code: Text):
    """Ancestors from the country down to the direct parent, and the children in the latest year with any."""
    region = _region_or_404(code)
    year = selectors.region_children_year(region=region)
    return {
        "region": region,
        "ancestors": selectors.region_ancestors(region=region),
        "year": year,
        "children": selectors.region_children(region=region, year=year),
    }
