"""Boundaries of the provinces, gemeenten and wijken of the CBS indeling 2022, as published with
the R package tmap 4.0 (shared/data/SOURCES.md, files 1-3). The figures in the gemeente and
wijk files are read from their CSV twins by `cbs-kwb-tmap`; these importers take only codes,
names, parents and boundaries.

Two rings are self-intersecting in the source (WK071702 "Wijk 02 Vrouwenpolder" and GM0717
Veere, the same stretch of coast). They are kept as they are: Wijkkompas only draws
boundaries, which browsers fill correctly, and never computes areas or overlaps from them.
Coordinates were rounded to 5 decimals (about 1 m) in the conversion, small enough as is.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused, RegionRecord
from wijkkompas.imports.features import Feature, feature_text, read_features
from wijkkompas.imports.importers.cbs_tmap import VALUE_COLUMNS
from wijkkompas.imports.registry import register
from wijkkompas.regions.codes import is_cbs_code, level_of, parent_code
from wijkkompas.regions.models import Level
from wijkkompas.regions.provinces import PROVINCES, province_code_by_name

#: The tmap data describe one year: the CBS indeling and figures of 2022.
TMAP_YEAR = 2022
COUNTRY_CODE, COUNTRY_NAME = "NL00", "Nederland"

#: The figures tmap keeps beside each boundary; known, so they are not refused, but not read here.
TMAP_FIGURES = ["urbanity", *VALUE_COLUMNS]


def _check_year(path: Path, year: int | None) -> None:
    if year is not None and year != TMAP_YEAR:
        raise ImportRefused(
            _("these are the boundaries of %(boundary_year)s; they cannot be imported as %(year)s.")
            % {"boundary_year": TMAP_YEAR, "year": year},
            file=path,
        )


def _code(feature: Feature, path: Path, levels: tuple[str, ...]) -> str:
    code = feature_text(feature, "code", path=path)
    if not is_cbs_code(code) or level_of(code) not in levels:
        raise ImportRefused(
            _("'%(code)s' is not the CBS code of a %(level)s.")
            % {"code": code, "level": " / ".join(str(Level(level).label) for level in levels)},
            file=path, feature=feature.number, column="code",
        )
    return code


def _check_unique(code: str, seen: set[str], feature: Feature, path: Path) -> None:
    if code in seen:
        raise ImportRefused(
            _("%(code)s appears more than once.") % {"code": code}, file=path, feature=feature.number, column="code"
        )
    seen.add(code)


@register
class CbsProvincesImporter(Importer):
    name = "cbs-provincies-geojson"
    description = "CBS province boundaries 2022 (tmap export, GeoJSON), with Nederland as their parent"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        _check_year(path, year)
        features = read_features(path, required=["code", "name"])
        batch = ImportBatch(rows_read=len(features))
        batch.regions.append(RegionRecord(code=COUNTRY_CODE, level=Level.COUNTRY, year=TMAP_YEAR, name=COUNTRY_NAME))
        seen: set[str] = set()
        for feature in features:
            code = _code(feature, path, (Level.PROVINCE,))
            name = feature_text(feature, "name", path=path)
            if code not in PROVINCES or province_code_by_name(name) != code:
                raise ImportRefused(
                    _("'%(name)s' is not the province with code %(code)s.") % {"name": name, "code": code},
                    file=path, feature=feature.number, column="name",
                )
            _check_unique(code, seen, feature, path)
            # The official name ("Fryslân"), not the file's spelling without diacritic.
            batch.regions.append(RegionRecord(
                code=code, level=Level.PROVINCE, year=TMAP_YEAR, name=PROVINCES[code],
                parent_code=COUNTRY_CODE, geometry=feature.geometry,
            ))
        return batch


@register
class CbsTmapBoundariesImporter(Importer):
    name = "cbs-kwb-tmap-geojson"
    description = "CBS gemeente or wijk boundaries 2022 (tmap export, GeoJSON); figures come from cbs-kwb-tmap"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        _check_year(path, year)
        features = read_features(path, required=["code", "name", "province"], optional=TMAP_FIGURES)
        batch = ImportBatch(rows_read=len(features))
        seen: set[str] = set()
        for feature in features:
            code = _code(feature, path, (Level.MUNICIPALITY, Level.DISTRICT))
            _check_unique(code, seen, feature, path)
            name = feature_text(feature, "name", path=path)
            if not name:
                raise ImportRefused(
                    _("%(code)s has no name.") % {"code": code}, file=path, feature=feature.number, column="name"
                )
            province = province_code_by_name(feature_text(feature, "province", path=path))
            if province is None:
                raise ImportRefused(
                    _("'%(name)s' is not a Dutch province.") % {"name": feature_text(feature, "province", path=path)},
                    file=path, feature=feature.number, column="province",
                )
            is_municipality = level_of(code) == Level.MUNICIPALITY
            batch.regions.append(RegionRecord(
                code=code, level=level_of(code), year=TMAP_YEAR, name=name,
                parent_code=province if is_municipality else parent_code(code),
                province_code=province, geometry=feature.geometry,
            ))
        return batch
