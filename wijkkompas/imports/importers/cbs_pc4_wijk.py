"""4-digit postcodes and the CBS wijken their addresses lie in (data/PROVENANCE.md): one row per
postcode and wijk with `pc4`, `wijkcode`, `gemeentecode`, `n_adressen`, `aandeel`, `rang`,
`jaar`, `wijknaam_lbl2025` and `gemeentenaam`, counted by CBS from its postcode-huisnummer file.

The wijken must exist in that year already (import the year's regions first), so a code of
another indeling is refused instead of becoming a region named by its code. The share is
computed from the address counts; the file's own `aandeel` (4 decimals) and `rang` must agree
with them. The two name columns are not imported: names come from the CBS lists of names.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused
from wijkkompas.imports.importers.cbs_postcode_rows import check_regions_of_year, postcode_areas
from wijkkompas.imports.importers.cbs_rows import code_of_level, single_year
from wijkkompas.imports.parsing import Row, parse_number, read_csv
from wijkkompas.imports.registry import register
from wijkkompas.regions.codes import municipality_code
from wijkkompas.regions.models import Level

POSTCODE, WIJK, GEMEENTE, ADDRESSES, SHARE, RANK, YEAR = (
    "pc4", "wijkcode", "gemeentecode", "n_adressen", "aandeel", "rang", "jaar",
)
NAME_COLUMNS = ["wijknaam_lbl2025", "gemeentenaam"]
#: `aandeel` is rounded to 4 decimals.
SHARE_TOLERANCE = 0.00005 + 1e-9


def whole_number(path: Path, row: Row, column: str, *, minimum: int) -> int:
    value = parse_number(row.text(column), path=path, row=row.number, column=column, minimum=minimum)
    if value is None or value != int(value):
        raise ImportRefused(
            _("'%(text)s' is not a whole number.") % {"text": row.text(column)[:40]},
            file=path, row=row.number, column=column,
        )
    return int(value)


def postcode4(path: Path, row: Row) -> str:
    text = row.text(POSTCODE)
    if len(text) != 4 or not text.isdigit() or text[0] == "0":
        raise ImportRefused(
            _("'%(text)s' is not a 4-digit postcode.") % {"text": text[:20]}, file=path, row=row.number, column=POSTCODE
        )
    return text


@register
class CbsPc4WijkImporter(Importer):
    name = "cbs-pc4-wijk"
    description = "4-digit postcodes and the CBS wijken of their addresses, with address counts (CSV)"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        batch = ImportBatch()
        counts: dict[tuple[str, str], int] = {}
        stated: dict[str, list[tuple[int, float, int, int]]] = defaultdict(list)  # (row, share, rank, count)
        first_rows: dict[str, int] = {}
        file_year: int | None = year
        for row in read_csv(path, required=[POSTCODE, WIJK, GEMEENTE, ADDRESSES, SHARE, RANK, YEAR, *NAME_COLUMNS]):
            batch.rows_read += 1
            file_year = single_year(
                path, row, YEAR, expected=file_year,
                mismatch=_("the year is %(found)s where %(expected)s was expected; a table is about one year."),
            )
            postcode = postcode4(path, row)
            wijk = code_of_level(path, row, WIJK, Level.DISTRICT, _("'%(code)s' is not the CBS code of a wijk."))
            gemeente = code_of_level(
                path, row, GEMEENTE, Level.MUNICIPALITY, _("'%(code)s' is not the CBS code of a gemeente.")
            )
            if municipality_code(wijk) != gemeente:
                raise ImportRefused(
                    _("wijk %(code)s does not lie in gemeente %(municipality)s.")
                    % {"code": wijk, "municipality": gemeente},
                    file=path, row=row.number, column=GEMEENTE,
                )
            if (postcode, wijk) in counts:
                raise ImportRefused(
                    _("postcode %(postcode)s and wijk %(code)s appear more than once.")
                    % {"postcode": postcode, "code": wijk},
                    file=path, row=row.number, column=WIJK,
                )
            count = whole_number(path, row, ADDRESSES, minimum=1)
            counts[(postcode, wijk)] = count
            share = parse_number(row.text(SHARE), path=path, row=row.number, column=SHARE, minimum=0, maximum=1)
            if share is None:
                raise ImportRefused(_("the share is missing."), file=path, row=row.number, column=SHARE)
            stated[postcode].append((row.number, share, whole_number(path, row, RANK, minimum=1), count))
            first_rows.setdefault(wijk, row.number)
        check_regions_of_year(path, first_rows=first_rows, column=WIJK, year=file_year, level=Level.DISTRICT)
        batch.postcode_areas = postcode_areas(counts, year=file_year)
        _check_shares_and_ranks(path, stated)
        return batch


def _check_shares_and_ranks(path: Path, stated: dict[str, list[tuple[int, float, int, int]]]) -> None:
    """`aandeel` is the row's addresses over the postcode's, and `rang` 1, 2 … runs from the
    wijk with most addresses down."""
    for rows in stated.values():
        total = sum(item[3] for item in rows)
        for number, share, _rank, count in rows:
            if abs(share - count / total) > SHARE_TOLERANCE:
                raise ImportRefused(
                    _("the share %(share)s does not match the addresses: %(count)s of %(total)s is %(computed)s.")
                    % {"share": f"{share:g}", "count": count, "total": total, "computed": f"{count / total:.4f}"},
                    file=path, row=number, column=SHARE,
                )
        by_rank = sorted(rows, key=lambda item: item[2])
        for position, (number, _share, rank, count) in enumerate(by_rank, start=1):
            if rank != position or position > 1 and count > by_rank[position - 2][3]:
                raise ImportRefused(
                    _("the rank does not follow the number of addresses (1 = the wijk with most)."),
                    file=path, row=number, column=RANK,
                )
