"""The RIVM health importer: model estimates per age group, StatLine keys matched by name part,
NL01 filed as the country, the publisher's semicolon layout, broken copies refused."""

import pytest

from tests.imports.cbs_files import (
    add_column, assert_refused, data_file, drop_column, fresh_import, read_rows, set_cell, value, write_rows,
)
from tests.imports.copies import assert_reimport_changes_nothing, data_text
from tests.regions.factories import RegionFactory
from wijkkompas.imports.registry import get_importer
from wijkkompas.indicators.catalogue import load_catalogue
from wijkkompas.indicators.models import Direction, Observation
from wijkkompas.regions.models import Level, Region

pytestmark = pytest.mark.django_db

ADULTS = data_file("rivm_gezondheid_wijk_buurt_50090NED_18plus.csv")
ELDERLY = data_file("rivm_gezondheid_wijk_buurt_50090NED_65plus.csv")
#: The first four data rows: NL01, gemeente Aa en Hunze, its wijk WK168000 and buurt BU16800000 (2012).
FIRST_ROWS = 4


@pytest.fixture(autouse=True)
def _named_regions():
    """The wijk and buurt of the first rows, named as the CBS files name them: this file names
    only its gemeenten, and a region nobody names is left aside (see `regions.indeling`)."""
    RegionFactory(code="WK168000", level=Level.DISTRICT, name="Wijk 00 Aa en Hunze", municipality_code="GM1680")
    RegionFactory(code="BU16800000", level=Level.NEIGHBOURHOOD, name="Annen", municipality_code="GM1680")


@pytest.fixture
def small_copy(tmp_path):
    return write_rows(tmp_path / "rivm_50090NED_18plus.csv", read_rows(ADULTS))


def test_known_national_and_overvecht_figures(bundled_data):
    """SOURCES.md file 18: NL experienced health 76.1 / 75.2 / 78.4 %, difficulty making ends meet
    24.0 / 19.2 / 13.9 %; Overvecht (WK034403) 2012: 65.8 % and 40.9 %."""
    health = [value("NL00", "rivm_ervaren_gezondheid_goed_18plus", year) for year in (2012, 2016, 2020)]
    ends_meet = [value("NL00", "rivm_moeite_met_rondkomen_18plus", year) for year in (2012, 2016, 2020)]
    assert (health, ends_meet) == ([76.1, 75.2, 78.4], [24.0, 19.2, 13.9])
    assert value("WK034403", "rivm_ervaren_gezondheid_goed_18plus", 2012) == 65.8
    assert value("WK034403", "rivm_moeite_met_rondkomen_18plus", 2012) == 40.9
    assert value("NL00", "rivm_ervaren_gezondheid_goed_65plus", 2012) == 60.5
    assert not Region.objects.filter(code="NL01").exists()
    # Volunteering was not estimated for 2012: no value, never a zero.
    assert value("WK034403", "rivm_vrijwilligerswerk_18plus", 2012) is None
    assert value("WK034403", "rivm_vrijwilligerswerk_18plus", 2016) == 21.5


def test_small_copy_imports_per_age_group_and_reports_its_columns(small_copy):
    run = fresh_import("rivm-gezondheid", small_copy)

    assert value("NL00", "rivm_eenzaam_18plus", 2012) == 39.6
    assert value("BU16800000", "rivm_roker_18plus", 2012) == 20.2
    figure = Observation.objects.select_related("source", "indicator").get(
        region__code="GM1680", indicator__key="rivm_overgewicht_18plus", year=2012)
    assert (figure.value, figure.source.table, figure.indicator.perspective) == (52.3, "50090NED", "model")
    assert run.rows_read == FIRST_ROWS
    report = get_importer("rivm-gezondheid").read(small_copy).column_report
    assert report.imported["Eenzaam_28"] == "rivm_eenzaam_18plus"
    assert {"Drinker_13", "LopenNaarSchoolOfWerk_35"} <= report.left_aside.keys()
    assert len(report.imported) + len(report.left_aside) == 35


