"""What every importer produces and how it refuses a file.

An importer only reads and validates: it turns a file into an `ImportBatch` of plain
records, or raises `ImportRefused` naming file, row (or GeoJSON feature) and column.
Writing is done by one service (`imports.services.import_file`) inside one transaction,
so a refused file can never leave half-written data.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd
from django.utils.translation import gettext as _


class ImportRefused(Exception):
    """A file that cannot be imported. The message is for people and says where the fault is.

    `row` is a line of a text file; a GeoJSON file names its `feature` (1 = the first) instead,
    so the reason itself need not repeat the number.
    """

    def __init__(
        self, reason: str, *, file: Path | str, row: int | None = None, feature: int | None = None,
        column: str | None = None,
    ):
        self.reason = reason
        self.file = Path(file).name
        self.row = row
        self.feature = feature
        self.column = column
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = [_("file %(file)s") % {"file": self.file}]
        if self.row is not None:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.feature is not None:
            where.append(_("feature %(number)s") % {"number": self.feature})
        if self.column is not None:
            where.append(_("column '%(column)s'") % {"column": self.column})
        return f"{', '.join(where)}: {self.reason}"


@dataclass(frozen=True, slots=True)
class RegionRecord:
    """A region as one file shows it in one year. `None` fields leave what is known as it is."""

    code: str
    level: str
    year: int
    name: str | None = None
    parent_code: str | None = None
    municipality_code: str | None = None
    province_code: str | None = None
    geometry: dict[str, Any] | None = None
    #: Where the file shows the region (row or GeoJSON feature, and the code's column), so a
    #: refusal by the write path (an unknown region, a wrong parent) can point at it.
    row: int | None = None
    feature: int | None = None
    column: str | None = None


@dataclass(frozen=True, slots=True)
class ObservationRecord:
    region_code: str
    indicator_key: str
    year: int
    value: float
    source_key: str


#: The columns of `ImportBatch.observation_frame`, the fields of `ObservationRecord`.
OBSERVATION_COLUMNS = ["region_code", "indicator_key", "year", "value", "source_key"]


@dataclass(frozen=True, slots=True)
class MatchRecord:
    source: str
    source_key: str
    region_code: str
    rule: str


@dataclass(frozen=True, slots=True)
class FocusAreaRecord:
    name: str
    municipality_code: str
    name_variant: str = ""


@dataclass(frozen=True, slots=True)
class PostcodeAreaRecord:
    """How many of a postcode's addresses lie in one region (a wijk for a 4-digit postcode, a
    buurt for a 6-digit one) in one year, and their share of the postcode's addresses."""

    postcode: str
    region_code: str
    year: int
    address_count: int
    share: float


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """The table the figures come from. Importers that serve many years (a new CBS year)
    describe their source here, so a new year needs no catalogue edit."""

    key: str
    publisher: str
    title: str
    table: str = ""
    year: int | None = None
    url: str = ""
    licence: str = ""
    note: str = ""


@dataclass
class ColumnReport:
    """What an importer that accepts unfamiliar columns did with each column of the file, so a
    column is never dropped unseen: `imported` (column -> catalogue indicator), `region` (columns
    that say which region a row is about) and `left_aside` (column -> why it was not imported)."""

    imported: dict[str, str] = field(default_factory=dict)
    region: list[str] = field(default_factory=list)
    left_aside: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"imported": dict(self.imported), "region": list(self.region), "left_aside": dict(self.left_aside)}


@dataclass
class ImportBatch:
    rows_read: int = 0
    sources: list[SourceRecord] = field(default_factory=list)
    regions: list[RegionRecord] = field(default_factory=list)
    observations: list[ObservationRecord] = field(default_factory=list)
    #: Observations as a table (`OBSERVATION_COLUMNS`), from importers that read millions of values
    #: at once; written like `observations`, and after them.
    observation_frame: pd.DataFrame | None = None
    matches: list[MatchRecord] = field(default_factory=list)
    focus_areas: list[FocusAreaRecord] = field(default_factory=list)
    #: Replace the stored postcode areas of each year and level these records cover.
    postcode_areas: list[PostcodeAreaRecord] = field(default_factory=list)
    #: Set by importers that report their columns (see `ColumnReport`); stored on the run.
    column_report: ColumnReport | None = None
    #: Leave the figures of regions the database does not know and the file does not name aside,
    #: listed on the run, instead of refusing the file: for series over many years whose older
    #: codes no file names (`regions.indeling`). A region is never created from its code alone.
    leave_aside_unknown_regions: bool = False


def observation_table(batch: ImportBatch) -> pd.DataFrame:
    """All observations of the batch, `observations` and then `observation_frame`, as one table."""
    records = pd.DataFrame(
        [(r.region_code, r.indicator_key, r.year, r.value, r.source_key) for r in batch.observations],
        columns=OBSERVATION_COLUMNS,
    ).astype({"year": "int64", "value": "float64"})
    if batch.observation_frame is None:
        return records
    if records.empty:
        return batch.observation_frame.reset_index(drop=True)
    return pd.concat([records, batch.observation_frame.astype(object)], ignore_index=True).astype(
        {"year": "int64", "value": "float64"})


class Importer(ABC):
    """Base class: subclasses set `name` and `description` and implement `read`."""

    name: ClassVar[str]
    description: ClassVar[str]

    #: Whether the file itself says which year it is about. If not, `read` gets `year`.
    needs_year: ClassVar[bool] = False

    @abstractmethod
    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        """Parse and validate the file; raise `ImportRefused` at the first fault."""
