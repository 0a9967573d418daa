"""The NPLV focus areas: linked to their gemeente only, with checks on code and name."""

import pytest

from tests.imports.area_sources import (
    assert_refused, assert_reimport_changes_nothing, data_file, fresh_import, read_rows, set_cell, write_rows,
)
from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.indicators.models import Observation
from wijkkompas.regions.models import FocusArea, Level

pytestmark = pytest.mark.django_db

FOCUS_AREAS = data_file("nplv_focusgebieden.csv")


@pytest.fixture(autouse=True)
def gemeenten():
    """The gemeenten of the file, as the CBS import leaves them (kept if already loaded)."""
    for _focus_area, name, code, _variant in read_rows(FOCUS_AREAS, list(range(1, 21)))[1:]:
        region = RegionFactory(code=code, level=Level.MUNICIPALITY, name=name)
        RegionYearFactory(region=region, year=2022, name=name)


def test_focus_areas_are_linked_to_their_gemeente():
    figures = Observation.objects.count()
    fresh_import("nplv-focusgebieden", FOCUS_AREAS)

    names = [row[0] for row in read_rows(FOCUS_AREAS, list(range(1, 21)))[1:]]
    assert FocusArea.objects.filter(name__in=names).count() == 20
    assert set(FocusArea.objects.filter(municipality__code="GM0363").values_list("name", flat=True)) == {
        "Amsterdam Zuidoost", "Amsterdam Nieuw-West",
    }
    assert FocusArea.objects.get(name="Groningen Noord").name_variant == "Groningen-Noord"
    assert FocusArea.objects.get(name="Den Haag Zuidwest").municipality.code == "GM0518"
    assert Observation.objects.count() == figures


def test_second_import_changes_nothing():
    assert_reimport_changes_nothing("nplv-focusgebieden", FOCUS_AREAS)


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        (lambda t: set_cell(t, 1, "gemeentecode", "GM80"), 2, "gemeentecode"),
        (lambda t: set_cell(t, 2, "gemeentecode", "WK001400"), 3, "gemeentecode"),
        (lambda t: set_cell(t, 2, "gemeentecode", "GM0202"), 3, "gemeente"),
        (lambda t: set_cell(t, 3, "focusgebied", ""), 4, "focusgebied"),
        (lambda t: t + [t[1]], 5, "focusgebied"),
        (lambda t: set_cell(t, 1, "gemeentecode", "GM9899"), None, None),
    ],
    ids=["short-code", "not-a-gemeente", "code-of-another-gemeente", "no-name", "focus-area-twice", "unknown-gemeente"],
)
def test_broken_copies_are_refused_and_nothing_is_written(tmp_path, change, row, column):
    broken = write_rows(tmp_path / "broken_nplv.csv", change(read_rows(FOCUS_AREAS, [1, 2, 3])))
    assert_refused("nplv-focusgebieden", broken, row=row, column=column)
