"""Query parameters a page accepts: bounds shared by forms and the API, and the checks that decide
which parameters reach a cached page and its cache key (core.caching.cache_per_version)."""

import re
from collections.abc import Callable, Collection, Iterable
from typing import Annotated

from django.core.cache import cache
from pydantic import StringConstraints

#: Years a figure can be about; a year outside this range is refused, not looked up.
MIN_YEAR = 1900
MAX_YEAR = 2100

#: Text in an API parameter: anything but NUL, which PostgreSQL can neither store nor compare.
Text = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$")]

#: A check of one parameter value: True keeps it, False drops it.
Check = Callable[[str], bool]


def one_of(values: Iterable[str]) -> Check:
    allowed = frozenset(values)
    return allowed.__contains__


def matching(pattern: str) -> Check:
    compiled = re.compile(pattern)
    return lambda value: compiled.fullmatch(value) is not None


def one_of_stored(name: str, values: Callable[[], Collection[str]], *, version: Callable[[], str]) -> Check:
    """A value among those read from the database, kept in the page cache under the figures
    version (so it is read again after an import, and `cache.clear()` forgets it too)."""

    def check(value: str) -> bool:
        key = f"allowed:{name}:{version()}"
        allowed = cache.get(key)
        if allowed is None:
            allowed = frozenset(values())
            cache.set(key, allowed)
        return value in allowed

    return check


#: A year as the forms and links write it.
YEAR = matching(r"\d{4}")
