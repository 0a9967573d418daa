"""The Veiligheidsindex importer on the real file: documented matches to CBS wijken, areas of
their own kind otherwise, and broken copies refused without writing anything."""

import pytest

from tests.imports.area_sources import (
    assert_refused, assert_reimport_changes_nothing, data_file, drop_column, fresh_import, read_rows, set_cell,
    value, write_rows,
)
from tests.imports.copies import CODELIJST_2023, import_first
from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.imports.importers.veiligheidsindex import area_code, indicator_key
from wijkkompas.indicators.catalogue import load_catalogue
from wijkkompas.indicators.models import Observation
from wijkkompas.regions.models import Level, Region, RegionMatch, RegionYear

pytestmark = pytest.mark.django_db

VEILIGHEIDSINDEX = data_file("amsterdam_veiligheidsindex_2014_2018_vmgebieden.csv")
#: Data rows of the file: 1 = A00 in VI_heel_2014, 105 = A00 in the first rolling measurement.
FIRST_ROLLING_ROW = 105


@pytest.fixture(autouse=True)
def _named_regions():
    """The gemeenten and wijken this file hangs under (see `copies.import_first`)."""
    import_first(CODELIJST_2023)


def cbs_wijk(code: str, name: str, year: int) -> None:
    """An old-style Amsterdam CBS wijk as the KWB 2017/2019 import leaves it (kept if already loaded)."""
    region = RegionFactory(code=code, level=Level.DISTRICT, name=name, municipality_code="GM0363")
    RegionYearFactory(region=region, year=year, name=name)


@pytest.fixture
def amsterdam_wijken():
    cbs_wijk("WK036300", "Burgwallen-Oude Zijde", 2017)
    cbs_wijk("WK036375", "Chassébuurt", 2019)
    cbs_wijk("WK036390", "Buitenveldert-West", 2019)


def test_every_statistic_column_has_a_catalogue_entry():
    catalogue = load_catalogue().indicators
    header = read_rows(VEILIGHEIDSINDEX, [])[0]
    keys = [indicator_key(column) for column in header[4:]]
    assert len(keys) == len(set(keys)) == 182
    assert all(key in catalogue and catalogue[key].theme == "veiligheid" for key in keys)
    assert catalogue["vi_veiligheidsindex"].direction == "higher_worse"
    assert catalogue["vi_onveiligheids_belevingindex"].perspective == "survey"
    assert catalogue["vi_criminaliteitsindex"].perspective == "registered"


def test_area_matching_a_cbs_wijk_by_code_and_name_is_filed_under_that_wijk(amsterdam_wijken):
    fresh_import("veiligheidsindex", VEILIGHEIDSINDEX)

    assert value("WK036300", "vi_veiligheidsindex", 2014) == 164.824478
    assert value("WK036300", "vi_veiligheidsindex", 2017) == 186.49
    match = RegionMatch.objects.get(source="veiligheidsindex", source_key="A00")
    assert match.region.code == "WK036300" and "WK036300" in match.rule and "Burgwallen-Oude Zijde" in match.rule
    # Accents do not matter: E75 'Chassebuurt' (2016-2017) is CBS wijk 'Chassébuurt'.
    assert RegionMatch.objects.get(source="veiligheidsindex", source_key="E75").region.code == "WK036375"
    assert value("WK036375", "vi_veiligheidsindex", 2016) is not None
    # The same name under a split label (E40defg, 2014-2015) is not a CBS wijk: an area of its own.
    assert Region.objects.get(code="VM-chassebuurt").level == Level.SAFETY_AREA
    assert value("VM-chassebuurt", "vi_veiligheidsindex", 2014) is not None
    # K90 'Buitenveldert-West/Station' is not the CBS name 'Buitenveldert-West': never matched.
    assert not RegionMatch.objects.filter(source="veiligheidsindex", source_key="K90").exists()
    assert value("VM-buitenveldert-west-station", "vi_veiligheidsindex", 2016) is not None


