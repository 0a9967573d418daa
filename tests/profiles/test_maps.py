"""The choropleth: which regions it shows, its classes and colours, and the SVG itself."""

from xml.etree import ElementTree

import pytest

from tests.profiles.conftest import place, square
from tests.regions.factories import RegionFactory
from wijkkompas.profiles.profile_map import profile_map
from wijkkompas.profiles.selectors import profile_for
from wijkkompas.regions.maps import MISSING_FILL, PALETTE, classify, map_areas
from wijkkompas.regions.models import Level

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def _codes(selection):
    return [area.region.code for area in selection.areas]


def test_a_municipality_shows_its_districts_outlined_by_its_own_boundary(world):
    selection = map_areas(region=world.municipality)
    assert _codes(selection) == ["WK990101", "WK990102"]
    assert selection.outline.region == world.municipality


def test_a_district_shows_its_neighbourhoods(world):
    assert _codes(map_areas(region=world.district)) == ["BU99010101", "BU99010102"]


def test_a_district_without_neighbourhood_boundaries_shows_its_sibling_districts(world):
    assert _codes(map_areas(region=world.other_district)) == ["WK990101", "WK990102"]


def test_a_neighbourhood_shows_the_neighbourhoods_that_touch_it(world):
    far = RegionFactory(code="BU99010103", level=Level.NEIGHBOURHOOD, name="Ver", municipality_code="GM9901")
    place(far, year=2022, parent=world.district, geometry=square(6.0, 53.0, 0.005))
    selection = map_areas(region=world.neighbourhood)
    assert _codes(selection)[0] == "BU99010101"
    assert sorted(_codes(selection)) == ["BU99010101", "BU99010102"]
    assert selection.outline is None


def test_boundaries_from_another_year_are_used_for_newer_codes(world):
    """Like Amsterdam's new buurten: figures of 2024, the latest boundary is of 2022."""
    new_district = RegionFactory(code="WK9901AA", level=Level.DISTRICT, name="Nieuw", municipality_code="GM9901")
    new_buurt = RegionFactory(
        code="BU9901AA01", level=Level.NEIGHBOURHOOD, name="Nieuwbuurt", municipality_code="GM9901")
    place(new_district, year=2024, parent=world.municipality)
    place(new_buurt, year=2024, parent=new_district)
    place(new_buurt, year=2022, parent=None, geometry=square(5.02, 52.0, 0.005))
    selection = map_areas(region=new_district)
    assert _codes(selection) == ["BU9901AA01"]
    assert selection.geometry_years == [2022]


def test_classes_are_quantiles_and_equal_values_share_a_class():
    values = {pk: float(pk) for pk in range(10)}
    values[9] = 8.0  # a tie with 8
    classes, class_of = classify(values, darker_is_lower=False)
    assert [(cls.low, cls.high, cls.count) for cls in classes] == [
        (0, 1, 2), (2, 3, 2), (4, 5, 2), (6, 7, 2), (8, 8, 2)]
    assert class_of[8] == class_of[9]
    assert class_of[0].colour == PALETTE[0] and class_of[9].colour == PALETTE[-1]


def test_darker_is_worse_when_higher_is_better():
    classes, class_of = classify({1: 1.0, 2: 2.0, 3: 3.0, 4: 4.0, 5: 5.0}, darker_is_lower=True)
    assert class_of[1].colour == PALETTE[-1]  # the lowest value is the darkest
    assert class_of[5].colour == PALETTE[0]


def _svg(world, region, choice):
    result = profile_map(profile=profile_for(region=region), choice=choice)
    return result, ElementTree.fromstring(str(result.svg))


def test_svg_is_valid_xml_with_one_linked_path_per_region(world):
    result, root = _svg(world, world.municipality, "test_inwoners")
    # Not role="img": that would hide the links inside from assistive technology (axe: nested-interactive).
    assert root.get("role") == "graphics-document"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text.startswith("Kaart: Inwoners") and root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert desc.text.startswith("2 gebieden gekleurd naar "), desc.text
    links = root.findall(f"{SVG}a")
    assert sorted(link.get("href") for link in links) == ["/gebied/WK990101/", "/gebied/WK990102/"]
    assert all(len(link.findall(f"{SVG}path")) == 1 for link in links)
    paths = [link.find(f"{SVG}path") for link in links]
    assert all(path.get("fill-rule") == "evenodd" for path in paths)
    outline = [path for path in root.findall(f"{SVG}path") if path.get("class") == "wk-kaart-omtrek"]
    assert len(outline) == 1  # the municipality's own boundary, drawn thick on top


def test_names_are_escaped_in_the_svg(world):
    _, root = _svg(world, world.municipality, "test_inwoners")
    titles = [link.find(f"{SVG}title").text for link in root.findall(f"{SVG}a")]
    assert "West & <Zuid>: 2.345" in titles


def test_the_profile_region_is_highlighted_and_drawn_last(world):
    result, root = _svg(world, world.other_district, "test_laag_inkomen")
    links = root.findall(f"{SVG}a")
    assert links[-1].get("href") == "/gebied/WK990102/"
    assert "wk-kaart-gebied--uitgelicht" in links[-1].find(f"{SVG}path").get("class")
    assert result.highlighted


def test_regions_without_a_value_are_hatched_and_counted(world):
    result, root = _svg(world, world.other_district, "test_woz")
    fills = {link.get("href"): link.find(f"{SVG}path").get("fill") for link in root.findall(f"{SVG}a")}
    assert fills["/gebied/WK990101/"] == MISSING_FILL
    assert fills["/gebied/WK990102/"] in PALETTE
    assert result.missing_count == 1
    assert [row.class_label for row in result.rows if row.region == world.district] == ["geen cijfer"]


def test_choices_only_offer_what_the_map_regions_have(world):
    result = profile_map(profile=profile_for(region=world.district), choice="test_laag_inkomen")
    assert [choice.key for choice in result.choices] == ["test_inwoners"]  # the buurten only have inhabitants
    assert result.selected.key == "test_inwoners"


def test_score_choice_colours_by_the_composite_score(world):
    result = profile_map(profile=profile_for(region=world.other_district), choice="score-totaal")
    assert result.selected.is_score
    assert {row.region.code: row.value_label for row in result.rows} == {"WK990101": "-0,80", "WK990102": "+0,80"}
    assert result.figures_year == 2022


def test_no_map_without_boundaries(world):
    lonely = RegionFactory(code="GM9902", level=Level.MUNICIPALITY, name="Zonder kaart", municipality_code="GM9902")
    place(lonely, year=2022, parent=None)
    result = profile_map(profile=profile_for(region=lonely), choice=None)
    assert result.svg is None and result.choices == []
