"""Security headers Django 5.2 does not set itself, and a guard against NUL characters."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import reverse

#: Everything comes from our own origin: no CDN, no inline script or style, no frames.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        return response


class RefuseNulMiddleware:
    """A page address with a NUL character (%00) in its path or query is refused with 400.

    PostgreSQL cannot compare text that holds one, so a search or a code with it would crash
    the view instead of finding nothing. The API refuses it itself, per parameter, with the
    422 that its schema documents (core.params.Text).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.api_prefix = reverse("api:api-root")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(self.api_prefix) and _holds_nul(request):
            return HttpResponseBadRequest()
        return self.get_response(request)


def _holds_nul(request: HttpRequest) -> bool:
    values = [value for _, values in request.GET.lists() for value in values]
    return "\x00" in request.path or any("\x00" in value for value in values)
