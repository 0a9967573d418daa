"""Postcodes as people type them, the areas a postcode lies in, and replacing them on import."""

import pytest

from tests.regions.factories import RegionFactory
from wijkkompas.imports.base import PostcodeAreaRecord
from wijkkompas.regions.models import Level, PostcodeArea
from wijkkompas.regions.postcodes import normalise_postcode
from wijkkompas.regions.selectors import regions_for_postcode
from wijkkompas.regions.services import postcode_areas_replace

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3523", "3523"), ("3523 AB", "3523AB"), ("3523ab", "3523AB"), (" 3523 ab ", "3523AB"),
     ("0123", None), ("352", None), ("3523 A", None), ("3523-AB", None), ("Utrecht", None), ("", None)],
)
def test_postcodes_are_read_as_people_type_them(text, expected):
    assert normalise_postcode(text) == expected


@pytest.fixture
def areas():
    # No address has postcode 2997-2999 (the bundled PC4 table skips them), so the real data
    # that other tests may have loaded cannot mix in.
    assert not PostcodeArea.objects.filter(postcode__regex=r"^299[7-9]").exists()
    wijk_a = RegionFactory(code="WK990101", level=Level.DISTRICT)
    wijk_b = RegionFactory(code="WK990102", level=Level.DISTRICT)
    buurt = RegionFactory(code="BU99010201", level=Level.NEIGHBOURHOOD)
    PostcodeArea.objects.bulk_create([
        PostcodeArea(postcode="2997", region=wijk_a, year=2024, address_count=30, share=0.3),
        PostcodeArea(postcode="2997", region=wijk_b, year=2024, address_count=70, share=0.7),
        PostcodeArea(postcode="2997", region=wijk_a, year=2023, address_count=10, share=1.0),
        PostcodeArea(postcode="2997AB", region=buurt, year=2024, address_count=12, share=1.0),
    ])
    return wijk_a, wijk_b, buurt


@pytest.mark.parametrize("typed", ["2997", "2997 ZZ", "2997zz"])
def test_a_postcode_gives_its_wijken_largest_share_first(areas, typed):
    wijk_a, wijk_b, _ = areas
    matches = regions_for_postcode(postcode=typed)
    assert [(m.region, m.postcode, m.year, m.address_count, m.share) for m in matches] == [
        (wijk_b, "2997", 2024, 70, 0.7), (wijk_a, "2997", 2024, 30, 0.3),
    ]


@pytest.mark.parametrize("typed", ["2997AB", "2997 ab"])
def test_a_6_digit_postcode_gives_its_buurten_when_known(areas, typed):
    assert [m.region.code for m in regions_for_postcode(postcode=typed)] == ["BU99010201"]


def test_an_earlier_year_is_given_when_asked(areas):
    assert [(m.region.code, m.share) for m in regions_for_postcode(postcode="2997", year=2023)] == [("WK990101", 1.0)]


@pytest.mark.parametrize("typed", ["2998", "Utrecht", "0901", ""])
def test_no_areas_for_an_unknown_postcode_or_other_text(areas, typed):
    assert regions_for_postcode(postcode=typed) == []


def test_an_import_replaces_only_the_postcodes_of_its_year_and_kind(areas):
    wijk_a, wijk_b, buurt = areas
    postcode_areas_replace(records=[PostcodeAreaRecord("2999", "WK990102", 2024, 5, 1.0)])

    stored = set(PostcodeArea.objects.values_list("postcode", "region__code", "year"))
    assert stored == {("2999", "WK990102", 2024), ("2997", "WK990101", 2023), ("2997AB", "BU99010201", 2024)}
