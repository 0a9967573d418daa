"""The search text and index follow every write of the regions services, as an import makes them."""

import pytest

from tests.imports.cbs_files import fresh_import
from tests.imports.test_cbs_postcode_huisnummer import LINES, regions_2024, write  # noqa: F401 (a fixture)
from tests.regions.factories import RegionFactory
from wijkkompas.imports.base import FocusAreaRecord, RegionRecord
from wijkkompas.regions import selectors, services
from wijkkompas.regions.aliases import ALIASES, alias_names_for
from wijkkompas.regions.models import Level, Region
from wijkkompas.regions.search import search_text, search_words

pytestmark = pytest.mark.django_db


def found(query):
    return [region.code for region in selectors.region_search(query=query)]


def test_search_words_drop_case_accents_and_punctuation():
    assert search_words("'s-Gravenhage") == "s gravenhage"
    assert search_words("Bijlmer Centrum (D,F,H)") == "bijlmer centrum d f h"
    assert search_words("Sint-Odiliënberg_%") == "sint odilienberg"


def test_a_search_text_holds_name_everyday_names_and_town():
    text = search_text(name="Wijk 29 Schildersbuurt", code="WK051829", level=Level.DISTRICT,
                       towns=["'s-Gravenhage", "Den Haag"])
    assert text == "wijk 29 schildersbuurt schilderswijk s gravenhage den haag"
    assert search_text(name="'s-Gravenhage", code="GM0518", level=Level.MUNICIPALITY, towns=["x"]) == (
        "s gravenhage den haag")
    assert alias_names_for("WK0363TA") == ["Zuidoost", "Amsterdam Zuidoost"]
    assert alias_names_for("BU0363TA01") == []


def test_an_imported_region_is_found_by_name_and_town_and_a_new_town_name_follows():
    services.regions_upsert(records=[
        RegionRecord(code="GM9931", level=Level.MUNICIPALITY, year=2024, name="Kwikstad"),
        RegionRecord(code="WK993101", level=Level.DISTRICT, year=2024, name="Wijk 01 Rietkraag", parent_code="GM9931"),
    ])
    assert found("Rietkraag Kwikstad")[0] == "WK993101"
    assert found("rietkraak")[0] == "WK993101"  # a typo
    services.regions_upsert(records=[RegionRecord(code="GM9931", level=Level.MUNICIPALITY, year=2025,
                                                  name="Kwikdorp")])
    assert found("Rietkraag Kwikdorp")[0] == "WK993101"
    assert "kwikstad" not in Region.objects.get(code="WK993101").search_text


def test_a_long_query_is_cut_to_what_a_name_can_be():
    RegionFactory(code="WK993301", level=Level.DISTRICT, name="Roerdomp", municipality_code="GM9933")
    assert found("roerdomp " + "x" * 5000) == found("roerdomp " + "x" * 90) == ["WK993301"]


def test_a_deleted_or_renamed_region_leaves_nothing_behind_in_the_index():
    region = RegionFactory(code="WK993201", level=Level.DISTRICT, name="Zilverreiger", municipality_code="GM9932")
    assert found("zilverreiger") == ["WK993201"]
    region.delete()
    RegionFactory(code="WK993202", level=Level.DISTRICT, name="Blauwe Reiger", municipality_code="GM9932")
    assert found("zilverreiger") == []
    assert found("blauwe reiger") == ["WK993202"]


def test_a_focus_area_without_wijken_of_its_own_leads_to_its_municipality():
    municipality = RegionFactory(code="GM9933", level=Level.MUNICIPALITY, name="Grutto")
    services.focus_areas_upsert(records=[FocusAreaRecord(name="Grutto Kievitsbuurt", municipality_code="GM9933",
                                                         name_variant="Grutto-Kievit")],
                                regions={"GM9933": municipality})
    assert found("Grutto Kievitsbuurt")[0] == "GM9933"
    assert found("grutto kievit")[0] == "GM9933"


def test_every_alias_leads_to_a_region_in_the_bundled_data(bundled_data):
    for alias in ALIASES:
        for pattern in alias.codes:
            regions = Region.objects.filter(code__startswith=pattern[:-1]) if pattern.endswith("*") else (
                Region.objects.filter(code=pattern))
            assert regions.filter(last_year__gte=2024).exists(), f"{alias.name}: no current region {pattern}"
        assert alias.source


def test_with_cbs_postcode_huisnummer_file_a_6_digit_postcode_finds_its_buurten(tmp_path, regions_2024):
    fresh_import("cbs-postcode-huisnummer", write(tmp_path, LINES))
    found = selectors.search_results(query="9901 aa")
    assert found.postcode == "9901AA"
    assert [(r.region.code, r.postcode_addresses, round(r.postcode_share, 3)) for r in found.results] == [
        ("BU99010101", 2, 0.667), ("BU99010102", 1, 0.333),
    ]
    assert [r.region.code for r in selectors.search_results(query="9901").results] == ["WK990101", "WK9901AB"]
