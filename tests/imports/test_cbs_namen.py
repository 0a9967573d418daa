"""The CBS lists of names of 2025 (gemeenten, wijken, buurten), on the real files and on broken
copies."""

import pytest

from tests.imports.cbs_files import assert_refused, data_file, fresh_import
from tests.imports.copies import assert_reimport_changes_nothing, data_text
from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.regions.models import Level, Region, RegionYear

pytestmark = pytest.mark.django_db

SOURCE = "cbs-namen"
GEMEENTEN = data_file("cbs_gemeentenamen_2025.csv")
WIJKEN = data_file("cbs_wijknamen_2025.csv")
BUURTEN = data_file("cbs_buurtnamen_2025.csv")


@pytest.fixture
def groningen_2025():
    RegionYearFactory(region=RegionFactory(code="GM0014", level=Level.MUNICIPALITY), year=2025)


def copy_of(tmp_path, source, change, name="namen_2025.csv"):
    lines = data_text(source).splitlines()[:5]
    path = tmp_path / name
    path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
    return path


def set_field(lines, index, position, text):
    cells = lines[index].split(";")
    cells[position] = text
    return lines[:index] + [";".join(cells)] + lines[index + 1:]


def test_names_of_2025_for_every_level_with_parents():
    fresh_import(SOURCE, GEMEENTEN)
    fresh_import(SOURCE, WIJKEN)
    run = fresh_import(SOURCE, BUURTEN)

    assert run.rows_read == 14823
    assert RegionYear.objects.filter(year=2025, region__level=Level.NEIGHBOURHOOD).count() == 14822
    assert RegionYear.objects.filter(year=2025, region__level=Level.DISTRICT).count() == 3504
    assert RegionYear.objects.filter(year=2025, region__level=Level.MUNICIPALITY).count() == 342
    binnenstad = RegionYear.objects.select_related("parent").get(region__code="BU00140000", year=2025)
    assert (binnenstad.name, binnenstad.parent.code) == ("Binnenstad-Noord", "WK001400")
    assert RegionYear.objects.get(region__code="WK001400", year=2025).parent.code == "GM0014"
    # "Buitenland" is not an area of the Netherlands.
    assert not RegionYear.objects.filter(year=2025, region__code__in=["GM0998", "WK099899", "BU09989999"]).exists()
    # A region's own name is its name in the latest year.
    assert Region.objects.get(code="BU00140000").name == "Binnenstad-Noord"
    assert Region.objects.get(code="BU00140000").last_year == 2025


def test_the_latest_name_wins_over_an_older_one():
    # Groningen as it stood before the 2025 names, called "Stad" in 2024 (the bundled data may hold it already).
    region, _ = Region.objects.get_or_create(code="GM0014", defaults={"level": Level.MUNICIPALITY, "name": "Stad"})
    Region.objects.filter(pk=region.pk).update(name="Stad", last_year=2024)
    RegionYear.objects.filter(region=region, year=2025).delete()
    RegionYear.objects.update_or_create(region=region, year=2024, defaults={"name": "Stad"})
    fresh_import(SOURCE, GEMEENTEN)
    groningen = Region.objects.get(code="GM0014")
    assert (groningen.name, groningen.last_year) == ("Groningen", 2025)
    assert RegionYear.objects.get(region=groningen, year=2024).name == "Stad"


def test_second_import_changes_nothing():
    fresh_import(SOURCE, GEMEENTEN)
    assert_reimport_changes_nothing(SOURCE, GEMEENTEN)


def test_wijken_before_their_gemeente_are_refused(tmp_path):
    RegionYear.objects.filter(region__code="GM0014", year=2025).delete()  # the bundled 2025 names hold it
    assert_refused(SOURCE, copy_of(tmp_path, WIJKEN, lambda lines: lines), row=2, column="Wijk2025",
                   match="GM0014")


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        pytest.param(lambda lines: [lines[0].split(";")[0]] + [line.split(";")[0] for line in lines[1:]], 1,
                     "wijknaam2025", id="missing-column"),
        pytest.param(lambda lines: [line + ";x" for line in lines], 1, "x", id="unknown-column"),
        pytest.param(lambda lines: [line.replace(";", ",") for line in lines], 1, None, id="wrong-delimiter"),
        pytest.param(lambda lines: ["Straat2025;straatnaam2025", *lines[1:]], 1, None, id="not-a-name-list"),
        pytest.param(lambda lines: set_field(lines, 2, 0, "1401"), 3, "Wijk2025", id="leading-zeros-lost"),
        pytest.param(lambda lines: set_field(lines, 2, 0, "WK001401"), 3, "Wijk2025", id="code-with-prefix"),
        pytest.param(lambda lines: set_field(lines, 2, 1, ""), 3, "wijknaam2025", id="empty-name"),
        pytest.param(lambda lines: set_field(lines, 2, 1, "Oud\x00Zuid"), 3, "wijknaam2025", id="control-character"),
        pytest.param(lambda lines: [*lines, lines[1]], 6, "Wijk2025", id="duplicate"),
        pytest.param(lambda lines: [*lines, "001409"], 6, None, id="truncated"),
    ],
)
def test_broken_copies_are_refused(tmp_path, groningen_2025, change, row, column):
    assert_refused(SOURCE, copy_of(tmp_path, WIJKEN, change), row=row, column=column)


def test_a_year_other_than_asked_is_refused(tmp_path, groningen_2025):
    assert_refused(SOURCE, copy_of(tmp_path, WIJKEN, lambda lines: lines), row=1, column="Wijk2025", year=2024)
