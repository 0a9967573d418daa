"""Leefbaarometer 3.0 scores per CBS wijk (Ministerie van BZK), in the column layout of the official
open-data file "Leefbaarometer-scores wijken". See shared/data/SOURCES.md, file 8, and DOMAIN.md.

The wijk codes are CBS codes, so the figures go straight onto the CBS wijken. The Leefbaarometer
spells some wijk names its own way ("Uilenstede - Kronenburg" where CBS has "Uilenstede,
Kronenburg"): a wijk the database already knows keeps its CBS name, and the file's name is
used only for a wijk that is not known yet.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import ImportBatch, Importer, ImportRefused, ObservationRecord, RegionRecord, SourceRecord
from wijkkompas.imports.importers.cbs_rows import code_of_level
from wijkkompas.imports.parsing import Row, parse_number, read_csv
from wijkkompas.imports.registry import register
from wijkkompas.indicators.catalogue import indicator_spec
from wijkkompas.regions.codes import parent_code
from wijkkompas.regions.models import Level, Region

SOURCE = SourceRecord(
    key="leefbaarometer-3",
    publisher="Ministerie van BZK (Leefbaarometer 3.0)",
    title="Leefbaarometer-scores wijken",
    url="https://www.leefbaarometer.nl",
    note="Leefbaarometer 3.0 (meting 2022), scores per wijk voor 2014, 2018, 2020 en 2022, met de kolomnamen "
    "van het open-databestand 'Leefbaarometer-scores wijken'. Gebundeld voor de wijken van Amstelveen, "
    "via GitHub kuuroooo/LeefbaarometerPrototype. De licentietekst was niet beschikbaar.",
)

#: Column -> indicator key: the total score, its deviation from the national mean, the five dimensions.
VALUE_COLUMNS = {
    "lbm": "lbm_totaalscore",
    "afw": "lbm_afwijking",
    "won": "lbm_woningen",
    "fys": "lbm_fysieke_omgeving",
    "vrz": "lbm_voorzieningen",
    "soc": "lbm_sociale_samenhang",
    "onv": "lbm_overlast_onveiligheid",
}


@register
class LeefbaarometerWijkenImporter(Importer):
    name = "leefbaarometer-wijken"
    description = "Leefbaarometer 3.0 scores per CBS wijk (BZK open data layout, CSV)"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        batch = ImportBatch(sources=[SOURCE])
        names: dict[tuple[str, int], str] = {}
        for row in read_csv(path, required=["wk_code", "wk_naam", "jaar", *VALUE_COLUMNS]):
            batch.rows_read += 1
            code = code_of_level(path, row, "wk_code", Level.DISTRICT, _("'%(code)s' is not the CBS code of a wijk."))
            file_year = _year(path, row)
            if (code, file_year) in names:
                raise ImportRefused(
                    _("wijk %(code)s appears twice for %(year)s.") % {"code": code, "year": file_year},
                    file=path, row=row.number, column="wk_code",
                )
            names[(code, file_year)] = row.text("wk_naam")
            for column, key in VALUE_COLUMNS.items():
                spec = indicator_spec(key)
                value = parse_number(
                    row.text(column), path=path, row=row.number, column=column,
                    minimum=spec.minimum, maximum=spec.maximum,
                )
                if value is not None:
                    batch.observations.append(ObservationRecord(code, key, file_year, value, SOURCE.key))
        # A region whose name is still its code was created as a placeholder parent: not named yet.
        stored = Region.objects.filter(code__in={code for code, _ignored in names}).values_list("code", "name")
        named = {code for code, name in stored if name and name != code}
        batch.regions = [
            RegionRecord(
                code=code, level=Level.DISTRICT, year=file_year, name=None if code in named else name or None,
                parent_code=parent_code(code),
            )
            for (code, file_year), name in names.items()
        ]
        return batch


def _year(path: Path, row: Row) -> int:
    year = parse_number(row.text("jaar"), path=path, row=row.number, column="jaar", minimum=2002, maximum=2100)
    if year is None or year != int(year):
        raise ImportRefused(_("the year must be a whole number."), file=path, row=row.number, column="jaar")
    return int(year)
