"""How the JSON API answers when it cannot answer: always JSON, always documented.

Every operation declares ERROR_RESPONSES next to its 200 response, so the OpenAPI schema lists
the 404, 422 and 429 answers a client can get (tests/e2e/test_api_schema.py holds the server to
it). `use_json_errors` makes the API answer a 404 from Django, a refused request and a crash
in the same shape, {"detail": ...}, in Dutch.
"""

import logging

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import Throttled

logger = logging.getLogger(__name__)


class ErrorOut(Schema):
    detail: str


class ValidationIssueOut(Schema):
    """One parameter that was refused (pydantic's error shape: where, what kind, why)."""

    type: str
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    detail: list[ValidationIssueOut]


ERROR_RESPONSES = {404: ErrorOut, 422: ValidationErrorOut, 429: ErrorOut}


def use_json_errors(api: NinjaAPI) -> None:
    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return api.create_response(
            request, {"detail": _("Too many requests. Wait a moment and try again.")}, status=429
        )

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API request %s failed", request.path, exc_info=exc)
        return api.create_response(request, {"detail": _("Something went wrong on our side.")}, status=500)
