"""The API's rate limit, counted the way the HTML search is counted.

django-ninja's own throttles keep a list of request times per client in the page cache and find
the client by their own reading of X-Forwarded-For. This throttle asks django-ratelimit instead:
one client address (core.clients.client_ip), one store shared by all workers and servers
(settings.RATELIMIT_USE_CACHE), and one atomic counter per client and minute.
"""

import threading

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage
from ninja.throttling import BaseThrottle

API_GROUP = "api"


class SharedRateThrottle(BaseThrottle):
    def __init__(self) -> None:
        # One instance serves every thread of a worker; the wait belongs to the request just refused.
        self._last = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        usage = get_usage(request, group=API_GROUP, key="ip", rate=_api_rate, increment=True)
        if usage is None:  # RATELIMIT_ENABLE is off
            return True
        self._last.time_left = usage["time_left"]
        return not usage["should_limit"]

    def wait(self) -> float | None:
        time_left = getattr(self._last, "time_left", -1)
        return max(time_left, 1) if time_left >= 0 else None


def _api_rate(group: str, request: HttpRequest) -> str:
    """Read at request time, so the limit follows the settings (and tests can change it)."""
    return settings.API_RATE_LIMIT
