"""What the participation views share: finding the area or contribution of an address, the
area page's context, the viewer's own state, and the rate limits of the POST actions."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

from wijkkompas.accounts.permissions import Action, Role, can, roles_of
from wijkkompas.participation import selectors
from wijkkompas.participation.contribution_map import contribution_map
from wijkkompas.participation.forms import FilterForm
from wijkkompas.participation.models import Contribution
from wijkkompas.participation.workflow import allowed_transitions
from wijkkompas.regions.models import Level, Region
from wijkkompas.regions.selectors import region_ancestors, region_by_code

PAGE_SIZE = 20
#: Contributions hang on a buurt or wijk; pages of larger areas list those of the areas below.
SUBMIT_LEVELS = frozenset({Level.DISTRICT, Level.NEIGHBOURHOOD})

#: Requests per client (the account, else the address) per window; settings may override them.
DEFAULT_RATES = {
    "submit": "20/h",
    "support": "120/h",
    "react": "60/h",
    "report": "30/h",
}


def region_or_404(code: str) -> Region:
    region = region_by_code(code=code)
    if region is None:
        raise Http404
    return region


def contribution_or_404(pk: int) -> Contribution:
    try:
        contribution = selectors.contribution_detail(contribution_id=pk)
    except Contribution.DoesNotExist:
        contribution = None
    if contribution is None:
        raise Http404
    return contribution


def acted_on_or_404(pk: int) -> Contribution:
    """The contribution an action that always redirects works on (support, follow, a rating):
    without the counts and joins a page shows, as these are the platform's most frequent writes."""
    contribution = selectors.contribution_to_act_on(contribution_id=pk)
    if contribution is None:
        raise Http404
    return contribution


def is_partial(request: HttpRequest) -> bool:
    """An htmx request for a fragment; a history restore needs the whole page."""
    return request.headers.get("HX-Request") == "true" and "HX-History-Restore-Request" not in request.headers


def area_context(request: HttpRequest, region: Region, *, form) -> dict:
    filters = FilterForm(request.GET)
    contributions = selectors.area_contributions(region=region, **filters.filters()).order_by("-created_at", "-id")
    page = Paginator(contributions, PAGE_SIZE).get_page(request.GET.get("pagina"))
    user = request.user
    return {
        "region": region,
        "map": contribution_map(region=region, contributions=list(page)),
        "ancestors": region_ancestors(region=region),
        "filter_form": filters,
        "page": page,
        "query_without_page": _query_without_page(request),
        "figures": selectors.response_figures(region=region),
        "form": form,
        "can_submit_here": region.level in SUBMIT_LEVELS,
        "can_record_assisted": region.level in SUBMIT_LEVELS and can(user, Action.RECORD_ASSISTED, region=region),
        "can_export": can(user, Action.EXPORT_AREA, region=region),
        "overdue": selectors.overdue_forwarded(region=region) if can(user, Action.CHANGE_STATUS, region=region) else [],
    }


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


def staff_statuses(user, contribution: Contribution) -> list[str]:
    """The statuses this account may move the contribution to, by the workflow and its roles.

    The resident's own steps (asking to reopen) are left out: those are on /mijn-inbreng/.
    """
    if not can(user, Action.CHANGE_STATUS, contribution=contribution):
        return []
    roles = roles_of(user, contribution.region) - {Role.RESIDENT}
    return allowed_transitions(contribution.status, roles)


def viewer_state(user, contribution: Contribution) -> dict:
    """What the page shows for this visitor: supported or followed already, their own, the count."""
    supported, following = selectors.viewer_state(user=user, contribution=contribution)
    return {
        "supported": supported,
        "following": following,
        "is_author": user.is_authenticated and contribution.author_id == user.pk,
        "support_count": contribution.support_count,
    }


def _rate(name: str) -> Callable[[str, HttpRequest], str]:
    def rate(group: str, request: HttpRequest) -> str:
        """Read at request time, so the limit follows the settings (and tests can change it)."""
        return getattr(settings, "PARTICIPATION_RATE_LIMITS", {}).get(name, DEFAULT_RATES[name])

    return rate


def limited(name: str):
    """Count the POSTs of an action per account (or address) in the shared `ratelimit` store;
    past the limit answer 429 with a page that says to wait."""

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST" and is_ratelimited(
                request, group=f"participation.{name}", key="user_or_ip", rate=_rate(name), increment=True,
            ):
                return render(request, "participation/rate_limited.html", status=429)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
