"""Rate limits of the survey's forms, counted in the shared `ratelimit` store by django-ratelimit
(as the participation forms and the search are: one counter per account, or per address when
signed out, shared by every worker and server).

- `answer`: sending the questionnaire, 30 an hour. A person answers once and may change it a
  few times; more is a script.
- `entry`: a professional entering paper forms, 600 an hour (a stack of forms after a buurtavond).
- `code`: wrong paper codes, 20 an hour. A code has 8 characters out of 31 (about 10^12
  possibilities), and this keeps anyone from trying codes until one fits; right codes do not
  count, and 20 leaves room for a professional's typing errors.

Past a limit the view gives the form back with what was typed and a message (status 429).
`settings.SURVEY_RATE_LIMITS` may change a rate, for example {"code": "3/h"}.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

DEFAULT_RATES = {"answer": "30/h", "entry": "600/h", "code": "20/h"}
TOO_MANY = _("You sent this form very often in a short time. Wait a while and try again. What you filled in is still here.")
CODES_BLOCKED = _("Too many wrong codes were tried from here. Wait an hour and try again, or ask the person who gave "
                  "you the form for help.")


def _rate(name: str) -> Callable[[str, HttpRequest], str]:
    def rate(group: str, request: HttpRequest) -> str:
        """Read at request time, so the limit follows the settings (and tests can change it)."""
        return getattr(settings, "SURVEY_RATE_LIMITS", {}).get(name, DEFAULT_RATES[name])

    return rate


def _usage(request: HttpRequest, name: str, *, increment: bool) -> dict | None:
    return get_usage(request, group=f"surveys.{name}", key="user_or_ip", rate=_rate(name), increment=increment)


def count_and_check(request: HttpRequest, name: str) -> bool:
    """Count one more sending of `name`; True when that is over its limit."""
    usage = _usage(request, name, increment=True)
    return usage is not None and usage["should_limit"]


def codes_blocked(request: HttpRequest) -> bool:
    """True when this account or address has tried as many wrong codes as the limit allows."""
    usage = _usage(request, "code", increment=False)
    return usage is not None and usage["count"] >= usage["limit"]


def count_wrong_code(request: HttpRequest) -> None:
    _usage(request, "code", increment=True)
