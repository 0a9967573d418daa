"""Which region records an import may write: no phantom regions, parents that fit the codes.

A region is only created when the file names it (or when it is a province or the country, whose
official names are known): a region named by nothing but its code is a phantom, usually a code
of another year's indeling or a typing error. A file that gives figures without names must come
after a file that names its regions (the CBS list of wijken en buurten of that year, or a table
with names); a series over many years whose older codes no file names may leave those figures
aside instead (`ImportBatch.leave_aside_unknown_regions`), listed on the run. A CBS code says its
own parents (BU03630001 lies in WK036300, which lies in GM0363), so a record must agree with its
code. A parent that nobody names is not created either: the region is stored without that link,
which the run lists.

A code of an older indeling in a newer table (a gemeente that merged, still listed) is noticed
when the database knows a later indeling without it: a region whose last known year is L is
refused for year Y > L when its gemeente (for a gemeente: its province) has other regions of the
same level in a year after L up to Y, unless the file names it. The other way round is not
refused: a file about an earlier year than the region's first known one (figures of 2010 on
today's codes) fits, as CBS often recalculates older figures on a newer indeling.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from wijkkompas.regions.codes import is_cbs_code, level_of, municipality_code, parent_code
from wijkkompas.regions.models import Level, Region, RegionYear
from wijkkompas.regions.provinces import PROVINCES

if TYPE_CHECKING:
    from wijkkompas.imports.base import RegionRecord

COUNTRY_CODE = "NL00"
#: Regions whose names are known without a file: the country and the provinces.
OFFICIAL_NAMES = {COUNTRY_CODE: "Nederland", **PROVINCES}
_BY_CODE_LEVELS = (Level.MUNICIPALITY, Level.DISTRICT, Level.NEIGHBOURHOOD)


class RegionRefused(ValueError):
    """A region record the write path cannot accept; `record` says where the file shows it."""

    def __init__(self, reason: str, record: RegionRecord):
        super().__init__(reason)
        self.reason = reason
        self.record = record


def is_named(region: Region) -> bool:
    """A stored region with a real name, not a placeholder named by its code (older databases)."""
    return bool(region.name) and region.name != region.code


@dataclass
class RegionCheck:
    """What the write path does besides writing: `left_aside` are codes of unknown, unnamed
    regions whose records (and figures) are dropped, when the import allows that; `unlinked`
    are codes of parents nobody describes, which get no placeholder: the link is left out."""

    left_aside: set[str] = field(default_factory=set)
    unlinked: set[str] = field(default_factory=set)


def check_region_records(
    *, records: Iterable[RegionRecord], known: dict[str, Region], leave_aside_unknown: bool = False
) -> RegionCheck:
    """Raise `RegionRefused` for the first record that would create a phantom region (unless
    `leave_aside_unknown`), contradict its own code, or use a code of an older indeling.
    `known` are the stored regions by code, among them those the records name."""
    records = list(records)
    named = {code for code, region in known.items() if is_named(region)} | OFFICIAL_NAMES.keys()
    named |= {record.code for record in records if record.name}
    check = RegionCheck()
    for record in records:
        _check_consistent(record)
        if record.code not in named:
            if leave_aside_unknown:
                check.left_aside.add(record.code)
                continue
            raise RegionRefused(
                _("region %(code)s is not known for %(year)s, and the file does not name it. Import a file that "
                  "names the regions of that year first (such as the CBS list of wijken en buurten), or check the "
                  "code: it may belong to the indeling of another year.") % {"code": record.code, "year": record.year},
                record,
            )
        parents = (record.parent_code, record.province_code)
        check.unlinked |= {parent for parent in parents if parent and parent not in named}
    _check_not_ended([record for record in records if record.code not in check.left_aside], known)
    return check


def _check_consistent(record: RegionRecord) -> None:
    if not is_cbs_code(record.code):
        return
    level = level_of(record.code)
    if record.level and record.level != level:
        raise RegionRefused(
            _("%(code)s is the code of a %(level)s, not of a %(other)s.")
            % {"code": record.code, "level": Level(level).label, "other": Level(record.level).label},
            record,
        )
    expected = {Level.DISTRICT: parent_code, Level.NEIGHBOURHOOD: parent_code}.get(level)
    fits = [
        (record.parent_code, expected(record.code) if expected else None),
        (record.municipality_code, municipality_code(record.code) if level in _BY_CODE_LEVELS else None),
    ]
    for given, wanted in fits:
        if given and wanted and given != wanted:
            raise RegionRefused(
                _("%(code)s cannot lie in %(given)s: by its code it lies in %(wanted)s.")
                % {"code": record.code, "given": given, "wanted": wanted},
                record,
            )
    if level == Level.MUNICIPALITY and record.parent_code and record.parent_code not in PROVINCES:
        raise RegionRefused(
            _("%(code)s cannot lie in %(given)s: the parent of a gemeente is a province.")
            % {"code": record.code, "given": record.parent_code},
            record,
        )
    if record.province_code and record.province_code not in PROVINCES:
        raise RegionRefused(_("%(code)s is not a Dutch province.") % {"code": record.province_code}, record)


def _check_not_ended(records: list[RegionRecord], known: dict[str, Region]) -> None:
    """Refuse an unnamed record of a region that a later indeling in the database leaves out."""
    candidates = [
        record for record in records
        if not record.name and record.code in known and known[record.code].level in _BY_CODE_LEVELS
        and known[record.code].last_year is not None and known[record.code].last_year < record.year
    ]
    if not candidates:
        return
    later_years: dict[tuple[str, str | None], set[int]] = {}
    rows = RegionYear.objects.filter(
        region__level__in={known[record.code].level for record in candidates},
        year__gt=min(known[record.code].last_year for record in candidates),
        year__lte=max(record.year for record in candidates),
    ).values_list("region__level", "region__municipality_code", "region__province_id", "year").distinct()
    for level, municipality, province, year in rows:
        later_years.setdefault(_scope(level, municipality, province), set()).add(year)
    for record in candidates:
        region = known[record.code]
        later = sorted(
            year for year in later_years.get(_scope(region.level, region.municipality_code, region.province_id), ())
            if region.last_year < year <= record.year
        )
        if later:
            raise RegionRefused(
                _("region %(code)s was last known in %(last)s and is not in the indeling of %(later)s that the "
                  "database knows, so it cannot have figures for %(year)s unless the file names it. Is it a code "
                  "of an older indeling?")
                % {"code": record.code, "last": region.last_year, "later": later[0], "year": record.year},
                record,
            )


def _scope(level: str, municipality: str | None, province: int | None) -> tuple[str, str | int | None]:
    """Gemeenten are compared with the gemeenten of their province, wijken and buurten with those of
    their gemeente: a table of one city (Amsterdam in 2019) says nothing of a gemeente elsewhere."""
    return (level, province if level == Level.MUNICIPALITY else municipality)
