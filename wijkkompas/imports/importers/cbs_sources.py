"""The CBS tables several importers share, described once so every importer writes the same
`Source` row for the same key (the last import would otherwise overwrite the others' text)."""

from __future__ import annotations

from wijkkompas.imports.base import SourceRecord

#: StatLine table of "Kerncijfers wijken en buurten" per table year. 2013-2024 as listed by CBS in
#: the Toelichting Wijk- en Buurtkaart 2022, 2023 en 2024 (section 6); 85984NED (2024) is also the
#: `Identifier` in that table's own TableInfos. 2025 (86165NED) is not in that list: it is the id
#: under which several independent public projects download "Kerncijfers wijken en buurten 2025"
#: from the CBS OData API.
KWB_TABLES = {
    2013: "82339NED",
    2014: "82931NED",
    2015: "83220NED",
    2016: "83487NED",
    2017: "83765NED",
    2018: "84286NED",
    2019: "84583NED",
    2020: "84799NED",
    2021: "85039NED",
    2022: "85318NED",
    2023: "85618NED",
    2024: "85984NED",
    2025: "86165NED",
}


def cbs_source(key: str, title: str, year: int, *, table: str = "", note: str = "") -> SourceRecord:
    """A CBS table (CC BY 4.0), linked on StatLine when its table is known."""
    return SourceRecord(
        key=key,
        publisher="CBS",
        title=title,
        table=table,
        year=year,
        url=f"https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table" if table else "",
        licence="CC BY 4.0",
        note=note,
    )


def kwb_source(year: int, table: str = "") -> SourceRecord:
    """Source `cbs-kwb-<year>`. Without `table`, the table CBS published for that year, if known."""
    table = table or KWB_TABLES.get(year, "")
    return cbs_source(f"cbs-kwb-{year}", f"Kerncijfers wijken en buurten {year}", year, table=table)
