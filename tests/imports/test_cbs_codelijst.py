"""The CBS wijk code list 2023 on the real file and on broken copies."""

import pytest

from tests.imports.copies import assert_refused, assert_reimport_changes_nothing, set_text_cell, text_copy
from wijkkompas.imports.models import ImportStatus
from wijkkompas.imports.services import import_file
from wijkkompas.indicators.models import Observation
from wijkkompas.regions.models import RegionYear
from wijkkompas.imports.bundled import bundled_path

pytestmark = pytest.mark.django_db

CODELIJST = bundled_path("cbs_wijken2023_v0_codelijst.csv")


def test_every_wijk_and_gemeente_of_2023_with_names_and_parents():
    observations = Observation.objects.count()
    run = import_file(source="cbs-wijken-codelijst", path=CODELIJST)

    # Skipped by checksum (UNCHANGED) when the session already loaded the bundled data.
    assert run.status in {ImportStatus.SUCCEEDED, ImportStatus.UNCHANGED}
    assert RegionYear.objects.filter(year=2023, region__level="wijk").count() >= 3434
    assert RegionYear.objects.filter(year=2023, region__level="gemeente").count() >= 343
    overvecht = RegionYear.objects.select_related("parent").get(region__code="WK034403", year=2023)
    assert (overvecht.name, overvecht.parent.code) == ("Wijk 03 Overvecht", "GM0344")
    assert RegionYear.objects.get(region__code="GM0518", year=2023).name == "'s-Gravenhage"
    assert RegionYear.objects.get(region__code="WK051830", year=2023).name == "Wijk 30 Transvaalkwartier"
    # Amsterdam's letter codes of the new indeling.
    assert RegionYear.objects.get(region__code="WK0363AE", year=2023).name == "Burgwallen-Oude Zijde"
    # A water-only wijk is a region too, without figures.
    water = RegionYear.objects.select_related("parent").get(region__code="WK003499", year=2023)
    assert (water.name, water.parent.code) == ("Groot water", "GM0034")
    assert Observation.objects.count() == observations


def test_second_import_changes_nothing():
    assert_reimport_changes_nothing("cbs-wijken-codelijst", CODELIJST)


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        (lambda lines: [line.replace(",WATER", "").replace(",NEE,", ",").replace(",JA,", ",") for line in lines], 1, "WATER"),
        (lambda lines: [lines[0] + ",EXTRA"] + [line + ",1" for line in lines[1:]], 1, "EXTRA"),
        (lambda lines: [line.replace(",", ";") for line in lines], 1, None),
        (lambda lines: lines[:-1] + [lines[-1][: len(lines[-1]) // 2]], 3435, None),
        (lambda lines: set_text_cell(lines, 5, "WATER", "MISSCHIEN"), 6, "WATER"),
        (lambda lines: set_text_cell(lines, 5, "WK_CODE", "WK14"), 6, "WK_CODE"),
        (lambda lines: set_text_cell(lines, 5, "GM_CODE", "GM0344"), 6, "GM_CODE"),
        (lambda lines: set_text_cell(lines, 5, "WK_CODE", "WK001400"), 6, "WK_CODE"),
        (lambda lines: set_text_cell(lines, 5, "WK_NAAM", ""), 6, "WK_NAAM"),
        (lambda lines: set_text_cell(lines, 5, "GM_NAAM", "Stad Groningen"), 6, "GM_NAAM"),
        (lambda lines: set_text_cell(lines, 5, "JAAR", "2022"), 6, "JAAR"),
    ],
    ids=["missing-column", "unknown-column", "wrong-delimiter", "truncated", "bad-water-flag", "bad-code",
         "wijk-in-other-gemeente", "duplicate-wijk", "empty-name", "other-gemeente-name", "mixed-years"],
)
def test_broken_copies_are_refused(tmp_path, change, row, column):
    assert_refused("cbs-wijken-codelijst", text_copy(tmp_path, CODELIJST, change), row=row, column=column)


def test_year_other_than_asked_is_refused(tmp_path):
    # A blank line at the end gives other bytes than the bundled file, so no checksum shortcut.
    copy = text_copy(tmp_path, CODELIJST, lambda lines: [*lines, ""], name="codelijst.csv")
    assert_refused("cbs-wijken-codelijst", copy, year=2024, row=2, column="JAAR")
