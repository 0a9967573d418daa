"""Boundaries of Amsterdam's buurten in the 2022 indeling of Gemeente Amsterdam, Onderzoek en
Statistiek (shared/data/SOURCES.md, file 16), filed under their CBS buurt codes.

The parent wijk is `WK0363` + `WIJKCODE_2022` only when that is the wijk the CBS code itself
names: BU0363AE01 lies in wijk AE, so WK0363AE. A buurt whose municipal wijk code is missing or
does not match its CBS code gets no parent from this file (in the bundled file the wijk code
"NA", Oostzanerwerf, was turned into an empty value by the tool that wrote it: 4 buurten).
Wijken get no record of their own here: their names and years come from CBS files.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused, RegionRecord
from wijkkompas.imports.features import Feature, feature_text, read_features
from wijkkompas.imports.registry import register
from wijkkompas.regions.codes import is_cbs_code, level_of, parent_code
from wijkkompas.regions.models import Level

AMSTERDAM = "GM0363"
BOUNDARY_YEAR = 2022
PROPERTIES = [
    "BUURTCODE_CBS_2022", "BUURTCODE_2022", "BUURTNAAM_2022", "WIJKCODE_2022", "WIJKNAAM_2022", "STADSDEELCODE",
    "STADSDEELNAAM",
]


def district_of(buurt_code: str, municipal_district_code: str) -> str | None:
    """The CBS wijk of an Amsterdam buurt, if the municipal wijk code agrees with the CBS code."""
    candidate = "WK0363" + municipal_district_code
    return candidate if candidate == parent_code(buurt_code) else None


@register
class AmsterdamBuurtenGeometryImporter(Importer):
    name = "amsterdam-buurten-geometrie"
    description = "Gemeente Amsterdam buurt boundaries 2022 with CBS buurt codes (GeoJSON)"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        if year is not None and year != BOUNDARY_YEAR:
            raise ImportRefused(
                _("these are the boundaries of %(boundary_year)s; they cannot be imported as %(year)s.")
                % {"boundary_year": BOUNDARY_YEAR, "year": year},
                file=path,
            )
        features = read_features(path, required=PROPERTIES)
        batch = ImportBatch(rows_read=len(features))
        seen: set[str] = set()
        for feature in features:
            code = self._code(path, feature, seen)
            name = feature_text(feature, "BUURTNAAM_2022", path=path)
            if not name:
                raise ImportRefused(
                    _("the name is empty."), file=path, feature=feature.number, column="BUURTNAAM_2022"
                )
            batch.regions.append(RegionRecord(
                code=code, level=Level.NEIGHBOURHOOD, year=BOUNDARY_YEAR, name=name,
                parent_code=district_of(code, feature_text(feature, "WIJKCODE_2022", path=path)),
                geometry=feature.geometry,
            ))
        return batch

    @staticmethod
    def _code(path: Path, feature: Feature, seen: set[str]) -> str:
        code = feature_text(feature, "BUURTCODE_CBS_2022", path=path)
        if not is_cbs_code(code) or level_of(code) != Level.NEIGHBOURHOOD or not code.startswith("BU" + AMSTERDAM[2:]):
            raise ImportRefused(
                _("'%(code)s' is not the CBS code of an Amsterdam buurt.") % {"code": code},
                file=path, feature=feature.number, column="BUURTCODE_CBS_2022",
            )
        if code in seen:
            raise ImportRefused(
                _("%(code)s appears more than once.") % {"code": code},
                file=path, feature=feature.number, column="BUURTCODE_CBS_2022",
            )
        seen.add(code)
        return code
