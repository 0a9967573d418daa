"""The neighbourhood profile page, its map fragment and its CSV download."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from wijkkompas.core.caching import cache_per_version
from wijkkompas.core.params import one_of_stored
from wijkkompas.indicators.models import Theme
from wijkkompas.indicators.selectors import indicator_catalogue
from wijkkompas.profiles.csv_export import profile_csv_response
from wijkkompas.profiles.profile_map import SCORE_PREFIX, profile_map
from wijkkompas.profiles.selectors import profile_for
from wijkkompas.regions.models import Region
from wijkkompas.regions.selectors import region_by_code
from wijkkompas.scores.models import OVERALL
from wijkkompas.scores.selectors import figures_version


def _map_keys() -> list[str]:
    """Every figure a map can show: a composite score or an indicator of the catalogue."""
    scores = [SCORE_PREFIX + theme for theme in (OVERALL, *Theme.values)]
    return scores + [indicator.key for indicator in indicator_catalogue()]


#: The profile reads only the map's figure from its address (core.caching.cache_per_version).
PROFILE_PARAMS = {"kaart": one_of_stored("map-keys", _map_keys, version=figures_version)}


def _region_or_response(request: HttpRequest, code: str, url_name: str) -> Region | HttpResponse:
    """The region; a redirect to its canonical (upper-case) address; or a helpful 404 page."""
    region = region_by_code(code=code)
    if region is None:
        return render(request, "profiles/not_found.html", {"code": code}, status=404)
    if code != region.code:
        query = request.META.get("QUERY_STRING", "")
        url = reverse(url_name, args=[region.code])
        return redirect(f"{url}?{query}" if query else url, permanent=True)
    return region


@cache_per_version(figures_version, params=PROFILE_PARAMS)
def profile(request: HttpRequest, code: str) -> HttpResponse:
    region = _region_or_response(request, code, "profile")
    if isinstance(region, HttpResponse):
        return region
    return _full_page(request, region)


@cache_per_version(figures_version, params=PROFILE_PARAMS)
def profile_map_view(request: HttpRequest, code: str) -> HttpResponse:
    """The map fragment for htmx; the whole profile for everyone else (same address works without JS)."""
    region = _region_or_response(request, code, "profile-map")
    if isinstance(region, HttpResponse):
        return region
    if request.headers.get("HX-Request") != "true" or request.headers.get("HX-History-Restore-Request") == "true":
        return _full_page(request, region)
    data = profile_for(region=region)
    result = profile_map(profile=data, choice=request.GET.get("kaart"))
    response = render(request, "profiles/_map_response.html", {"profile": data, "map": result})
    if result.selected is not None:
        # The address bar shows the page's own address, which also works without htmx.
        query = urlencode({"kaart": result.selected.key})
        response["HX-Push-Url"] = f"{reverse('profile', args=[region.code])}?{query}"
    patch_vary_headers(response, ["HX-Request"])
    return response


def _full_page(request: HttpRequest, region: Region) -> HttpResponse:
    data = profile_for(region=region)
    response = render(request, "profiles/profile.html", {
        "profile": data, "map": profile_map(profile=data, choice=request.GET.get("kaart")),
    })
    patch_vary_headers(response, ["HX-Request"])
    return response


@cache_per_version(figures_version)
def profile_csv(request: HttpRequest, code: str) -> HttpResponse:
    region = _region_or_response(request, code, "profile-csv")
    if isinstance(region, HttpResponse):
        return region
    return profile_csv_response(profile=profile_for(region=region))
