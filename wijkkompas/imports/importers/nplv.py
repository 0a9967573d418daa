"""The 20 focus areas of the Nationaal Programma Leefbaarheid en Veiligheid (NPLV), each with its
gemeente. See shared/data/SOURCES.md, file 13.

No public list of the CBS wijken or buurten per focus area exists (the municipalities set the
boundaries), so only the gemeente is linked and no figures are imported. The gemeente must be in
the database already (the bundled data imports the CBS gemeenten first); when its CBS name is
known, the file's gemeente name must agree with it, so a mistyped code cannot link the wrong town.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import FocusAreaRecord, ImportBatch, Importer, ImportRefused
from wijkkompas.imports.importers.cbs_rows import code_of_level
from wijkkompas.imports.parsing import read_csv
from wijkkompas.imports.registry import register
from wijkkompas.regions.codes import normalise_name
from wijkkompas.regions.models import Level, RegionYear


@register
class NplvFocusAreasImporter(Importer):
    name = "nplv-focusgebieden"
    description = "NPLV focus areas with their gemeente (CSV)"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        batch = ImportBatch()
        rows = list(read_csv(path, required=["focusgebied", "gemeente", "gemeentecode", "naamvariant_in_bronnen"]))
        known = _municipality_names({row.text("gemeentecode") for row in rows})
        seen: set[str] = set()
        for row in rows:
            batch.rows_read += 1
            name = row.text("focusgebied")
            code = code_of_level(
                path, row, "gemeentecode", Level.MUNICIPALITY,
                _("'%(code)s' is not a CBS gemeentecode (GM and four digits)."),
            )
            if not name or normalise_name(name) in seen:
                raise ImportRefused(
                    _("the focus area has no name, or appears twice."), file=path, row=row.number, column="focusgebied"
                )
            seen.add(normalise_name(name))
            if code in known and normalise_name(row.text("gemeente")) not in known[code]:
                raise ImportRefused(
                    _("gemeente '%(name)s' is not the gemeente with code %(code)s.")
                    % {"name": row.text("gemeente")[:60], "code": code},
                    file=path, row=row.number, column="gemeente",
                )
            batch.focus_areas.append(FocusAreaRecord(
                name=name, municipality_code=code, name_variant=row.text("naamvariant_in_bronnen"),
            ))
        return batch


def _municipality_names(codes: set[str]) -> dict[str, set[str]]:
    """The normalised names each gemeente had in any year the database knows."""
    names: dict[str, set[str]] = {}
    for code, name in RegionYear.objects.filter(region__code__in=codes).values_list("region__code", "name"):
        names.setdefault(code, set()).add(normalise_name(name))
    return names
