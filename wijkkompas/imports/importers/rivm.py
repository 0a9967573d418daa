"""RIVM health estimates per gemeente, wijk and buurt (RIVM StatLine, e.g. table 50090NED "Gezondheid
per wijk en buurt; 2012/2016/2020 (indeling 2020)", SOURCES.md file 18): model-based estimates from
the Gezondheidsmonitor Volwassenen en Ouderen, one row per region, year and age group.

Columns: `regiocode`, `gemeentenaam`, `soort_regio`, `jaar`, `leeftijd`, then one column per
measure under its StatLine key, e.g. `Eenzaam_28`. As in `cbs_odata`, the number after the last
underscore is the column's position in that table, so keys are matched on their name part and a
later table with other numbers imports with the same command. A key whose name part is unknown
is refused, so a new measure is noticed rather than dropped. Known keys whose measure has no
indicator in the catalogue (rivm_gezondheid.toml) are left aside and listed in the run's column
report: the catalogue decides which measures are imported. The file may be comma or semicolon
separated, with codes padded by spaces and `.` for a missing estimate, as StatLine writes them.

Every measure gets one indicator per age group (`rivm_eenzaam_18plus`, `rivm_eenzaam_65plus`):
65+ is part of 18+, so the two are never one series. A file with another age group is refused.

StatLine codes the Netherlands as NL01 in this table, where the CBS tables by wijk en buurt use
NL00. Both are the country as a whole (the table's national figure is the estimate for all of the
Netherlands), so NL01 is filed under NL00, where the profile looks for the national figure.

The regions are those of the table's indeling (2020 for 50090NED; for a table not in `TABLES`,
the file's latest year): created as regions of that year. The file names only the gemeenten
(`gemeentenaam`); a gemeente the database already names keeps its name, and wijken and buurten keep the names other files gave them. A wijk or buurt that
no file names is not created under its bare code: its figures are left aside, listed on the run.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.utils.translation import gettext as _

from wijkkompas.imports.base import (
    ColumnReport, ImportBatch, Importer, ImportRefused, ObservationRecord, RegionRecord, SourceRecord,
)
from wijkkompas.imports.importers.cbs_rows import COUNTRY_CODE, COUNTRY_NAME, check_region_kind, table_year
from wijkkompas.imports.parsing import Row, parse_number, read_csv, read_text
from wijkkompas.imports.registry import register
from wijkkompas.indicators.catalogue import indicator_spec, load_catalogue
from wijkkompas.regions.codes import is_cbs_code, level_of, parent_code
from wijkkompas.regions.models import Level, Region

#: Name part of the StatLine key -> measure in the indicator key `rivm_<measure>_<age group>`.
RIVM_KEYS = {
    "ErvarenGezondheidGoedZeerGoed": "ervaren_gezondheid_goed",
    "VoldoetAanBeweegrichtlijn": "beweegrichtlijn",
    "WekelijkseSporters": "wekelijks_sporten",
    "Ondergewicht": "ondergewicht",
    "NormaalGewicht": "normaal_gewicht",
    "Overgewicht": "overgewicht",
    "ErnstigOvergewicht": "ernstig_overgewicht",
    "Roker": "roker",
    "VoldoetAanAlcoholRichtlijn": "alcoholrichtlijn",
    "Drinker": "drinker",
    "ZwareDrinker": "zware_drinker",
    "OvermatigeDrinker": "overmatige_drinker",
    "EenOfMeerLangdurigeAandoeningen": "langdurige_aandoening",
    "BeperktVanwegeGezondheid": "beperkt_door_gezondheid",
    "ErnstigBeperktVanwegeGezondheid": "ernstig_beperkt_door_gezondheid",
    "LangdurigeZiekteEnBeperkt": "langdurig_ziek_en_beperkt",
    "EenOfMeerLichamelijkeBeperkingen": "lichamelijke_beperking",
    "BeperkingInHoren": "beperking_horen",
    "BeperkingInZien": "beperking_zien",
    "BeperkingInBewegen": "beperking_bewegen",
    "MatigHoogRisicoOpAngstOfDepressie": "risico_angst_depressie",
    "HoogRisicoOpAngstOfDepressie": "hoog_risico_angst_depressie",
    "HeelVeelStressInAfgelopen4Weken": "veel_stress",
    "MatigVeelRegieOverEigenLeven": "regie_eigen_leven",
    "Eenzaam": "eenzaam",
    "ErnstigZeerErnstigEenzaam": "ernstig_eenzaam",
    "EmotioneelEenzaam": "emotioneel_eenzaam",
    "SociaalEenzaam": "sociaal_eenzaam",
    "Mantelzorger": "mantelzorger",
    "Vrijwilligerswerk": "vrijwilligerswerk",
    "ErnstigeGeluidhinderDoorBuren": "geluidhinder_buren",
    "MoeiteMetRondkomen": "moeite_met_rondkomen",
}
#: Keys of 50090NED that are empty in all its years: known, so they are left aside, not refused.
EMPTY_KEYS = frozenset({"LopenEnOfFietsenNaarSchoolOfWerk", "LopenNaarSchoolOfWerk", "FietsenNaarSchoolOfWerk"})
#: `leeftijd` as the table writes it -> age group in the indicator key.
AGE_GROUPS = {"18+": "18plus", "65+": "65plus"}
REGION_COLUMNS = ["regiocode", "gemeentenaam", "soort_regio", "jaar", "leeftijd"]
#: StatLine's code of the Netherlands in this table.
STATLINE_COUNTRY_CODE = "NL01"
#: RIVM StatLine tables by id: the title the publisher gives them, and the year of the indeling
#: of wijken en buurten all their years are given in.
TABLES = {"50090NED": ("Gezondheid per wijk en buurt; 2012/2016/2020 (indeling 2020)", 2020)}

_STATLINE_KEY = re.compile(r"^(?P<name>[A-Za-z0-9]+?)_(?P<number>\d+)$")
_TABLE_IN_NAME = re.compile(r"(\d+NED)", re.IGNORECASE)


def measure_columns(path: Path, header: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """(column -> measure to import, column -> why it is left aside).

    A measure is imported when the catalogue has its indicator for every age group; the other
    known keys are left aside and listed on the run. A catalogue measure not in the file is
    listed by its name part with `_*`, so the header check reports it as missing; an unknown key
    is in neither, so the header check refuses it as unknown.
    """
    indicators = load_catalogue().indicators
    found: dict[str, str] = {}
    left_aside: dict[str, str] = {}
    for column in header:
        match = _STATLINE_KEY.match(column)
        if match is None or match["name"] not in RIVM_KEYS.keys() | EMPTY_KEYS:
            continue
        measure = RIVM_KEYS.get(match["name"])
        if measure is None or any(f"rivm_{measure}_{age}" not in indicators for age in AGE_GROUPS.values()):
            left_aside[column] = "no_indicator"
            continue
        if measure in found.values():
            raise ImportRefused(
                _("two columns hold '%(name)s'.") % {"name": match["name"]}, file=path, row=1, column=column
            )
        found[column] = measure
    imported = {
        measure for measure in RIVM_KEYS.values()
        if all(f"rivm_{measure}_{age}" in indicators for age in AGE_GROUPS.values())
    }
    missing = {
        f"{name}_*": measure for name, measure in RIVM_KEYS.items()
        if measure in imported and measure not in found.values()
    }
    return {**found, **missing}, left_aside


@register
class RivmGezondheidImporter(Importer):
    name = "rivm-gezondheid"
    description = "RIVM health estimates per gemeente, wijk and buurt, 18+ and 65+ (StatLine 50090NED, CSV)"

    def read(self, path: Path, *, year: int | None = None) -> ImportBatch:
        delimiter, header = _header(path)
        columns, left_aside = measure_columns(path, header)
        source = _source(path)
        # Wijken and buurten of the 2020 indeling that no other file names (codes that changed before
        # the names of 2024 and 2025): their figures are left aside and listed on the run.
        batch = ImportBatch(sources=[source], leave_aside_unknown_regions=True)
        seen: set[tuple[str, int, str]] = set()
        gemeente_names: dict[str, str] = {}
        codes: set[str] = set()
        years: set[int] = set()
        ranges: dict[str, tuple[float | None, float | None]] = {}
        ages: set[str] = set()
        rows = read_csv(path, required=[*REGION_COLUMNS, *columns], optional=left_aside, delimiter=delimiter)
        for row in rows:
            batch.rows_read += 1
            code = _code(path, row)
            row_year = table_year(path, row, "jaar", expected=year)
            age = _age_group(path, row)
            if (code, row_year, age) in seen:
                raise ImportRefused(
                    _("region %(code)s appears twice for %(year)s and age group %(age)s.")
                    % {"code": code, "year": row_year, "age": row.text("leeftijd")},
                    file=path, row=row.number, column="regiocode",
                )
            seen.add((code, row_year, age))
            ages.add(age)
            codes.add(code)
            years.add(row_year)
            if level_of(code) == Level.MUNICIPALITY and row.text("gemeentenaam"):
                gemeente_names[code] = row.text("gemeentenaam")
            for column, measure in columns.items():
                key = f"rivm_{measure}_{age}"
                if key not in ranges:
                    spec = indicator_spec(key)
                    ranges[key] = (spec.minimum, spec.maximum)
                low, high = ranges[key]
                value = parse_number(
                    row.cells[column], path=path, row=row.number, column=column, minimum=low, maximum=high
                )
                if value is not None:
                    batch.observations.append(ObservationRecord(code, key, row_year, value, source.key))
        indeling = TABLES[source.table][1] if source.table in TABLES else max(years)
        batch.regions = _regions(codes, gemeente_names, year=indeling)
        batch.column_report = ColumnReport(
            imported={
                column: ", ".join(f"rivm_{measure}_{age}" for age in sorted(ages))
                for column, measure in columns.items()
            },
            region=list(REGION_COLUMNS), left_aside=left_aside,
        )
        return batch


def _header(path: Path) -> tuple[str, list[str]]:
    """The delimiter (a comma, or StatLine's semicolon) and the column names of the first line."""
    first = read_text(path).split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return delimiter, [name.strip().strip('"').strip() for name in first.split(delimiter)]


def _source(path: Path) -> SourceRecord:
    match = _TABLE_IN_NAME.search(path.name)
    table = match[1].upper() if match else ""
    return SourceRecord(
        key=f"rivm-{table.lower()}" if table else "rivm-gezondheid",
        publisher="RIVM (Gezondheidsmonitor Volwassenen en Ouderen van GGD'en, CBS en RIVM)",
        title=TABLES[table][0] if table in TABLES else "Gezondheid per wijk en buurt",
        table=table,
        url=f"https://statline.rivm.nl/#/RIVM/nl/dataset/{table}/table" if table else "https://statline.rivm.nl",
        licence="CC BY 4.0",
        note="Schattingen met een model (small area estimation), geen tellingen: per gemeente, wijk en buurt, "
        "voor inwoners van 18 jaar en ouder en van 65 jaar en ouder. Nederland heet in deze tabel NL01; "
        "Wijkkompas toont dat cijfer als het landelijke cijfer (NL00).",
    )


def _code(path: Path, row: Row) -> str:
    """The CBS code of the region, NL01 filed as NL00; the kind of region must match it."""
    code = row.text("regiocode")
    if code == STATLINE_COUNTRY_CODE:
        code = COUNTRY_CODE
    if not is_cbs_code(code) or level_of(code) == Level.PROVINCE:
        raise ImportRefused(
            _("'%(code)s' is not the CBS code of Nederland, a gemeente, wijk or buurt.") % {"code": code[:20]},
            file=path, row=row.number, column="regiocode",
        )
    check_region_kind(path, row, "soort_regio", code)
    return code


def _age_group(path: Path, row: Row) -> str:
    age = AGE_GROUPS.get(row.text("leeftijd"))
    if age is None:
        raise ImportRefused(
            _("'%(text)s' is not an age group of this table (%(known)s).")
            % {"text": row.text("leeftijd")[:20], "known": ", ".join(AGE_GROUPS)},
            file=path, row=row.number, column="leeftijd",
        )
    return age


def _regions(codes: set[str], gemeente_names: dict[str, str], *, year: int) -> list[RegionRecord]:
    """The regions of the file as regions of `year`; only gemeenten not named yet get the file's name."""
    stored = Region.objects.filter(code__in=codes).values_list("code", "name")
    named = {code for code, name in stored if name and name != code}
    records = []
    for code in sorted(codes):
        name = COUNTRY_NAME if code == COUNTRY_CODE else gemeente_names.get(code)
        records.append(RegionRecord(
            code=code, level=level_of(code), year=year, name=None if code in named else name,
            parent_code=parent_code(code),
        ))
    return records
