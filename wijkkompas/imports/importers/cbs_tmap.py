"""CBS Kerncijfers wijken en buurten 2022 for all gemeenten or wijken, as published with the
R package tmap (English column names). See shared/data/SOURCES.md, files 1 and 2."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused, ObservationRecord, RegionRecord
from wijkkompas.imports.importers.cbs_sources import cbs_source
from wijkkompas.imports.parsing import parse_number, read_csv
from wijkkompas.imports.registry import register
from wijkkompas.indicators.catalogue import indicator_spec
from wijkkompas.indicators.models import Unit
from wijkkompas.regions.codes import is_cbs_code, level_of, parent_code
from wijkkompas.regions.models import Level
from wijkkompas.regions.provinces import province_code_by_name

SOURCE = cbs_source(
    "cbs-kwb-2022", "Kerncijfers wijken en buurten 2022", 2022,
    note="CBS-maatwerkbestand kerncijfers wijken en buurten 2022, zoals verspreid met het R-pakket tmap 4.0 "
    "(Engelse kolomnamen; oppervlakte omgerekend van km² naar hectare).",
)

#: Column -> (indicator key, factor). tmap gives area in km²; the catalogue keeps hectare (1 km² = 100 ha).
VALUE_COLUMNS = {
    "population": ("inwoners", 1),
    "pop_0_14": ("pct_0_14", 1),
    "pop_15_24": ("pct_15_24", 1),
    "pop_25_44": ("pct_25_44", 1),
    "pop_45_64": ("pct_45_64", 1),
    "pop_65plus": ("pct_65_plus", 1),
    "dwelling_total": ("woningvoorraad", 1),
    "dwelling_value": ("woz_waarde", 1),
    "dwelling_ownership": ("pct_koopwoningen", 1),
    "employment_rate": ("nettoarbeidsparticipatie", 1),
    "income_low": ("pct_personen_laag_inkomen", 1),
    "income_high": ("pct_personen_hoog_inkomen", 1),
    "edu_appl_sci": ("pct_hbo_wo", 1),
    "area": ("oppervlakte_totaal", 100),
}

#: tmap's English text for CBS "Mate van stedelijkheid" (1 = zeer sterk stedelijk).
URBANITY_CLASSES = {
    "extremely urbanised": 1,
    "strongly urbanised": 2,
    "moderately urbanised": 3,
    "hardly urbanised": 4,
    "not urbanised": 5,
}


@register
class CbsTmapImporter(Importer):
    name = "cbs-kwb-tmap"
    description = "CBS Kerncijfers wijken en buurten 2022, gemeenten of wijken (tmap-export, CSV)"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        batch = ImportBatch(sources=[SOURCE])
        rows = read_csv(path, required=["jaar", "code", "name", "province", "urbanity", *VALUE_COLUMNS])
        for row in rows:
            batch.rows_read += 1
            code = row.text("code")
            if not is_cbs_code(code) or level_of(code) not in (Level.MUNICIPALITY, Level.DISTRICT):
                raise ImportRefused(
                    _("'%(code)s' is not the code of a gemeente or wijk.") % {"code": code},
                    file=path, row=row.number, column="code",
                )
            file_year = int(parse_number(row.text("jaar"), path=path, row=row.number, column="jaar", minimum=1990, maximum=2100) or 0)
            if file_year != SOURCE.year:
                raise ImportRefused(
                    _("this importer reads the 2022 table; the row says %(year)s.") % {"year": row.text("jaar")},
                    file=path, row=row.number, column="jaar",
                )
            province = province_code_by_name(row.text("province"))
            if province is None:
                raise ImportRefused(
                    _("'%(name)s' is not a Dutch province.") % {"name": row.text("province")},
                    file=path, row=row.number, column="province",
                )
            is_municipality = level_of(code) == Level.MUNICIPALITY
            batch.regions.append(RegionRecord(
                code=code, level=level_of(code), year=file_year, name=row.text("name"),
                parent_code=province if is_municipality else parent_code(code),
                province_code=province,
            ))
            batch.observations.extend(self._observations(path, row, code, file_year))
        return batch

    def _observations(self, path, row, code, year):
        for column, (key, factor) in VALUE_COLUMNS.items():
            spec = indicator_spec(key)
            value = parse_number(
                row.text(column), path=path, row=row.number, column=column,
                minimum=None if spec.minimum is None else spec.minimum / factor,
                maximum=None if spec.maximum is None else spec.maximum / factor,
                whole=spec.unit == Unit.COUNT and factor == 1,
            )
            if value is not None:
                yield ObservationRecord(code, key, year, round(value * factor, 6), SOURCE.key)
        urbanity = row.text("urbanity")
        if urbanity:
            if urbanity not in URBANITY_CLASSES:
                raise ImportRefused(
                    _("'%(text)s' is not a known degree of urbanisation.") % {"text": urbanity},
                    file=path, row=row.number, column="urbanity",
                )
            yield ObservationRecord(code, "stedelijkheid", year, URBANITY_CLASSES[urbanity], SOURCE.key)
