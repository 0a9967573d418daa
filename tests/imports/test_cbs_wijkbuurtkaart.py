"""The gemeente layer of the Wijk- en Buurtkaart 2023 (DBF column names), on the real file and on
broken copies."""

import pytest

from tests.imports.cbs_files import (
    assert_refused, assert_truncated_copy_refused, broken_cases, data_file, fresh_import, read_rows, set_cell,
    value, write_rows,
)
from tests.imports.copies import assert_reimport_changes_nothing
from wijkkompas.imports.importers.cbs_wijkbuurtkaart import CODE, NAME, YEAR
from wijkkompas.indicators.models import Observation, Source
from wijkkompas.regions.models import RegionYear

pytestmark = pytest.mark.django_db

SOURCE = "cbs-wijkbuurtkaart-gemeenten"
GEMEENTEN = data_file("cbs_wijkbuurtkaart2023_v1_gemeenten.csv")


def test_gemeenten_of_2023_with_figures_in_the_catalogue_units():
    run = fresh_import(SOURCE, GEMEENTEN)

    assert RegionYear.objects.filter(year=2023, region__level="gemeente", region__code__in=[
        "GM0014", "GM0344", "GM0363"]).count() == 3
    assert value("GM0363", "inwoners", 2023) == 918117
    assert value("GM0363", "pct_0_14", 2023) == 14
    assert value("GM0363", "pct_herkomst_buiten_europa", 2023) == 42
    assert value("GM0363", "huishoudensgrootte", 2023) == 1.8
    assert value("GM0363", "stedelijkheid", 2023) == 1
    assert value("GM0363", "oppervlakte_land", 2023) == 18812
    # The counts of age groups are another indicator, never filled from these shares.
    assert value("GM0363", "inwoners_0_14", 2023) is None
    source = Source.objects.get(key="cbs-wijkbuurtkaart-2023-gemeenten")
    assert (source.publisher, source.year, source.licence) == ("CBS", 2023, "CC BY 4.0")
    assert run.rows_read == 342


def test_the_sum_of_inhabitants_is_cbs_population_of_2023():
    fresh_import(SOURCE, GEMEENTEN)
    total = sum(Observation.objects.filter(
        indicator__key="inwoners", year=2023, source__key="cbs-wijkbuurtkaart-2023-gemeenten",
    ).values_list("value", flat=True))
    assert total == 17811291


def test_buitenland_is_left_out():
    before = RegionYear.objects.filter(region__code="GM0998").count()
    fresh_import(SOURCE, GEMEENTEN)
    assert RegionYear.objects.filter(region__code="GM0998").count() == before
    assert not Observation.objects.filter(region__code="GM0998").exists()


def test_the_maps_own_no_value_marker_is_a_missing_value(tmp_path):
    copy = write_rows(tmp_path / "gemeenten.csv", set_cell(read_rows(GEMEENTEN), 1, "GEM_HH_GR", "-99999999"))
    before = value("GM0014", "huishoudensgrootte", 2023)  # a figure of the bundled data, or None
    fresh_import(SOURCE, copy)
    # The marker is neither stored as a figure nor erases one.
    assert value("GM0014", "huishoudensgrootte", 2023) == before
    assert value("GM0014", "inwoners", 2023) == 238147


def test_second_import_changes_nothing():
    assert_reimport_changes_nothing(SOURCE, GEMEENTEN)


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        *broken_cases("AANT_INW", "P_65_EO_JR", CODE),
        pytest.param(lambda t: set_cell(t, 2, "P_00_14_JR", "140"), 3, "P_00_14_JR", id="share-above-100"),
        pytest.param(lambda t: set_cell(t, 2, "STED", "2.5"), 3, "STED", id="class-not-whole"),
        pytest.param(lambda t: set_cell(t, 1, CODE, "WK001400"), 2, CODE, id="wijk-code"),
        pytest.param(lambda t: set_cell(t, 3, NAME, ""), 4, NAME, id="empty-name"),
        pytest.param(lambda t: set_cell(t, 3, YEAR, "2024"), 4, YEAR, id="two-years"),
    ],
)
def test_broken_copies_are_refused(tmp_path, change, row, column):
    copy = write_rows(tmp_path / "gemeenten_2023.csv", change(read_rows(GEMEENTEN)))
    assert_refused(SOURCE, copy, row=row, column=column)


def test_truncated_copy_is_refused(tmp_path):
    assert_truncated_copy_refused(SOURCE, write_rows(tmp_path / "gemeenten_2023.csv", read_rows(GEMEENTEN)))

