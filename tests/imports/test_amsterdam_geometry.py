"""Amsterdam's buurt boundaries 2022 with CBS codes on the real file and on broken copies."""

import pytest

from tests.imports.copies import (
    assert_refused, assert_reimport_changes_nothing, drop_property, geojson_copy, set_property,
)
from wijkkompas.imports.importers.amsterdam_geometry import district_of
from wijkkompas.imports.models import ImportStatus
from wijkkompas.imports.services import import_file
from wijkkompas.regions.models import RegionYear
from wijkkompas.imports.bundled import bundled_path
from tests.imports.copies import CODELIJST_2023, data_bytes, import_first

pytestmark = pytest.mark.django_db

BUURTEN = bundled_path("amsterdam_buurten2022_geometrie.geojson")


@pytest.fixture(autouse=True)
def _named_regions():
    """The gemeenten and wijken this file hangs under (see `copies.import_first`)."""
    import_first(CODELIJST_2023)


def test_boundaries_names_and_wijk_by_the_cbs_code_rule():
    run = import_file(source="amsterdam-buurten-geometrie", path=BUURTEN)

    # Skipped by checksum (UNCHANGED) when the session already loaded the bundled data.
    assert run.status in {ImportStatus.SUCCEEDED, ImportStatus.UNCHANGED}
    kop_zeedijk = RegionYear.objects.select_related("parent", "region").get(region__code="BU0363AE01", year=2022)
    assert (kop_zeedijk.name, kop_zeedijk.region.level, kop_zeedijk.parent.code) == ("Kop Zeedijk", "buurt", "WK0363AE")
    assert kop_zeedijk.region.municipality_code == "GM0363"
    assert 4.85 < kop_zeedijk.min_lon < kop_zeedijk.max_lon < 4.95 and 52.35 < kop_zeedijk.min_lat < kop_zeedijk.max_lat < 52.4
    assert kop_zeedijk.geometry["type"] == "Polygon"
    # In the file the wijk code of Oostzanerwerf ("NA") became an empty value: no parent from this file.
    assert RegionYear.objects.get(region__code="BU0363NA04", year=2022).parent is None
    assert RegionYear.objects.filter(year=2022, region__code__startswith="BU0363", geometry__isnull=False).count() >= 439


def test_wijk_rule():
    assert district_of("BU0363AE01", "AE") == "WK0363AE"
    assert district_of("BU0363AE01", "AF") is None
    assert district_of("BU0363AE01", "") is None


def test_second_import_changes_nothing():
    assert_reimport_changes_nothing("amsterdam-buurten-geometrie", BUURTEN)


@pytest.mark.parametrize(
    ("change", "feature", "column"),
    [
        (set_property(9, "BUURTCODE_CBS_2022", "BU0599AE01"), 10, "BUURTCODE_CBS_2022"),
        (set_property(9, "BUURTCODE_CBS_2022", "AE01"), 10, "BUURTCODE_CBS_2022"),
        (set_property(9, "BUURTCODE_CBS_2022", "BU0363AE01"), 10, "BUURTCODE_CBS_2022"),
        (set_property(9, "BUURTNAAM_2022", None), 10, "BUURTNAAM_2022"),
        (drop_property(9, "BUURTNAAM_2022"), 10, "BUURTNAAM_2022"),
        (set_property(9, "BUURTCODE_1995", "x"), 10, "BUURTCODE_1995"),
        (lambda document: document["features"][9].update(geometry={"type": "Point", "coordinates": [4.9, 52.37]}), 10, None),
    ],
    ids=["other-gemeente", "municipal-code", "duplicate-code", "empty-name", "missing-property", "unknown-property",
         "no-polygon"],
)
def test_broken_copies_are_refused(tmp_path, change, feature, column):
    broken = geojson_copy(tmp_path, BUURTEN, change)
    refused = assert_refused("amsterdam-buurten-geometrie", broken, feature=feature, column=column)
    assert f"bestand {broken.name}, object {feature}" in refused.message


def test_cut_off_file_is_refused(tmp_path):
    broken = tmp_path / "cut_off.geojson"
    broken.write_bytes(data_bytes(BUURTEN)[:100_000])
    assert "misschien is het afgebroken" in assert_refused("amsterdam-buurten-geometrie", broken).message