def test_without_cbs_wijken_every_area_is_its_own_kind_with_a_stable_code():
    RegionYear.objects.filter(region__code__regex=r"^WK0363[0-9]{2}$").delete()
    fresh_import("veiligheidsindex", VEILIGHEIDSINDEX)

    burgwallen = Region.objects.get(code="VM-burgwallen-oude-zijde")
    assert (burgwallen.level, burgwallen.name, burgwallen.municipality_code) == (
        Level.SAFETY_AREA, "Burgwallen-Oude Zijde", "GM0363",
    )
    assert value("VM-burgwallen-oude-zijde", "vi_veiligheidsindex", 2014) == 164.824478
    # Amstelveen Noord is labelled Aveen1tm5 in 2014 and 'Amstelveen Noord' later: one region, four years.
    years = RegionYear.objects.filter(region__code="VM-amstelveen-noord")
    assert sorted(years.values_list("year", "parent__code")) == [(year, "GM0362") for year in range(2014, 2018)]
    assert Region.objects.get(code="VM-kudelstaart").municipality_code == "GM0358"
    assert Region.objects.filter(level=Level.SAFETY_AREA).count() == 110
    # Only the four calendar years are stored; the rolling measurements are not.
    stored = Observation.objects.filter(source__key="amsterdam-veiligheidsindex")
    assert set(stored.values_list("year", flat=True)) == {2014, 2015, 2016, 2017}
    # SPSS's '#NULL!' (F79 Eendracht, shop theft, 2014) stays missing.
    assert value("VM-eendracht", "vi_wink1000", 2014) is None
    assert value("VM-eendracht", "vi_winkel", 2014) is not None


def test_own_codes_are_url_safe_and_fit_the_code_field():
    assert area_code("Aalsmeer  Hornmeer") == "VM-aalsmeer-hornmeer"
    assert area_code("Ouderkerk a/d Amstel") == "VM-ouderkerk-a-d-amstel"
    long_code = area_code("Tuindorp Ndam/Buiksloot/Ndammer-Buiksloterdijk")
    assert long_code == "VM-tuindorp-ndam-buiksloot-ndammer" and len(long_code) <= 40


def test_second_import_changes_nothing(tmp_path, amsterdam_wijken):
    # Two of the real measurements (2014 and 2016, with their different Amstelland labels) keep it quick.
    table = read_rows(VEILIGHEIDSINDEX, [*range(1, 105), *range(625, 733)])
    assert {row[0] for row in table[1:]} == {"VI_heel_2014", "VI_heel 2016"}
    assert_reimport_changes_nothing("veiligheidsindex", write_rows(tmp_path / "vi_2014_2016.csv", table))


@pytest.mark.parametrize(
    ("change", "row", "column"),
    [
        (lambda t: set_cell(t, 1, "meting", "VI_heel_2019"), 2, "meting"),
        (lambda t: set_cell(t, 2, "overlastindex", "hoog"), 3, "overlastindex"),
        (lambda t: set_cell(t, 3, "won1000", "-1"), 4, "won1000"),
        (lambda t: set_cell(t, 4, "psl_beroving", "140"), 5, "psl_beroving"),
        (lambda t: set_cell(t, 2, "VMgebiednaamDEF", " "), 3, "VMgebiednaamDEF"),
        (lambda t: set_cell(t, 3, "vmgebiednr", ""), 4, "vmgebiednr"),
        (lambda t: t + [t[1]], 6, "vmgebiednaam"),
        (lambda t: drop_column(t, "Ioverval"), 1, "Ioverval"),
        # A rolling measurement is not stored, but it is checked like the rest.
        (lambda t: set_cell(t, 4, "pop", "veel"), 5, "pop"),
    ],
    ids=["unknown-measurement", "not-a-number", "below-minimum", "above-maximum", "no-area-name", "no-area-number",
         "area-twice", "missing-column", "fault-in-rolling-measurement"],
)
def test_broken_copies_are_refused_and_nothing_is_written(tmp_path, amsterdam_wijken, change, row, column):
    table = read_rows(VEILIGHEIDSINDEX, [1, 2, 3, FIRST_ROLLING_ROW])
    broken = write_rows(tmp_path / "broken_veiligheidsindex.csv", change(table))
    assert_refused("veiligheidsindex", broken, row=row, column=column)
