"""Dutch postcodes as people type them: `3523`, `3523 AB`, `3523ab`."""

from __future__ import annotations

import re

_POSTCODE = re.compile(r"^[1-9][0-9]{3}([A-Z]{2})?$")


def normalise_postcode(text: str) -> str | None:
    """The postcode without spaces and in capitals (``3523`` or ``3523AB``), or None when the
    text is not a Dutch postcode. PostNL gives no postcode starting with 0."""
    compact = "".join(text.split()).upper()
    return compact if _POSTCODE.match(compact) else None
