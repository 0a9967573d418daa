"""Whole-response caching for pages that only change when the figures change."""

import gzip
import hashlib
import re
from collections.abc import Callable, Mapping
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string
from django.views.decorators.http import require_safe

from wijkkompas.core.params import Check

#: Headers that change what a view returns for the same address (htmx fragments).
VARY_HEADERS = ("HX-Request", "HX-History-Restore-Request")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
#: Below this size compression gains nothing (the same threshold as Django's GZipMiddleware).
MIN_COMPRESS_LENGTH = 200


def cache_per_version(
    version: Callable[[], str], *, params: Mapping[str, Check] | None = None, timeout: int = 24 * 3600
):
    """Cache a view's successful responses under the current data version.

    The cache key holds only what the view may read: the path, the parameters named in `params`
    whose value passes their check, and the htmx headers. Any other parameter, and a value that
    fails its check, is dropped before the view sees the request, so the page is the one without
    it and made-up addresses cannot fill the cache (which is bounded in bytes as well,
    core.cache_backends). The view is read-only: GET and HEAD only (405 otherwise), and a HEAD
    is answered from the cache like a GET (the server sends no body).

    `version` returns a token that changes with every import, so a cached page never
    outlives its figures and needs no invalidation. Only anonymous-safe responses are kept:
    status 200, no cookies set and no CSRF token used (a page with a per-visitor secret is
    never cached). A signed-in visitor, or any request with a session cookie (a visitor in the
    middle of signing in) or a message waiting, bypasses the cache entirely: the page is
    neither read from it nor written to it, so a page with someone's name or messages in it is
    never served to anyone else, and they never see a page older than their own actions.

    A response is kept gzip-compressed: browsers ask for gzip, and compressing a large profile
    on every request would cost more than serving it from the cache; compressed, a cached page
    also takes a tenth of the memory. The rare client that does not accept gzip gets it
    decompressed. Django's GZipMiddleware leaves a response that is already encoded alone; its
    BREACH mitigation (random bytes per response) is not needed, as a cached page holds no secret.
    """

    checks = dict(params or {})

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @require_safe
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            request.GET = _known_query(request.GET, checks)
            request.META["QUERY_STRING"] = request.GET.urlencode()
            if _is_personal(request):
                return view(request, *args, **kwargs)
            parts = [version(), request.path, request.META["QUERY_STRING"]]
            parts += [request.headers.get(header, "") for header in VARY_HEADERS]
            key = "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
            wants_gzip = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
            cached = cache.get(key)
            if cached is None:
                response = view(request, *args, **kwargs)
                if not _is_cacheable(request, response):
                    return response
                cached = _compressed(response)
                cache.set(key, cached, timeout)
            return cached if wants_gzip else _decompressed(cached)

        return wrapper

    return decorator


def _known_query(query: QueryDict, checks: Mapping[str, Check]) -> QueryDict:
    """The known parameters with a valid value, in a fixed order (the last value of a repeated one)."""
    known = QueryDict(mutable=True)
    for name, check in checks.items():
        value = query.get(name)
        if value is not None and check(value):
            known[name] = value
    known._mutable = False
    return known


def _is_personal(request: HttpRequest) -> bool:
    """A request whose page may hold something of this visitor's own."""
    user = getattr(request, "user", None)
    personal_cookies = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}
    return bool(personal_cookies & request.COOKIES.keys()) or bool(user and user.is_authenticated)


def _is_cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.has_header("Content-Encoding")
    )


def _compressed(response: HttpResponse) -> HttpResponse:
    """A gzip-encoded copy of the response, or the response itself when that is not smaller."""
    patch_vary_headers(response, ("Accept-Encoding",))
    if len(response.content) < MIN_COMPRESS_LENGTH:
        return response
    body = compress_string(response.content)
    if len(body) >= len(response.content):
        return response
    return _with_body(response, body, encoding="gzip")


def _decompressed(response: HttpResponse) -> HttpResponse:
    if response.get("Content-Encoding") != "gzip":
        return response
    return _with_body(response, gzip.decompress(response.content), encoding=None)


def _with_body(response: HttpResponse, body: bytes, *, encoding: str | None) -> HttpResponse:
    """A copy of the response, headers and all, with another body in another encoding."""
    copy = HttpResponse(body, status=response.status_code)
    for header, value in response.headers.items():
        copy[header] = value
    del copy["Content-Encoding"]
    if encoding:
        copy["Content-Encoding"] = encoding
    copy["Content-Length"] = str(len(body))
    return copy
