"""The Leefbaarometer importer: scores on CBS wijken, CBS names kept, broken copies refused."""

import pytest

from tests.imports.area_sources import (
    assert_refused, assert_reimport_changes_nothing, data_file, drop_column, fresh_import, read_rows, set_cell,
    value, write_rows,
)
from tests.imports.copies import CODELIJST_2023, import_first
from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.indicators.catalogue import load_catalogue
from wijkkompas.regions.models import Level, Region, RegionYear

pytestmark = pytest.mark.django_db

LEEFBAAROMETER = data_file("leefbaarometer3_amstelveen_wijken_2014_2022.csv")


@pytest.fixture(autouse=True)
def _named_regions():
    """The gemeenten and wijken this file hangs under (see `copies.import_first`)."""
    import_first(CODELIJST_2023)


def test_scores_are_filed_under_the_cbs_wijken():
    fresh_import("leefbaarometer-wijken", LEEFBAAROMETER)

    assert value("WK036201", "lbm_totaalscore", 2014) == 4.270599604867483
    assert value("WK036201", "lbm_afwijking", 2014) == 0.1683347537237974
    assert value("WK036201", "lbm_won", 2014) is None
    assert value("WK036201", "lbm_woningen", 2014) == -0.045657031068394
    assert value("WK036214", "lbm_overlast_onveiligheid", 2022) is not None
    randwijck = RegionYear.objects.get(region__code="WK036201", year=2018)
    assert (randwijck.region.level, randwijck.parent.code) == (Level.DISTRICT, "GM0362")


def test_known_wijken_keep_their_cbs_name_and_new_ones_get_the_file_name():
    RegionYearFactory(
        region=RegionFactory(code="WK036205", level=Level.DISTRICT, name="Uilenstede, Kronenburg"),
        year=2022, name="Uilenstede, Kronenburg",
    )
    Region.objects.filter(code="WK036214").delete()
    fresh_import("leefbaarometer-wijken", LEEFBAAROMETER)

    assert Region.objects.get(code="WK036205").name == "Uilenstede, Kronenburg"
    assert RegionYear.objects.get(region__code="WK036205", year=2022).name == "Uilenstede, Kronenburg"
    assert Region.objects.get(code="WK036214").name == "Amsterdamse Bos"


def test_catalogue_entries_are_model_estimates_where_higher_is_better():
    catalogue = load_catalogue().indicators
    keys = ["lbm_totaalscore", "lbm_afwijking", "lbm_woningen", "lbm_fysieke_omgeving", "lbm_voorzieningen",
            "lbm_sociale_samenhang", "lbm_overlast_onveiligheid"]
    assert {(catalogue[key].theme, catalogue[key].perspective, catalogue[key].direction) for key in keys} == {
        ("leefbaarheid", "model", "higher_better"),
    }


def test_second_import_changes_nothing():
    assert_reimport_changes_nothing("leefbaarometer-wijken", LEEFBAAROMETER)


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        (lambda t: set_cell(t, 1, "wk_code", "GM0362"), 2, "wk_code"),
        (lambda t: set_cell(t, 2, "wk_code", "WK36201"), 3, "wk_code"),
        (lambda t: set_cell(t, 2, "soc", "hoog"), 3, "soc"),
        (lambda t: set_cell(t, 3, "jaar", "1990"), 4, "jaar"),
        (lambda t: t + [t[1]], 5, "wk_code"),
        (lambda t: drop_column(t, "vrz"), 1, "vrz"),
    ],
    ids=["gemeente-code", "not-a-cbs-code", "not-a-number", "year-out-of-range", "wijk-year-twice", "missing-column"],
)
def test_broken_copies_are_refused_and_nothing_is_written(tmp_path, change, row, column):
    broken = write_rows(tmp_path / "broken_leefbaarometer.csv", change(read_rows(LEEFBAAROMETER, [1, 2, 3])))
    assert_refused("leefbaarometer-wijken", broken, row=row, column=column)
