"""Rate limits on signing up and signing in that every worker and server counts together.

allauth's own limits count in the `default` cache, which here is per process (the page cache),
so a client could multiply them by the number of workers. These count POSTs per client in the
shared `ratelimit` store (settings.RATELIMIT_USE_CACHE), as the search and the API do.
"""

from functools import wraps

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from wijkkompas.core.views import rate_limited

GROUP = "accounts"


def _rate(group: str, request) -> str:
    """Read at request time, so the limit follows the settings (and tests can change it)."""
    return settings.ACCOUNT_RATE_LIMIT


def limited(view):
    """Answer 429 with the rate-limit page once a client has posted too often to these views."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if is_ratelimited(request, group=GROUP, key="ip", rate=_rate, method="POST", increment=True):
            return rate_limited(request)
        return view(request, *args, **kwargs)

    return wrapper
