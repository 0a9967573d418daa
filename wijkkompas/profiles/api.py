"""GET /api/regions/{code}: the neighbourhood profile as JSON, mounted on the regions path."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from wijkkompas.core.api_errors import ERROR_RESPONSES
from wijkkompas.core.caching import cache_per_version
from wijkkompas.core.params import Text
from wijkkompas.profiles.schemas import ProfileOut
from wijkkompas.profiles.selectors import profile_for
from wijkkompas.profiles.formatting import peers_text
from wijkkompas.profiles.structures import IndicatorRow, Peers, Profile
from wijkkompas.regions.selectors import region_by_code
from wijkkompas.scores.models import Score
from wijkkompas.scores.selectors import figures_version

router = Router(tags=["profiles"])


@router.get("/{code}", response={200: ProfileOut, **ERROR_RESPONSES}, url_name="region-profile",
            summary="The profile of a region")
@cache_per_version(figures_version)
def region_profile(request, code: Text):
    """Per theme every indicator with its latest value, the municipality's and the Netherlands' value
    in the same year, the percentile among regions of the same level, and the full series; the
    composite scores of every year; and the sources. Missing (suppressed) values are null, never 0.
    Each figure names the method version of its source: a series whose `method_versions` lists two
    or more (the Leefbaarometer 1.0, 2.0 and 3.0) is not one comparable trend. `model_estimate`
    marks estimates made with a model, such as the RIVM health figures."""
    region = region_by_code(code=code)
    if region is None:
        raise HttpError(404, _("No region with code '%(code)s'.") % {"code": code})
    body = ProfileOut.model_validate(_profile_out(profile_for(region=region))).model_dump_json()
    return HttpResponse(body, content_type="application/json")


def _score(score: Score | None) -> dict | None:
    if score is None:
        return None
    return {"theme": score.theme, "year": score.year, "value": score.value, "rank": score.rank,
            "peer_count": score.peer_count, "indicator_count": score.indicator_count, "weight": score.weight,
            "contribution": score.contribution, "method_version": score.method_version}


def _peer_group(peers: Peers | None) -> dict | None:
    if peers is None:
        return None
    return {"level": peers.level, "region_count": peers.count, "municipality_count": peers.municipality_count,
            "municipality": peers.municipality_name, "national": peers.national,
            "description": peers_text(peers, level=peers.level)}


def _indicator(row: IndicatorRow) -> dict:
    indicator = row.indicator
    return {
        "key": indicator.key, "label": indicator.label, "unit": indicator.unit, "decimals": indicator.decimals,
        "direction": indicator.direction, "perspective": indicator.perspective,
        "definition_url": reverse("indicator", args=[indicator.key]),
        "year": row.year, "value": row.value, "municipality_value": row.municipality_value,
        "national_value": row.national_value, "percentile": row.percentile,
        "peer_group": _peer_group(row.peers), "peer_level": row.peer_level,
        "model_estimate": row.is_model_estimate, "method_versions": row.method_versions,
        "series": [
            {"year": item.year, "value": item.value, "municipality_value": item.municipality_value,
             "national_value": item.national_value, "percentile": item.percentile,
             "peer_group": _peer_group(item.peers), "source": item.source.key,
             "method_version": item.source.method_version}
            for item in row.figures
        ],
    }


def _profile_out(profile: Profile) -> dict:
    code = profile.region.code
    return {
        "region": profile.region, "ancestors": profile.ancestors, "municipality": profile.municipality,
        "years": profile.years,
        "themes": [
            {"key": block.theme, "label": block.label, "score": _score(block.score),
             "indicators": [_indicator(row) for row in block.rows]}
            for block in profile.themes
        ],
        "scores": [_score(score) for year in sorted(profile.scores) for score in profile.scores[year].values()],
        "sources": [
            {"key": use.source.key, "publisher": use.source.publisher, "title": use.source.title,
             "table": use.source.table, "url": use.source.url, "licence": use.source.licence,
             "method_version": use.source.method_version, "years": list(use.years)}
            for use in profile.sources
        ],
        "csv_url": reverse("profile-csv", args=[code]),
        "page_url": reverse("profile", args=[code]),
    }
