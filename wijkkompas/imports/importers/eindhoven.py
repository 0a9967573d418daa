"""Eindhoven's municipal buurten: their boundaries (data.eindhoven.nl) and a time series from
"Eindhoven in cijfers" (Swing). See shared/data/SOURCES.md, files 10 and 11.

These buurten are the municipality's own indeling, keyed by a three-digit municipal number and
by name, not by CBS code. They are regions of their own kind (level `gemeentelijke_buurt`, code
`EHV-<BUURTCODE>`) under gemeente GM0772. They are not matched to CBS buurten: no CBS list of
Eindhoven buurten is bundled to check a match against, and a match is never guessed.

The boundary file carries no year; its boundaries are filed under 2022, the last year of the
time series, unless the import names another year. The time series names each buurt only by
name; a row is joined to a boundary-file buurt by exact normalised name, so the boundaries must
be imported first. Swing's residual row "Onbekend" (addresses not assigned to any buurt) is
skipped: its figures belong to no area. Any other name that matches no buurt is refused.
"Eindhoven Airport" is a buurt of the boundary file (638, wijk Meerhoven), so it joins like any other.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused, ObservationRecord, RegionRecord, SourceRecord
from wijkkompas.imports.features import feature_number, feature_text, read_features
from wijkkompas.imports.parsing import Row, parse_number, read_csv
from wijkkompas.imports.registry import register
from wijkkompas.indicators.catalogue import indicator_spec
from wijkkompas.regions.codes import normalise_name
from wijkkompas.regions.models import Level, Region

EINDHOVEN = "GM0772"
GEOMETRY_YEAR = 2022

SOURCE = SourceRecord(
    key="eindhoven-in-cijfers",
    publisher="Gemeente Eindhoven (Eindhoven in cijfers)",
    title="Buurtcijfers Eindhoven 2006-2022",
    url="https://eindhoven.incijfers.nl",
    note="Export uit Eindhoven in cijfers (Swing) per gemeentelijke buurt, via het studentenproject "
    "EhvDS/eds_app (GitHub, 2023-2024); alleen van breed naar lang omgezet. De cijfers komen volgens de bron "
    "uit gemeentelijke bronnen. Woningvoorraad, inwoners, WOZ-waarde en energieverbruik 2008/2014-2021; "
    "ervaren gezondheid (enquête) 2006-2022. Licentie niet gecontroleerd.",
)

#: Indicator names as the file spells them (some English, from the student project) -> catalogue key.
INDICATORS = {
    "NumberHouses": "woningvoorraad",
    "Population": "inwoners",
    "woz-waarde (x 1000)": "woz_waarde",
    "AvgTotalElectricityUsage": "elektriciteitsverbruik",
    "gemiddeld aardgasverbruik totaal": "aardgasverbruik",
    "Beoordeling eigen gezondheid: matig of slecht": "pct_ervaren_gezondheid_matig_slecht",
}

#: Swing's markers: '.' unknown, 'x' secret (suppressed), '-' nil/not applicable; all stay missing.
SWING_MISSING = frozenset({"", ".", "x", "-"})
#: Swing's row for figures that could not be assigned to a buurt.
UNASSIGNED = "onbekend"


def buurt_code(number: int) -> str:
    return f"EHV-{number:03d}"


@register
class EindhovenGeometryImporter(Importer):
    name = "eindhoven-buurten-geometrie"
    description = "Eindhoven municipal buurten with boundaries (data.eindhoven.nl export, GeoJSON)"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        features = read_features(
            path, required=["BUURTCODE", "BUURTNAAM"],
            optional=["WIJKCODE", "WIJKNAAM", "STADSDEELCODE", "STADSDEELNAAM"],
        )
        batch = ImportBatch(rows_read=len(features))
        seen: set[str] = set()
        for feature in features:
            number = feature_number(feature, "BUURTCODE", path=path, minimum=1, maximum=999)
            if number is None or number != int(number):
                raise ImportRefused(
                    _("BUURTCODE must be a whole number."), file=path, feature=feature.number, column="BUURTCODE"
                )
            name = feature_text(feature, "BUURTNAAM", path=path)
            if not name:
                raise ImportRefused(
                    _("the buurt has no name."), file=path, feature=feature.number, column="BUURTNAAM"
                )
            code = buurt_code(int(number))
            for column, key in (("BUURTCODE", code), ("BUURTNAAM", normalise_name(name))):
                if (column, key) in seen:
                    raise ImportRefused(
                        _("this buurt appears more than once."), file=path, feature=feature.number, column=column
                    )
                seen.add((column, key))
            batch.regions.append(RegionRecord(
                code=code, level=Level.MUNICIPAL_NEIGHBOURHOOD, year=year or GEOMETRY_YEAR, name=name,
                parent_code=EINDHOVEN, municipality_code=EINDHOVEN, geometry=feature.geometry,
            ))
        return batch


@register
class EindhovenTimeSeriesImporter(Importer):
    name = "eindhoven-tijdreeksen"
    description = "Eindhoven in cijfers: buurt time series 2006-2022 (Swing export, long CSV, by buurt name)"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        batch = ImportBatch(sources=[SOURCE])
        buurten = _buurten_by_name()
        regions: dict[tuple[str, int], RegionRecord] = {}
        seen: set[tuple[str, str, int]] = set()
        rows = read_csv(path, required=["buurt_naam", "indicator", "jaar", "waarde", "symbool", "bronbestand"])
        for row in rows:
            batch.rows_read += 1
            name = normalise_name(row.text("buurt_naam"))
            if name == UNASSIGNED:
                continue
            code = _code(path, row, buurten.get(name, []))
            key = INDICATORS.get(row.text("indicator"))
            if key is None:
                raise ImportRefused(
                    _("'%(text)s' is not an indicator this importer knows.") % {"text": row.text("indicator")[:60]},
                    file=path, row=row.number, column="indicator",
                )
            file_year = _year(path, row)
            if (code, key, file_year) in seen:
                raise ImportRefused(
                    _("this buurt, indicator and year appear more than once."), file=path, row=row.number, column="jaar"
                )
            seen.add((code, key, file_year))
            regions[(code, file_year)] = RegionRecord(
                code=code, level=Level.MUNICIPAL_NEIGHBOURHOOD, year=file_year,
                parent_code=EINDHOVEN, municipality_code=EINDHOVEN,
            )
            value = _value(path, row, key)
            if value is not None:
                batch.observations.append(ObservationRecord(code, key, file_year, value, SOURCE.key))
        batch.regions = list(regions.values())
        return batch


def _buurten_by_name() -> dict[str, list[str]]:
    """The Eindhoven buurten already imported, by normalised name (a list, to catch ambiguity)."""
    buurten: dict[str, list[str]] = {}
    rows = Region.objects.filter(level=Level.MUNICIPAL_NEIGHBOURHOOD, municipality_code=EINDHOVEN)
    for code, name in rows.values_list("code", "search_name"):
        buurten.setdefault(name, []).append(code)
    return buurten


def _code(path: Path, row: Row, codes: list[str]) -> str:
    if len(codes) != 1:
        reason = (
            _("buurt '%(name)s' is not an Eindhoven buurt in the database. Import the buurt boundaries first.")
            if not codes else _("buurt '%(name)s' matches more than one Eindhoven buurt.")
        )
        raise ImportRefused(
            reason % {"name": row.text("buurt_naam")[:60]}, file=path, row=row.number, column="buurt_naam"
        )
    return codes[0]


def _year(path: Path, row: Row) -> int:
    year = parse_number(row.text("jaar"), path=path, row=row.number, column="jaar", minimum=1990, maximum=2100)
    if year is None or year != int(year):
        raise ImportRefused(_("the year must be a whole number."), file=path, row=row.number, column="jaar")
    return int(year)


def _value(path: Path, row: Row, key: str) -> float | None:
    marker = row.text("symbool")
    if marker not in SWING_MISSING:
        raise ImportRefused(
            _("'%(text)s' is not a known Swing marker (., x or -).") % {"text": marker[:10]},
            file=path, row=row.number, column="symbool",
        )
    if marker and row.text("waarde"):
        raise ImportRefused(
            _("the cell has a value and the marker '%(marker)s' for a missing value.") % {"marker": marker},
            file=path, row=row.number, column="waarde",
        )
    spec = indicator_spec(key)
    return parse_number(
        row.text("waarde"), path=path, row=row.number, column="waarde", minimum=spec.minimum, maximum=spec.maximum
    )
