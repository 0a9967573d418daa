"""Province, gemeente and wijk boundaries of 2022 (tmap GeoJSON) on the real files and broken copies."""

import json

import pytest

from tests.imports.copies import (
    assert_refused, assert_reimport_changes_nothing, drop_property, geojson_copy, set_property,
)
from wijkkompas.imports.services import import_file
from wijkkompas.regions.models import RegionYear
from wijkkompas.imports.bundled import bundled_path
from tests.imports.copies import data_bytes, data_text

pytestmark = pytest.mark.django_db

PROVINCES = bundled_path("cbs_provincies2022_tmap.geojson")
GEMEENTEN = bundled_path("cbs_kwb2022_gemeenten_tmap.geojson")
WIJKEN = bundled_path("cbs_kwb2022_wijken_tmap.geojson")


def feature_geometry(path, code):
    document = json.loads(data_text(path))
    return next(f["geometry"] for f in document["features"] if f["properties"]["code"] == code)


def file_bbox(path, code):
    points = [point for polygon in feature_geometry(path, code)["coordinates"] for ring in polygon for point in ring]
    return (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points), max(p[1] for p in points))


def test_provinces_with_official_names_under_nederland():
    import_file(source="cbs-provincies-geojson", path=PROVINCES)

    years = RegionYear.objects.filter(year=2022, region__level="provincie").select_related("region", "parent")
    assert years.count() == 12
    assert {row.parent.code for row in years} == {"NL00"}
    assert all(row.geometry and row.min_lon < row.max_lon and row.min_lat < row.max_lat for row in years)
    friesland = years.get(region__code="PV21")
    assert friesland.name == friesland.region.name == "Fryslân"
    groningen = years.get(region__code="PV20")
    assert groningen.geometry == feature_geometry(PROVINCES, "PV20")
    assert (groningen.min_lon, groningen.min_lat, groningen.max_lon, groningen.max_lat) == file_bbox(PROVINCES, "PV20")
    assert 3.3 < groningen.min_lon < groningen.max_lon < 7.3 and 50.7 < groningen.min_lat < groningen.max_lat < 53.6
    country = RegionYear.objects.get(region__code="NL00", year=2022)
    assert (country.region.level, country.name, country.geometry) == ("land", "Nederland", None)


def test_gemeente_and_wijk_boundaries_with_parents():
    import_file(source="cbs-kwb-tmap-geojson", path=GEMEENTEN)
    import_file(source="cbs-kwb-tmap-geojson", path=WIJKEN)

    utrecht = RegionYear.objects.select_related("region__province", "parent").get(region__code="GM0344", year=2022)
    assert (utrecht.name, utrecht.parent.code, utrecht.region.province.code) == ("Utrecht", "PV26", "PV26")
    assert utrecht.geometry == feature_geometry(GEMEENTEN, "GM0344")
    assert 4.9 < utrecht.min_lon < utrecht.max_lon < 5.3 and 52.0 < utrecht.min_lat < utrecht.max_lat < 52.2
    overvecht = RegionYear.objects.select_related("parent", "region__province").get(region__code="WK034403", year=2022)
    assert (overvecht.name, overvecht.parent.code, overvecht.region.province.code) == ("Wijk 03 Overvecht", "GM0344", "PV26")
    assert utrecht.min_lon <= overvecht.min_lon and overvecht.max_lat <= utrecht.max_lat
    assert RegionYear.objects.filter(year=2022, region__level="wijk", geometry__isnull=False).count() >= 3340


def test_self_intersecting_ring_is_kept_as_published():
    import_file(source="cbs-kwb-tmap-geojson", path=GEMEENTEN)
    import_file(source="cbs-kwb-tmap-geojson", path=WIJKEN)
    assert RegionYear.objects.get(region__code="WK071702", year=2022).geometry == feature_geometry(WIJKEN, "WK071702")


@pytest.mark.parametrize(("importer", "path"), [("cbs-provincies-geojson", PROVINCES), ("cbs-kwb-tmap-geojson", GEMEENTEN)])
def test_second_import_changes_nothing(importer, path):
    assert_reimport_changes_nothing(importer, path)


def _no_geometry(document):
    document["features"][2]["geometry"] = None


def _rd_coordinates(document):
    """As if the file had not been converted from RD metres to WGS84."""
    ring = [[155000, 463000], [156000, 463000], [155000, 464000], [155000, 463000]]
    document["features"][1]["geometry"] = {"type": "Polygon", "coordinates": [ring]}


@pytest.mark.parametrize(
    ("change", "feature", "column"),
    [
        (_no_geometry, 3, None),
        (drop_property(4, "province"), 5, "province"),
        (set_property(4, "inhabitants", 1), 5, "inhabitants"),
        (set_property(5, "code", "GM12"), 6, "code"),
        (set_property(5, "code", "PV26"), 6, "code"),
        (set_property(6, "province", "Atlantis"), 7, "province"),
        (set_property(7, "name", ""), 8, "name"),
        (set_property(8, "code", "GM0014"), 9, "code"),
        (_rd_coordinates, 2, None),
    ],
    ids=["no-geometry", "missing-property", "unknown-property", "bad-code", "province-code", "unknown-province",
         "empty-name", "duplicate-code", "rd-coordinates"],
)
def test_broken_gemeente_copies_are_refused(tmp_path, change, feature, column):
    broken = geojson_copy(tmp_path, GEMEENTEN, change)
    refused = assert_refused("cbs-kwb-tmap-geojson", broken, feature=feature, column=column)
    assert f"bestand {broken.name}, object {feature}" in refused.message


def test_cut_off_file_is_refused(tmp_path):
    broken = tmp_path / "cut_off.geojson"
    broken.write_bytes(data_bytes(PROVINCES)[:50_000])
    assert "misschien is het afgebroken" in assert_refused("cbs-provincies-geojson", broken).message


@pytest.mark.parametrize(
    ("change", "column"),
    [
        (set_property(1, "name", "Groningen"), "name"),
        (set_property(1, "code", "PV99"), "name"),
        (drop_property(0, "code"), "code"),
    ],
    ids=["name-of-other-province", "unknown-province-code", "missing-code"],
)
def test_broken_province_copies_are_refused(tmp_path, change, column):
    assert_refused("cbs-provincies-geojson", geojson_copy(tmp_path, PROVINCES, change), column=column)


def test_other_year_is_refused(tmp_path):
    copy = geojson_copy(tmp_path, PROVINCES, lambda document: None, name="provincies.geojson")
    assert "dit zijn de grenzen van 2022" in assert_refused("cbs-provincies-geojson", copy, year=2023).message
