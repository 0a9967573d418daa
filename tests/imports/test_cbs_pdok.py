"""The PDOK Wijk- en Buurtkaart 2024 (buurten of Baarn) on the real file and on broken copies."""

import json

import pytest

from tests.imports.cbs_files import fresh_import
from tests.imports.copies import assert_refused, assert_reimport_changes_nothing, geojson_copy, set_property
from wijkkompas.imports.importers.cbs_pdok_properties import PROPERTY_KEYS, SKIPPED_PROPERTIES
from wijkkompas.imports.models import ImportStatus
from wijkkompas.imports.parsing import MISSING_MARKERS
from wijkkompas.imports.registry import get_importer
from wijkkompas.imports.services import import_file
from wijkkompas.indicators.catalogue import load_catalogue
from wijkkompas.indicators.models import Observation
from wijkkompas.regions.models import RegionYear
from wijkkompas.imports.bundled import bundled_path
from tests.imports.copies import CODELIJST_2023, data_bytes, data_text, import_first

pytestmark = pytest.mark.django_db

BAARN = bundled_path("cbs_wijkenbuurten2024_buurten_baarn.geojson")
ODATA = bundled_path("cbs_kwb2024_85984NED_gemeente_wijk_basis.csv")


@pytest.fixture(autouse=True)
def _named_regions():
    """The gemeenten and wijken this file hangs under (see `copies.import_first`)."""
    import_first(CODELIJST_2023)


def features():
    return json.loads(data_text(BAARN))["features"]


def value(code: str, key: str, year: int = 2024) -> float | None:
    row = Observation.objects.filter(region__code=code, indicator__key=key, year=year).first()
    return row.value if row else None


def test_every_property_is_either_a_catalogue_indicator_or_known_to_be_skipped():
    catalogue = load_catalogue().indicators
    for name in features()[0]["properties"]:
        assert name in SKIPPED_PROPERTIES or PROPERTY_KEYS[name] in catalogue, name
    assert not SKIPPED_PROPERTIES & PROPERTY_KEYS.keys()


def test_buurten_with_boundaries_parents_and_figures():
    run = import_file(source="cbs-wijkenbuurten-geojson", path=BAARN)

    # Skipped by checksum (UNCHANGED) when the session already loaded the bundled data.
    assert run.status in {ImportStatus.SUCCEEDED, ImportStatus.UNCHANGED}
    centrum = RegionYear.objects.select_related("parent", "region").get(region__code="BU03080000", year=2024)
    assert (centrum.name, centrum.region.level, centrum.parent.code) == ("Centrum", "buurt", "WK030800")
    assert centrum.geometry == features()[0]["geometry"]
    assert 5.2 < centrum.min_lon < centrum.max_lon < 5.4 and 52.1 < centrum.min_lat < centrum.max_lat < 52.3
    assert RegionYear.objects.get(region__code="WK030800", year=2024).parent.code == "GM0308"
    assert RegionYear.objects.get(region__code="GM0308", year=2024).name == "Baarn"
    # First feature: aantal_inwoners 1825, gemiddelde_huishoudsgrootte 1.7, percentage_ongehuwd 51,
    # omgevingsadressendichtheid 2397, stedelijkheid 2; the WOZ-waarde is -99995 (not published yet).
    assert value("BU03080000", "inwoners") == 1825
    assert value("BU03080000", "huishoudensgrootte") == 1.7
    assert value("BU03080000", "pct_ongehuwd") == 51
    assert value("BU03080000", "omgevingsadressendichtheid") == 2397
    assert value("BU03080000", "stedelijkheid") == 2
    assert value("BU03080000", "woz_waarde") is None


def test_one_figure_per_published_value_and_none_for_missing_markers():
    codes = [feature["properties"]["buurtcode"] for feature in features()]
    # The session's bundled data may hold 2024 figures of these buurten from the national file already.
    Observation.objects.filter(region__code__in=codes, year=2024, source__key="cbs-kwb-2024").delete()
    fresh_import("cbs-wijkenbuurten-geojson", BAARN)
    published = sum(
        1 for feature in features() for name, cell in feature["properties"].items()
        if name in PROPERTY_KEYS and str(cell) not in MISSING_MARKERS
    )
    stored = Observation.objects.filter(region__code__in=codes, year=2024, source__key="cbs-kwb-2024").count()
    assert stored == published == 768


def test_same_source_record_as_the_odata_table_of_that_year():
    pdok = get_importer("cbs-wijkenbuurten-geojson").read(BAARN).sources
    odata = get_importer("cbs-kwb-odata").read(ODATA).sources
    assert pdok == odata and len(pdok) == 1


def test_second_import_changes_nothing():
    assert_reimport_changes_nothing("cbs-wijkenbuurten-geojson", BAARN)


def _rename(index, name, new_name):
    def change(document):
        properties = document["features"][index]["properties"]
        properties[new_name] = properties.pop(name)
    return change


def _no_geometry(document):
    del document["features"][3]["geometry"]


@pytest.mark.parametrize(
    ("change", "feature", "column"),
    [
        (_no_geometry, 4, None),
        (_rename(2, "aantal_inwoners", "inwoners_aantal"), 3, "inwoners_aantal"),
        (_rename(2, "buurtcode", "buurt_code"), 3, "buurtcode"),
        (set_property(2, "buurtcode", "BU0308000"), 3, "buurtcode"),
        (set_property(2, "buurtcode", "BU03080000"), 3, "buurtcode"),
        (set_property(2, "wijkcode", "WK030801"), 3, "wijkcode"),
        (set_property(2, "jrstatcode", "2023BU03080002"), 3, "jrstatcode"),
        (set_property(2, "jaar", 2023), 3, "jaar"),
        (set_property(2, "water", "MISSCHIEN"), 3, "water"),
        (set_property(2, "gemeentenaam", "Soest"), 3, "gemeentenaam"),
        (set_property(2, "percentage_ongehuwd", 140), 3, "percentage_ongehuwd"),
        (set_property(2, "aantal_inwoners", "veel"), 3, "aantal_inwoners"),
    ],
    ids=["no-geometry", "unknown-property", "missing-property", "bad-code", "duplicate-code", "other-wijk",
         "other-jrstatcode", "mixed-years", "bad-water-flag", "other-gemeente-name", "out-of-range", "not-a-number"],
)
def test_broken_copies_are_refused(tmp_path, change, feature, column):
    broken = geojson_copy(tmp_path, BAARN, change)
    refused = assert_refused("cbs-wijkenbuurten-geojson", broken, feature=feature, column=column)
    assert f"bestand {broken.name}, object {feature}" in refused.message


def test_cut_off_file_is_refused(tmp_path):
    broken = tmp_path / "cut_off.geojson"
    broken.write_bytes(data_bytes(BAARN)[:-2000])
    assert "misschien is het afgebroken" in assert_refused("cbs-wijkenbuurten-geojson", broken).message
