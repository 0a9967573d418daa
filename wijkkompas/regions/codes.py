"""Facts about CBS region codes: GM0363 (gemeente), WK036393 (wijk), BU03639301 (buurt)."""

import re
import unicodedata

from wijkkompas.regions.models import Level

_CBS_CODE = re.compile(r"^(NL00|PV\d{2}|GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$")
_LEVEL_BY_PREFIX = {
    "NL": Level.COUNTRY, "PV": Level.PROVINCE, "GM": Level.MUNICIPALITY, "WK": Level.DISTRICT, "BU": Level.NEIGHBOURHOOD,
}


def is_cbs_code(code: str) -> bool:
    return bool(_CBS_CODE.match(code))


def level_of(code: str) -> str:
    """The level a CBS code belongs to; ValueError for a code that is not a CBS code."""
    if not is_cbs_code(code):
        raise ValueError(f"{code!r} is not a CBS region code")
    return _LEVEL_BY_PREFIX[code[:2]]


def parent_code(code: str) -> str | None:
    """The CBS parent in the hierarchy: buurt -> wijk -> gemeente. Provinces are not in the code."""
    level = level_of(code)
    if level == Level.NEIGHBOURHOOD:
        return "WK" + code[2:8]
    if level == Level.DISTRICT:
        return "GM" + code[2:6]
    return None


def municipality_code(code: str) -> str | None:
    if level_of(code) in (Level.MUNICIPALITY, Level.DISTRICT, Level.NEIGHBOURHOOD):
        return "GM" + code[2:6]
    return None


def normalise_name(name: str) -> str:
    """Lower case, no accents, single spaces: how names are compared and searched."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.lower().split())
