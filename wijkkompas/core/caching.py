"""Whole-response caching for pages that only change when the figures change."""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

#: Headers that change what a view returns for the same address (htmx fragments).
VARY_HEADERS = ("HX-Request", "HX-History-Restore-Request")


def cache_per_version(version: Callable[[], str], *, timeout: int = 24 * 3600):
    """Cache a view's successful responses under the current data version.

    `version` returns a token that changes with every import, so a cached page never
    outlives its figures and needs no invalidation. Only anonymous-safe responses are kept:
    status 200 and no cookies set (a page with a per-visitor token is never cached).
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method != "GET":
                return view(request, *args, **kwargs)
            parts = [version(), request.get_full_path(), *(request.headers.get(h, "") for h in VARY_HEADERS)]
            key = "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
            response = cache.get(key)
            if response is None:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and not response.cookies:
                    cache.set(key, response, timeout)
            return response

        return wrapper

    return decorator
