"""The CBS/Kadaster Wijk- en Buurtkaart in the PDOK "wijken-en-buurten" feature format: buurten
with boundaries and about 200 snake_case statistics each (shared/data/SOURCES.md, file 12).

The figures are those of "Kerncijfers wijken en buurten" of the year in `jaar`, filed under
source `cbs-kwb-<jaar>` together with the StatLine table of that year. PDOK publishes an early
release first: many figures are still -99995 ("published in a later version") or -99997
("secret or not present"); both stay missing. A later release imported with the same command
fills them in. (The Source row itself is the one every `cbs-kwb-<year>` importer writes; see
cbs_sources.kwb_source.)

Every property must be known (`cbs_pdok_properties`), so a renamed or new one is refused.
Statistics may be absent, since CBS adds and drops variables between years; codes, names,
the water flag and the year must be there.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused, ObservationRecord, RegionRecord
from wijkkompas.imports.features import Feature, feature_number, feature_text, read_features
from wijkkompas.imports.importers.cbs_pdok_properties import PROPERTY_KEYS, SKIPPED_PROPERTIES
from wijkkompas.imports.importers.cbs_sources import kwb_source
from wijkkompas.imports.registry import register
from wijkkompas.indicators.catalogue import indicator_spec
from wijkkompas.indicators.models import Unit
from wijkkompas.regions.codes import is_cbs_code, level_of, parent_code
from wijkkompas.regions.models import Level

#: "B" marks Belgian territory around Baarle-Nassau (CBS toelichting, variable `water`).
WATER_VALUES = {"JA", "NEE", "B"}
REQUIRED = ["buurtcode", "buurtnaam", "wijkcode", "gemeentecode", "gemeentenaam", "water", "jaar"]


@register
class CbsWijkenBuurtenGeojsonImporter(Importer):
    name = "cbs-wijkenbuurten-geojson"
    description = "CBS/Kadaster Wijk- en Buurtkaart, buurten with figures (PDOK wijken-en-buurten GeoJSON)"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        features = read_features(path, required=REQUIRED, optional=[*SKIPPED_PROPERTIES, *PROPERTY_KEYS])
        batch = ImportBatch(rows_read=len(features))
        parents: dict[str, RegionRecord] = {}
        seen: set[str] = set()
        for feature in features:
            file_year = self._year(path, feature, batch.sources[0].year if batch.sources else year)
            if not batch.sources:
                batch.sources.append(kwb_source(file_year))
            code = self._codes(path, feature, seen, file_year)
            if feature_text(feature, "water", path=path) not in WATER_VALUES:
                raise ImportRefused(
                    _("'%(value)s' should be JA, NEE or B.") % {"value": feature_text(feature, "water", path=path)},
                    file=path, feature=feature.number, column="water",
                )
            batch.regions.append(RegionRecord(
                code=code, level=Level.NEIGHBOURHOOD, year=file_year, name=self._name(path, feature, "buurtnaam"),
                parent_code=parent_code(code), geometry=feature.geometry,
            ))
            self._add_parents(path, feature, file_year, parents)
            batch.observations.extend(self._observations(path, feature, code, file_year, batch.sources[0].key))
        batch.regions.extend(parents.values())
        return batch

    @staticmethod
    def _year(path: Path, feature: Feature, expected: int | None) -> int:
        value = feature_number(feature, "jaar", path=path, minimum=1990, maximum=2100)
        if value is None:
            raise ImportRefused(_("the year is missing."), file=path, feature=feature.number, column="jaar")
        if expected is not None and value != expected:
            raise ImportRefused(
                _("the year is %(found)s where %(expected)s was expected; a file is about one year.")
                % {"found": int(value), "expected": expected},
                file=path, feature=feature.number, column="jaar",
            )
        return int(value)

    @staticmethod
    def _codes(path: Path, feature: Feature, seen: set[str], year: int) -> str:
        """The buurt code, checked against its wijk, gemeente and `jrstatcode`."""
        code = feature_text(feature, "buurtcode", path=path)
        if not is_cbs_code(code) or level_of(code) != Level.NEIGHBOURHOOD or code in seen:
            raise ImportRefused(
                _("'%(code)s' is not the code of a buurt, or appears twice.") % {"code": code},
                file=path, feature=feature.number, column="buurtcode",
            )
        seen.add(code)
        district = parent_code(code)
        expected = {"wijkcode": district, "gemeentecode": parent_code(district)}
        if "jrstatcode" in feature.properties:
            expected["jrstatcode"] = f"{year}{code}"
        for column, value in expected.items():
            if feature_text(feature, column, path=path) != value:
                raise ImportRefused(
                    _("'%(found)s' does not fit buurt %(code)s; expected %(expected)s.")
                    % {"found": feature_text(feature, column, path=path), "code": code, "expected": value},
                    file=path, feature=feature.number, column=column,
                )
        return code

    @staticmethod
    def _name(path: Path, feature: Feature, column: str) -> str:
        name = feature_text(feature, column, path=path)
        if not name:
            raise ImportRefused(_("the name is empty."), file=path, feature=feature.number, column=column)
        return name

    def _add_parents(self, path: Path, feature: Feature, year: int, parents: dict[str, RegionRecord]) -> None:
        """The wijk and gemeente of the buurt, once each. The buurt layer names the gemeente
        but not the wijk, so the wijk keeps the name it has from another file."""
        district = feature_text(feature, "wijkcode", path=path)
        municipality = feature_text(feature, "gemeentecode", path=path)
        parents.setdefault(
            district, RegionRecord(code=district, level=Level.DISTRICT, year=year, parent_code=municipality)
        )
        name = self._name(path, feature, "gemeentenaam")
        known = parents.setdefault(
            municipality, RegionRecord(code=municipality, level=Level.MUNICIPALITY, year=year, name=name)
        )
        if known.name != name:
            raise ImportRefused(
                _("gemeente %(code)s is called '%(name)s' here and '%(other)s' before.")
                % {"code": municipality, "name": name, "other": known.name},
                file=path, feature=feature.number, column="gemeentenaam",
            )

    @staticmethod
    def _observations(path: Path, feature: Feature, code: str, year: int, source_key: str):
        for column, key in PROPERTY_KEYS.items():
            if column not in feature.properties:
                continue
            spec = indicator_spec(key)
            value = feature_number(
                feature, column, path=path, minimum=spec.minimum, maximum=spec.maximum, whole=spec.unit == Unit.COUNT,
            )
            if value is not None:
                yield ObservationRecord(code, key, year, value, source_key)
