"""CBS Kerncijfers wijken en buurten from the OData API (85984NED, 2024) on the real file and broken copies."""

import pytest

from tests.imports.cbs_files import fresh_import, import_names_2024, value
from tests.imports.copies import assert_refused, assert_reimport_changes_nothing, set_text_cell, text_copy
from wijkkompas.imports.importers.cbs_sources import kwb_source
from wijkkompas.imports.models import ImportRun, ImportStatus
from wijkkompas.imports.services import import_file
from wijkkompas.indicators.models import Source
from wijkkompas.regions.models import RegionYear
from wijkkompas.imports.bundled import bundled_path

pytestmark = pytest.mark.django_db

ODATA = bundled_path("cbs_kwb2024_85984NED_gemeente_wijk_basis.csv")
CODELIJST = bundled_path("cbs_wijken2023_v0_codelijst.csv")


@pytest.fixture
def named_2024(tmp_path):
    """The table has codes but no names: the regions of 2024 are named first, as the bundled data does."""
    import_names_2024(tmp_path)


@pytest.mark.usefixtures("named_2024")
def test_real_file_imports_values_as_published():
    run = import_file(source="cbs-kwb-odata", path=ODATA)

    # Skipped by checksum (UNCHANGED) when the session already loaded the bundled data.
    assert run.status in {ImportStatus.SUCCEEDED, ImportStatus.UNCHANGED}
    # WK034403,Wijk,2024,35255,17625,17635,4310.0,16781.0,848,818,30
    assert [value("WK034403", key, 2024) for key in (
        "inwoners", "mannen", "vrouwen", "bevolkingsdichtheid", "woningvoorraad",
        "oppervlakte_totaal", "oppervlakte_land", "oppervlakte_water",
    )] == [35255, 17625, 17635, 4310, 16781, 848, 818, 30]
    assert value("GM0344", "inwoners", 2024) == 374238
    assert value("WK051830", "inwoners", 2024) == 16365
    overvecht = RegionYear.objects.select_related("parent", "region").get(region__code="WK034403", year=2024)
    assert (overvecht.region.level, overvecht.parent.code) == ("wijk", "GM0344")
    source = Source.objects.get(key="cbs-kwb-2024")
    assert (source.publisher, source.title, source.table, source.year, source.licence, source.url, source.note) == (
        "CBS", "Kerncijfers wijken en buurten 2024", "85984NED", 2024, "CC BY 4.0",
        "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/85984NED/table", "",
    )
    # Suppressed cells stay missing. WK061307,Wijk,2024,0,0,0,,0.0,58,57,1: no density published, the zeros are real zeros.
    assert value("WK061307", "bevolkingsdichtheid", 2024) is None
    assert value("WK061307", "inwoners", 2024) == 0


@pytest.mark.usefixtures("named_2024")
def test_names_come_from_the_code_list_when_the_table_has_none():
    import_file(source="cbs-wijken-codelijst", path=CODELIJST)
    import_file(source="cbs-kwb-odata", path=ODATA)
    assert RegionYear.objects.get(region__code="WK051830", year=2024).name == "Wijk 30 Transvaalkwartier"


@pytest.mark.usefixtures("named_2024")
def test_second_import_changes_nothing():
    assert_reimport_changes_nothing("cbs-kwb-odata", ODATA)


@pytest.mark.usefixtures("named_2024")
def test_other_column_numbers_of_another_table_year_import_the_same(tmp_path):
    """OData keys are matched on their name: `AantalInwoners_5` may be `AantalInwoners_7` another year."""
    renumbered = text_copy(
        tmp_path, ODATA,
        lambda lines: [
            lines[0].replace("AantalInwoners_5", "AantalInwoners_7").replace("Woningvoorraad_35", "Woningvoorraad_34"),
            *lines[1:],
        ],
        name="kwb_export_renumbered.csv",
    )
    import_file(source="cbs-kwb-odata", path=renumbered)
    assert value("WK034403", "inwoners", 2024) == 35255
    assert value("WK034403", "woningvoorraad", 2024) == 16781
    # Without a table id in the file name, the table CBS published for 2024 is used.
    assert Source.objects.get(key="cbs-kwb-2024").table == "85984NED"


def test_source_of_a_year_without_known_table_has_no_link():
    source = kwb_source(2031)
    assert (source.key, source.title, source.table, source.url) == (
        "cbs-kwb-2031", "Kerncijfers wijken en buurten 2031", "", "",
    )


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        (lambda lines: [lines[0].replace("Vrouwen_7", "AantalInwoners_7")] + lines[1:], 1, "AantalInwoners_7"),
        (lambda lines: [line.replace(",", "\t") for line in lines], 1, None),
        (lambda lines: lines[:-1] + [lines[-1][:12]], 3736, None),
        (lambda lines: set_text_cell(lines, 3, "soort_regio", "Gemeente"), 4, "soort_regio"),
        (lambda lines: set_text_cell(lines, 3, "regiocode", "WK16800"), 4, "regiocode"),
        (lambda lines: lines[:3] + [lines[1]] + lines[4:], 4, "regiocode"),
        (lambda lines: set_text_cell(lines, 3, "AantalInwoners_5", "-40"), 4, "AantalInwoners_5"),
        (lambda lines: set_text_cell(lines, 3, "Mannen_6", "veel"), 4, "Mannen_6"),
        (lambda lines: set_text_cell(lines, 3, "jaar", "2023"), 4, "jaar"),
        (lambda lines: ["regiocode,soort_regio,jaar,Jongens_6"] + [",".join(l.split(",")[:4]) for l in lines[1:]],
         1, None),
    ],
    ids=["two-columns-same-name", "wrong-delimiter", "truncated", "kind-of-region", "bad-code", "duplicate-code",
         "negative-count", "not-a-number", "mixed-years", "no-known-figure"],
)
def test_broken_copies_are_refused(tmp_path, change, row, column):
    assert_refused("cbs-kwb-odata", text_copy(tmp_path, ODATA, change), row=row, column=column)


@pytest.mark.usefixtures("named_2024")
def test_columns_it_does_not_know_are_reported_not_refused(tmp_path):
    """A renamed or new variable is listed as left aside, so it is noticed without blocking the
    figures that are known."""
    changed = text_copy(
        tmp_path, ODATA,
        lambda lines: [lines[0].replace("Mannen_6", "Jongens_6") + ",Huishoudens_40", *(line + ",1" for line in lines[1:])],
    )
    run = fresh_import("cbs-kwb-odata", changed)
    report = ImportRun.objects.get(pk=run.pk).column_report
    assert report["left_aside"] == {"Jongens_6": "no_indicator", "Huishoudens_40": "no_indicator"}
    assert report["region"] == ["regiocode", "soort_regio", "jaar"]
    assert sorted(report["imported"].values()) == sorted(
        ["inwoners", "vrouwen", "bevolkingsdichtheid", "woningvoorraad", "oppervlakte_totaal", "oppervlakte_land",
         "oppervlakte_water"]
    )
    assert value("WK034403", "inwoners", 2024) == 35255


def test_table_in_file_name_must_fit_the_year(tmp_path):
    wrong_table = text_copy(tmp_path, ODATA, lambda lines: [*lines, ""], name="cbs_kwb2024_84583NED.csv")
    assert "84583NED" in assert_refused("cbs-kwb-odata", wrong_table, row=2, column="jaar").message
