"""Eindhoven's municipal buurten: boundaries as regions of their own kind, and the Swing time
series joined to them by name."""

import json

import pytest

from tests.imports.area_sources import (
    assert_refused, assert_reimport_changes_nothing, data_file, fresh_import, read_rows, set_cell, value, write_rows,
)
from wijkkompas.imports.models import ImportRun
from wijkkompas.regions.models import Level, Region, RegionYear
from tests.imports.copies import CODELIJST_2023, data_text, import_first

pytestmark = pytest.mark.django_db

GEOMETRY = data_file("eindhoven_buurten_geometrie.geojson")
SERIES = data_file("eindhoven_buurten_tijdreeksen_2006_2022.csv")


@pytest.fixture(autouse=True)
def _named_regions():
    """The gemeenten and wijken this file hangs under (see `copies.import_first`)."""
    import_first(CODELIJST_2023)


@pytest.fixture
def buurten():
    fresh_import("eindhoven-buurten-geometrie", GEOMETRY)


def test_boundaries_become_municipal_buurten_under_eindhoven(buurten):
    heesterakker = Region.objects.get(code="EHV-544")
    assert (heesterakker.level, heesterakker.name, heesterakker.municipality_code) == (
        Level.MUNICIPAL_NEIGHBOURHOOD, "Heesterakker", "GM0772",
    )
    year = RegionYear.objects.get(region=heesterakker, year=2022)
    assert year.parent.code == "GM0772"
    assert year.geometry["type"] == "Polygon" and 5.4 < year.min_lon < year.max_lon < 5.6
    assert Region.objects.filter(code__startswith="EHV-", level=Level.MUNICIPAL_NEIGHBOURHOOD).count() == 116
    assert Region.objects.get(code="EHV-638").name == "Eindhoven Airport"


def test_time_series_joins_by_name_and_keeps_markers_missing(buurten):
    fresh_import("eindhoven-tijdreeksen", SERIES)

    assert value("EHV-544", "woningvoorraad", 2008) == 1078
    assert value("EHV-544", "pct_ervaren_gezondheid_matig_slecht", 2022) == 9
    assert value("EHV-111", "elektriciteitsverbruik", 2014) == 2300
    beemden = Region.objects.get(level=Level.MUNICIPAL_NEIGHBOURHOOD, search_name="beemden").code
    assert value(beemden, "woz_waarde", 2015) is None  # '.'
    assert value(beemden, "woz_waarde", 2016) is None  # '-'
    assert value("EHV-638", "inwoners", 2014) is None  # 'x'
    assert value("EHV-638", "woningvoorraad", 2014) == 2
    assert not Region.objects.filter(search_name="onbekend").exists()
    assert RegionYear.objects.filter(region__code="EHV-544").values_list("year", flat=True).count() == 17


def test_time_series_needs_the_boundaries_first():
    Region.objects.filter(code__startswith="EHV-").delete()
    ImportRun.objects.filter(source="eindhoven-tijdreeksen").delete()  # no checksum shortcut
    assert_refused("eindhoven-tijdreeksen", SERIES, row=2, column="buurt_naam")


def test_second_imports_change_nothing(buurten):
    assert_reimport_changes_nothing("eindhoven-buurten-geometrie", GEOMETRY)
    assert_reimport_changes_nothing("eindhoven-tijdreeksen", SERIES)


#: Data rows 1-3: Achtse Barrier-Gunterslaer and two more, NumberHouses 2008.
@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        (lambda t: set_cell(t, 1, "buurt_naam", "Atlantis"), 2, "buurt_naam"),
        (lambda t: set_cell(t, 2, "indicator", "Aantal fietsen"), 3, "indicator"),
        (lambda t: set_cell(t, 3, "symbool", "z"), 4, "symbool"),
        (lambda t: set_cell(t, 3, "symbool", "x"), 4, "waarde"),
        (lambda t: set_cell(t, 2, "waarde", "veel"), 3, "waarde"),
        (lambda t: set_cell(t, 2, "waarde", "-4"), 3, "waarde"),
        (lambda t: set_cell(t, 1, "jaar", "2008.5"), 2, "jaar"),
        (lambda t: t + [t[1]], 5, "jaar"),
    ],
    ids=["unknown-buurt", "unknown-indicator", "unknown-marker", "value-with-marker", "not-a-number",
         "below-minimum", "broken-year", "row-twice"],
)
def test_broken_time_series_is_refused(tmp_path, buurten, change, row, column):
    broken = write_rows(tmp_path / "broken_eindhoven.csv", change(read_rows(SERIES, [1, 2, 3])))
    assert_refused("eindhoven-tijdreeksen", broken, row=row, column=column)


def _edit_first(key, text):
    def change(document):
        document["features"][0]["properties"][key] = text
    return change


@pytest.mark.parametrize(
    ("change", "feature", "column"),
    [
        (_edit_first("BUURTCODE", 54.4), 1, "BUURTCODE"),
        (_edit_first("BUURTCODE", None), 1, "BUURTCODE"),
        (_edit_first("BUURTNAAM", ""), 1, "BUURTNAAM"),
        (_edit_first("GEMEENTE", "Eindhoven"), 1, "GEMEENTE"),
        (lambda document: document["features"].append(document["features"][0]), 117, "BUURTCODE"),
    ],
    ids=["broken-code", "no-code", "no-name", "unknown-property", "buurt-twice"],
)
def test_broken_boundaries_are_refused(tmp_path, change, feature, column):
    document = json.loads(data_text(GEOMETRY))
    change(document)
    broken = tmp_path / "broken_eindhoven.geojson"
    broken.write_text(json.dumps(document), encoding="utf-8")
    assert_refused("eindhoven-buurten-geometrie", broken, row=None, feature=feature, column=column)
