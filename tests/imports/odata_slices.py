"""Small slices of real CBS KWB figures, laid out as CBS publishes the table through StatLine and
its OData API, written in the test's temporary folder.

No value is made up: the figures come from the bundled files (2024: `..._gemeente_wijk_basis`
and `..._alle_regios_bevolking`, both from table 85984NED; 2019: the StatLine download of
84583NED for Amsterdam), the keys and metadata from the tables' `DataProperties` and
`TableInfos` (tests/imports/data/kwb_keys_*.txt). What is CBS's way of writing is redone here:
codes and names padded with spaces, a `.` for a missing value, semicolons and quoted fields, a
decimal comma, JSON records with typed numbers.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.imports.copies import data_text
from wijkkompas.imports.bundled import bundled_path
from wijkkompas.imports.importers.cbs_statline_r import COLUMNS as STATLINE_R_COLUMNS

KEYS_DIR = Path(__file__).resolve().parent / "data"
BASIS = bundled_path("cbs_kwb2024_85984NED_gemeente_wijk_basis.csv")
BEVOLKING = bundled_path("cbs_kwb2024_85984NED_alle_regios_bevolking.csv")
KWB_2019 = bundled_path("cbs_kwb2019_84583NED_amsterdam.csv")

#: Gemeente and wijk rows that are in both 2024 files: Utrecht, Overvecht, Aa en Hunze, Annen.
CSV_CODES = ("GM0344", "WK034403", "GM1680", "WK168000")
#: Rows from Nederland down to buurten of Overvecht (the population block covers buurten).
JSON_CODES = ("NL00", "GM0344", "WK034403", "BU03440311", "BU03440312")

#: 85984NED key -> column of the bundled population file.
BEVOLKING_KEYS = {
    "AantalInwoners_5": "aantal_inwoners", "Mannen_6": "mannen", "Vrouwen_7": "vrouwen",
    "k_0Tot15Jaar_8": "leeftijd_0_15", "k_15Tot25Jaar_9": "leeftijd_15_25", "k_25Tot45Jaar_10": "leeftijd_25_45",
    "k_45Tot65Jaar_11": "leeftijd_45_65", "k_65JaarOfOuder_12": "leeftijd_65_plus",
    "Nederland_17": "herkomst_nederland", "EuropaExclusiefNederland_18": "herkomst_europa_excl_nl",
    "BuitenEuropa_19": "herkomst_buiten_europa",
}
#: 85984NED keys of the bundled basis file beyond the population (same names there).
BASIS_KEYS = ("Bevolkingsdichtheid_34", "Woningvoorraad_35", "OppervlakteTotaal_122", "OppervlakteLand_123",
              "OppervlakteWater_124")
#: 84583NED key -> indicator whose StatLine column (as R saved it) holds the figure.
KEYS_2019 = {
    "AantalInwoners_5": "inwoners", "GemiddeldeHuishoudensgrootte_32": "huishoudensgrootte",
    "Woningvoorraad_34": "woningvoorraad", "GemiddeldeWOZWaardeVanWoningen_35": "woz_waarde",
    "GemiddeldElektriciteitsverbruikTotaal_47": "elektriciteitsverbruik",
    "Appartement_48": "elektriciteitsverbruik_appartement",
    "GemiddeldAardgasverbruikTotaal_55": "aardgasverbruik", "Appartement_56": "aardgasverbruik_appartement",
}
TABLE_INFOS_2024 = {"Identifier": "85984NED", "Title": "Kerncijfers wijken en buurten 2024", "Period": "2024"}


def key_units(table: str) -> dict[str, str]:
    """The keys of a table in table order, with their CBS unit where the list has one."""
    lines = (KEYS_DIR / f"kwb_keys_{table}.txt").read_text(encoding="utf-8").splitlines()
    return {key: unit for key, _, unit in (line.partition("\t") for line in lines if not line.startswith("#"))}


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data_text(path), newline="")))


def _by_code(path: Path, column: str, codes) -> dict[str, dict[str, str]]:
    rows = {row[column]: row for row in _rows(path) if row[column] in codes}
    return {code: rows[code] for code in codes}


def _cbs_number(text: str) -> str:
    """A figure as CBS writes it: `.` when unknown, no trailing `.0` on whole numbers."""
    if text == "":
        return "."
    return text.removesuffix(".0")


def _region_cells(number: int, row: dict[str, str], *, name_in_key: bool) -> dict[str, str]:
    code = row["regiocode"]
    return {
        "ID": str(number),
        "WijkenEnBuurten": row["regio"] if name_in_key else code.ljust(10),
        "Gemeentenaam_1": row["gemeentenaam"].ljust(40),
        "SoortRegio_2": row["soort_regio"].ljust(10),
        "Codering_3": code.ljust(10),
        "IndelingswijzigingGemeenteWijkBuurt_4": row["indelingswijziging"] or ".",
    }


def records_2024(codes=CSV_CODES, *, with_basis: bool = True, name_in_key: bool = False) -> list[dict[str, str]]:
    """Rows of 85984NED for `codes`, as text cells under the table's keys."""
    bevolking = _by_code(BEVOLKING, "regiocode", codes)
    basis = _by_code(BASIS, "regiocode", codes) if with_basis else {}
    records = []
    for number, code in enumerate(codes):
        record = _region_cells(number, bevolking[code], name_in_key=name_in_key)
        record.update({key: _cbs_number(bevolking[code][column]) for key, column in BEVOLKING_KEYS.items()})
        if with_basis:
            record.update({key: _cbs_number(basis[code][key]) for key in BASIS_KEYS})
        records.append(record)
    return records