def test_new_gemeenten_are_named_from_the_file_and_known_ones_keep_their_name(tmp_path):
    table = read_rows(ADULTS)
    new = set_cell(set_cell(table, 2, "regiocode", "GM9981"), 2, "gemeentenaam", "Testgemeente RIVM")[2]
    Region.objects.update_or_create(code="GM1680", defaults={
        "level": "gemeente", "name": "Aa en Hunze (CBS)", "search_name": "aa en hunze (cbs)",
        "first_year": 2020, "last_year": 2020,
    })
    fresh_import("rivm-gezondheid", write_rows(tmp_path / "rivm_50090NED_new.csv", table + [new]))
    assert Region.objects.get(code="GM9981").name == "Testgemeente RIVM"
    assert Region.objects.get(code="GM1680").name == "Aa en Hunze (CBS)"
    assert Region.objects.get(code="GM9981").years.get().year == 2020


def test_statline_semicolon_layout_with_padded_codes_and_dots(tmp_path):
    """As StatLine writes a download: semicolons, codes padded to ten characters, '.' for no estimate."""
    table = read_rows(ADULTS)
    padded = [table[0]] + [[f"{row[0]:<10}", *row[1:]] for row in table[1:]]
    dotted = [[cell if cell or number == 0 else "." for cell in row] for number, row in enumerate(padded)]
    fresh_import("rivm-gezondheid", write_rows(tmp_path / "50090NED_statline.csv", dotted, delimiter=";"))
    assert value("WK168000", "rivm_hoog_risico_angst_depressie_18plus", 2012) == 3.4
    assert value("NL00", "rivm_ervaren_gezondheid_goed_18plus", 2012) == 76.1


def test_a_later_table_with_other_column_numbers_imports(tmp_path):
    table = read_rows(ADULTS)
    renumbered = [[f"{name.rsplit('_', 1)[0]}_{int(name.rsplit('_', 1)[1]) + 3}" if name[-1].isdigit() else name
                   for name in table[0]]] + table[1:]
    fresh_import("rivm-gezondheid", write_rows(tmp_path / "rivm_later.csv", renumbered))
    assert value("GM1680", "rivm_mantelzorger_18plus", 2012) == 14.3


def test_catalogue_entries_are_model_estimates_kept_out_of_the_scores():
    entries = [spec for key, spec in load_catalogue().indicators.items() if key.startswith("rivm_")]
    assert len(entries) == 16 and {spec.key[-6:] for spec in entries} == {"18plus", "65plus"}
    assert {(spec.unit, spec.perspective, spec.minimum, spec.maximum) for spec in entries} == {
        ("percent", "model", 0.0, 100.0)}
    assert all(spec.score_exclusion for spec in entries if spec.direction != Direction.NEUTRAL)
    assert all("modelschatting" in spec.definition for spec in entries)


def test_second_import_changes_nothing(small_copy):
    assert_reimport_changes_nothing("rivm-gezondheid", small_copy)


def test_the_65plus_file_is_a_file_of_its_own_age_group(bundled_data):
    assert value("BU16800000", "rivm_eenzaam_65plus", 2020) is not None
    assert data_text(ELDERLY).splitlines()[1].split(",")[4] == "65+"


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        (lambda t: set_cell(t, 2, "leeftijd", "12-18"), 3, "leeftijd"),
        (lambda t: set_cell(t, 3, "Eenzaam_28", "101.5"), 4, "Eenzaam_28"),
        (lambda t: set_cell(t, 4, "Roker_11", "20,2"), 5, "Roker_11"),
        (lambda t: set_cell(t, 2, "soort_regio", "Wijk"), 3, "soort_regio"),
        (lambda t: set_cell(t, 3, "regiocode", "WK16800"), 4, "regiocode"),
        (lambda t: set_cell(t, 1, "jaar", "2012.5"), 2, "jaar"),
        (lambda t: t + [t[2]], FIRST_ROWS + 2, "regiocode"),
        (lambda t: drop_column(t, "Eenzaam_28"), 1, "Eenzaam_*"),
        (lambda t: add_column(t, "GezondGewicht_39", "50"), 1, "GezondGewicht_39"),
    ],
    ids=["unknown-age-group", "out-of-range", "decimal-comma", "kind-of-region", "not-a-cbs-code", "year-fraction",
         "duplicate-region", "missing-measure", "unknown-key"],
)
def test_broken_copies_are_refused_and_nothing_is_written(tmp_path, change, row, column):
    broken = write_rows(tmp_path / "broken_rivm.csv", change(read_rows(ADULTS)))
    assert_refused("rivm-gezondheid", broken, row=row, column=column)
