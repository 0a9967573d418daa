"""What the importers of CBS's postcode files share: codes written without their prefix
(`00140000` for BU00140000), the check that the regions named exist in the file's year, and
the share of a postcode's addresses per region."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportRefused, PostcodeAreaRecord
from wijkkompas.regions.codes import is_cbs_code
from wijkkompas.regions.models import Level, RegionYear


def unprefixed_code(text: str, *, path: Path, row: int, column: str, prefix: str, width: int, level: str) -> str:
    """The CBS code (`BU00140000`) of a code written without its prefix and `width` characters
    long (`00140000`). A code of digits that is too short lost its leading zeros, usually in a
    spreadsheet; that is said, not repaired."""
    text = text.strip()
    if text.isdigit() and len(text) < width:
        raise ImportRefused(
            _("'%(code)s' has %(found)s characters where a code has %(width)s; the leading zeros may have "
              "been lost. Open the file as text, not in a spreadsheet.")
            % {"code": text[:20], "found": len(text), "width": width},
            file=path, row=row, column=column,
        )
    code = prefix + text.upper()
    if len(text) != width or not is_cbs_code(code):
        raise ImportRefused(
            _("'%(code)s' is not the CBS code of a %(level)s without its prefix.")
            % {"code": text[:20], "level": Level(level).label},
            file=path, row=row, column=column,
        )
    return code


def check_regions_of_year(
    path: Path, *, first_rows: Mapping[str, int], column: str, year: int, level: str
) -> None:
    """Every code (-> the first row that names it) is a region of `level` in `year`'s indeling as
    Wijkkompas knows it, so a code of another year's indeling is refused, not made into a region."""
    known = set(
        RegionYear.objects.filter(year=year, region__level=level, region__code__in=list(first_rows))
        .values_list("region__code", flat=True)
    )
    missing = sorted(set(first_rows) - known, key=first_rows.__getitem__)
    if missing:
        raise ImportRefused(
            _("%(code)s is not a %(level)s of %(year)s in Wijkkompas. It may belong to another year's "
              "indeling; import the regions of %(year)s first (for example with cbs-kwb-bevolking).")
            % {"code": missing[0], "level": Level(level).label, "year": year},
            file=path, row=first_rows[missing[0]], column=column,
        )


def postcode_areas(counts: Mapping[tuple[str, str], int], *, year: int) -> list[PostcodeAreaRecord]:
    """Records from address counts per (postcode, region code), each with its share of the
    postcode's addresses."""
    totals: Counter[str] = Counter()
    for (postcode, _code), count in counts.items():
        totals[postcode] += count
    return [
        PostcodeAreaRecord(postcode=postcode, region_code=code, year=year, address_count=count,
                           share=count / totals[postcode])
        for (postcode, code), count in sorted(counts.items())
    ]