def write_csv(path: Path, records: list[dict[str, str]], *, delimiter: str = ";") -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(records[0])
    writer.writerows(record.values() for record in records)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def typed(record: dict[str, str]) -> dict[str, object]:
    """A record of a JSON TypedDataSet: figures as numbers, a missing figure as null."""
    numbers = set(BEVOLKING_KEYS) | set(BASIS_KEYS)
    return {key: (None if text == "." else int(text)) if key in numbers else text for key, text in record.items()}


def write_json(path: Path, records: list[dict[str, str]], *, metadata: bool = True) -> Path:
    """A TypedDataSet document; with `metadata`, the table's TableInfos and the DataProperties of
    its columns embedded (their real Key and Unit)."""
    document: dict[str, object] = {
        "odata.metadata": "https://opendata.cbs.nl/ODataApi/OData/85984NED/$metadata#Cbs.OData.WebAPI.TypedDataSet",
        "value": [typed(record) for record in records],
    }
    if metadata:
        units = key_units("85984NED")
        document["TableInfos"] = [TABLE_INFOS_2024]
        document["DataProperties"] = [{"Key": key, "Unit": units[key]} for key in records[0] if units.get(key)]
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def records_2019(codes=("GM0363", "WK036300")) -> list[dict[str, str]]:
    """Rows of 84583NED (Amsterdam) under the table's keys, decimals with a comma."""
    label_of = {key: label for label, key in STATLINE_R_COLUMNS.items()}
    rows = _by_code(KWB_2019, "Regioaanduiding.Codering..code.", codes)
    records = []
    for number, code in enumerate(codes):
        row = rows[code]
        record = {
            "ID": str(number),
            "WijkenEnBuurten": row["Wijken.en.buurten"],
            "Gemeentenaam_1": row["Regioaanduiding.Gemeentenaam..naam."].ljust(40),
            "SoortRegio_2": row["Regioaanduiding.Soort.regio..omschrijving."].ljust(10),
            "Codering_3": code.ljust(10),
        }
        record.update({key: _cbs_number(row[label_of[indicator]]).replace(".", ",") if row[label_of[indicator]]
                       else "." for key, indicator in KEYS_2019.items()})
        records.append(record)
    return records


def value_2019(code: str, indicator: str) -> float:
    label_of = {key: label for label, key in STATLINE_R_COLUMNS.items()}
    return float(_by_code(KWB_2019, "Regioaanduiding.Codering..code.", (code,))[code][label_of[indicator]])
