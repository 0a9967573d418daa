"""Home, search and the error pages. Thin: the reads are in regions/selectors.py."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_safe
from django_ratelimit.decorators import ratelimit

from wijkkompas.regions import selectors

#: Example profiles on the home page; only those in the database are shown.
EXAMPLE_CODES = ["WK036393", "WK036378", "WK0363FB", "WK034403", "WK051830"]
MIN_QUERY_LENGTH = 2


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    examples = selectors.regions_by_codes(codes=EXAMPLE_CODES)
    return render(request, "core/home.html", {"examples": examples})


def _search_rate(group: str, request: HttpRequest) -> str:
    """Read at request time, so the limit follows the settings (and tests can change it)."""
    return settings.SEARCH_RATE_LIMIT


def _is_partial_request(request: HttpRequest) -> bool:
    """An htmx request for the results only; a history restore needs the whole page."""
    return request.headers.get("HX-Request") == "true" and "HX-History-Restore-Request" not in request.headers


@require_safe
@ratelimit(key="ip", rate=_search_rate, block=False)
def search(request: HttpRequest) -> HttpResponse:
    """Search by postcode, name or code. A submitted exact code, or a postcode that lies in one
    area only, goes straight to the profile.

    Live (htmx) requests get only the results and never redirect: a page that changes
    while someone types is a change of context they did not ask for (WCAG 3.2.2).
    """
    if request.limited:
        return rate_limited(request)
    query = request.GET.get("q", "").strip()[:100]
    partial = _is_partial_request(request)
    if query and not partial and (region := selectors.region_by_code(code=query.replace(" ", ""))) is not None:
        return redirect(reverse("profile", args=[region.code]))
    long_enough = len(query) >= MIN_QUERY_LENGTH
    found = selectors.search_results(query=query) if long_enough else selectors.SearchResults(None, [])
    if found.postcode and len(found.results) == 1 and not partial:
        return redirect(reverse("profile", args=[found.results[0].region.code]))
    context = {
        "query": query,
        "too_short": "q" in request.GET and not long_enough,  # a visit without a search is no mistake
        "postcode": found.postcode,
        "results": found.results,
    }
    response = render(request, "core/_search_results.html" if partial else "core/search.html", context)
    response.headers["Vary"] = "HX-Request"
    return response


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Shown when a client searches too often (settings.RATELIMIT_VIEW)."""
    return render(request, "core/rate_limited.html", status=429)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(reverse("api:api-root"))


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """An address that exists nowhere: JSON under /api/ (like every API answer), else the 404 page."""
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("Something went wrong on our side.")}, status=500)
    return defaults.server_error(request)
