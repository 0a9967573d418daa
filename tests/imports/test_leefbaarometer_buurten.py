"""The national Leefbaarometer importer: every value under the source of its instrument version,
buurten of the 2020 indeling with their names, versions that do not fit their year refused."""

import pytest

from tests.imports.area_sources import (
    assert_refused, assert_reimport_changes_nothing, data_file, drop_column, fresh_import, read_rows, set_cell,
    write_rows,
)
from tests.imports.copies import data_text
from tests.regions.factories import RegionFactory
from wijkkompas.indicators.catalogue import load_catalogue
from wijkkompas.indicators.models import Observation
from wijkkompas.regions.models import Level, Region, RegionYear

pytestmark = pytest.mark.django_db

BUURTEN = data_file("leefbaarometer3_buurten_2002_2020.csv")
#: The seven years of BU00030000 Appingedam-Centrum: data rows 1-7 of the real file.
APPINGEDAM = [1, 2, 3, 4, 5, 6, 7]


def _rows_of(code: str) -> list[int]:
    """The data rows (1 = first) of a buurt in the real file; no name holds a line break."""
    return [number for number, line in enumerate(data_text(BUURTEN).splitlines()) if line.startswith(f"{code},")]


@pytest.fixture
def small_copy(tmp_path):
    """Appingedam-Centrum and Maria Gewanden, all seven years each, as the publisher wrote them."""
    return write_rows(tmp_path / "leefbaarometer_buurten.csv", read_rows(BUURTEN, APPINGEDAM + _rows_of("BU09171000")))


def _figure(code: str, key: str, year: int) -> tuple[float, str, str] | None:
    row = Observation.objects.filter(region__code=code, indicator__key=key, year=year).select_related("source").first()
    return (row.value, row.source.key, row.source.method_version) if row else None


def test_each_value_keeps_the_instrument_version_of_its_year(small_copy):
    fresh_import("leefbaarometer-buurten", small_copy)

    assert _figure("BU00030000", "lbm_totaalscore", 2002) == (4.105135, "leefbaarometer-1", "1.0")
    assert _figure("BU00030000", "lbm_afwijking", 2008) == (-0.029147, "leefbaarometer-1", "1.0")
    assert _figure("BU00030000", "lbm_totaalscore", 2012) == (4.105344, "leefbaarometer-2", "2.0")
    assert _figure("BU00030000", "lbm_totaalscore", 2014) == (4.139496, "leefbaarometer-3", "3.0")
    assert _figure("BU00030000", "lbm_voorzieningen", 2014) == (-0.072594, "leefbaarometer-3", "3.0")
    assert _figure("BU09171000", "lbm_totaalscore", 2002) == (3.851914, "leefbaarometer-1", "1.0")
    # Dimensions exist only for the 3.0 years; 1.0 and 2.0 leave them empty, and nothing is made up.
    assert _figure("BU00030000", "lbm_woningen", 2012) is None
    years = Observation.objects.filter(region__code="BU09171000", indicator__key="lbm_totaalscore")
    assert sorted(years.values_list("year", "source__method_version")) == [
        (2002, "1.0"), (2008, "1.0"), (2012, "2.0"), (2014, "3.0"), (2016, "2.0"), (2018, "3.0"), (2020, "3.0"),
    ]


def test_buurten_are_regions_of_2020_and_known_names_are_kept(small_copy):
    Region.objects.filter(code__in=["BU00030000", "BU09171000"]).delete()
    RegionFactory(code="WK091710", level=Level.DISTRICT, name="Wijk 10 Hoensbroek", municipality_code="GM0917")
    RegionFactory(code="BU00030000", level=Level.NEIGHBOURHOOD, name="Centrum (CBS-naam)", first_year=2018,
                  last_year=2018)
    fresh_import("leefbaarometer-buurten", small_copy)

    heerlen = Region.objects.get(code="BU09171000")
    assert (heerlen.name, heerlen.level, heerlen.municipality_code) == ("Maria Gewanden", Level.NEIGHBOURHOOD, "GM0917")
    assert RegionYear.objects.get(region=heerlen, year=2020).parent.code == "WK091710"
    assert not RegionYear.objects.filter(region=heerlen, year=2002).exists()
    assert Region.objects.get(code="BU00030000").name == "Centrum (CBS-naam)"


def test_sources_of_the_three_versions_are_in_the_catalogue():
    sources = load_catalogue().sources
    assert {key: sources[key].method_version for key in ("leefbaarometer-1", "leefbaarometer-2", "leefbaarometer-3")} \
        == {"leefbaarometer-1": "1.0", "leefbaarometer-2": "2.0", "leefbaarometer-3": "3.0"}


def test_national_values_fit_the_catalogue_ranges(bundled_data):
    """The whole national file imports (the importer refuses a value outside a range), and the
    ranges are guards well outside what the buurten show."""
    catalogue = load_catalogue().indicators
    for key in ("lbm_totaalscore", "lbm_afwijking", "lbm_woningen", "lbm_overlast_onveiligheid"):
        values = Observation.objects.filter(indicator__key=key, region__level=Level.NEIGHBOURHOOD)
        low, high = min(values.values_list("value", flat=True)), max(values.values_list("value", flat=True))
        assert catalogue[key].minimum < low < high < catalogue[key].maximum
    assert Observation.objects.filter(
        indicator__key="lbm_totaalscore", region__level=Level.NEIGHBOURHOOD, source__key="leefbaarometer-1",
    ).count() == 22756


def test_second_import_changes_nothing(small_copy):
    assert_reimport_changes_nothing("leefbaarometer-buurten", small_copy)


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        (lambda t: set_cell(t, 1, "versie", "Leefbaarometer 3.0"), 2, "versie"),  # 3.0 has no figures for 2002
        (lambda t: set_cell(t, 7, "versie", "Leefbaarometer 1.0"), 8, "versie"),  # nor 1.0 for 2020
        (lambda t: set_cell(t, 12, "versie", "Leefbaarometer 3.0"), 13, "versie"),  # 2016 is 2.0 in row 6
        (lambda t: set_cell(t, 2, "versie", "Leefbaarometer 4.0"), 3, "versie"),
        (lambda t: set_cell(t, 3, "won", "0.01"), 4, "won"),  # a dimension in a 2.0 row
        (lambda t: set_cell(t, 4, "lbm", "41.39496"), 5, "lbm"),  # a decimal point lost
        (lambda t: set_cell(t, 5, "afw", "0,04"), 6, "afw"),
        (lambda t: set_cell(t, 6, "bu_code", "WK000300"), 7, "bu_code"),
        (lambda t: set_cell(t, 1, "jaar", "1990"), 2, "jaar"),
        (lambda t: t + [t[3]], 16, "bu_code"),
        (lambda t: drop_column(t, "versie"), 1, "versie"),
    ],
    ids=["3.0-in-2002", "1.0-in-2020", "two-versions-in-2016", "unknown-version", "dimension-of-2.0",
         "out-of-range", "decimal-comma", "wijk-code", "year-out-of-range", "buurt-year-twice", "missing-version"],
)
def test_broken_copies_are_refused_and_nothing_is_written(tmp_path, change, row, column):
    table = read_rows(BUURTEN, APPINGEDAM + _rows_of("BU09171000"))
    broken = write_rows(tmp_path / "broken_leefbaarometer_buurten.csv", change(table))
    assert_refused("leefbaarometer-buurten", broken, row=row, column=column)
