"""Region reads: search order, lookup, hierarchy and neighbours."""

import pytest

from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.indicators.models import Indicator, Observation, Source
from wijkkompas.regions import selectors
from wijkkompas.regions.models import Level

pytestmark = pytest.mark.django_db


def make(code, level, name, **fields):
    return RegionFactory(code=code, level=level, name=name, **fields)


def give_figures(region):
    source, _ = Source.objects.get_or_create(key="test-source", defaults={"publisher": "Test", "title": "Test"})
    indicator, _ = Indicator.objects.get_or_create(
        key="test_indicator", defaults={"label": "Test", "unit": "count", "definition": "Test", "theme": "bevolking"},
    )
    Observation.objects.create(indicator=indicator, region=region, year=2024, value=1.0, source=source)


@pytest.fixture
def zwaluw():
    """A made-up municipality, district and neighbourhood that share a name part."""
    municipality = make("GM9901", Level.MUNICIPALITY, "Zwaluwstad", municipality_code="GM9901")
    district = make("WK990101", Level.DISTRICT, "Zwaluwstad-Noord", municipality_code="GM9901")
    neighbourhood = make("BU99010101", Level.NEIGHBOURHOOD, "Zwaluwstad Noordoost", municipality_code="GM9901")
    safety_area = make("VM-ZWALUW", Level.SAFETY_AREA, "Zwaluwstad centrum", municipality_code="GM9901")
    return municipality, district, neighbourhood, safety_area


def test_search_orders_exact_then_prefix_and_by_level(zwaluw):
    municipality, district, neighbourhood, safety_area = zwaluw
    assert selectors.region_search(query="zwaluwstad") == [municipality, district, neighbourhood, safety_area]
    assert selectors.region_search(query="Zwaluwstad-Noord")[0] == district


def test_search_ignores_case_accents_and_word_order(zwaluw):
    _municipality, _district, neighbourhood, _safety_area = zwaluw
    assert selectors.region_search(query="NOORDÓOST zwaluwstad")[0] == neighbourhood


def test_search_prefers_regions_with_figures():
    empty = make("WK990201", Level.DISTRICT, "Qzkieviet")
    with_figures = make("BU99020101", Level.NEIGHBOURHOOD, "Qzkieviet")
    give_figures(with_figures)
    assert selectors.region_search(query="Qzkieviet")[:2] == [with_figures, empty]


def test_search_by_code_prefix_and_level_filter(zwaluw):
    municipality, district, neighbourhood, _safety_area = zwaluw
    assert selectors.region_search(query="gm9901") == [municipality]
    found = selectors.region_search(query="WK9901")
    assert found[0] == district
    assert selectors.region_search(query="zwaluwstad", level=Level.NEIGHBOURHOOD) == [neighbourhood]


def test_search_limits_and_handles_empty_queries(zwaluw):
    assert len(selectors.region_search(query="zwaluwstad", limit=2)) == 2
    assert len(selectors.region_search(query="zwaluwstad", limit=500)) <= selectors.MAX_SEARCH_LIMIT
    assert selectors.region_search(query="   ") == []


def test_search_treats_like_wildcards_as_word_separators(zwaluw):
    # As LIKE wildcards these would match every name; as punctuation they separate words, as in names.
    assert selectors.region_search(query="%_%") == []
    assert selectors.region_search(query="__________") == []
    assert selectors.region_search(query="zwaluwstad%noord") == selectors.region_search(query="zwaluwstad noord")
    assert selectors.region_search(query="GM99%") == []


def test_region_by_code_ignores_case(zwaluw):
    municipality = zwaluw[0]
    assert selectors.region_by_code(code="gm9901") == municipality
    assert selectors.region_by_code(code=" GM9901 ") == municipality
    assert selectors.region_by_code(code="GM9999") is None


def test_summaries_add_municipality_name_and_years(zwaluw):
    municipality, district, _neighbourhood, _safety_area = zwaluw
    for year in (2021, 2019, 2020):
        RegionYearFactory(region=district, year=year, parent=municipality)
    summary = selectors.region_summaries(regions=[district])[0]
    assert summary.municipality_name == "Zwaluwstad" and summary.years == [2019, 2020, 2021]


@pytest.fixture
def hierarchy():
    country = RegionFactory(code="NL00", level=Level.COUNTRY, name="Nederland", municipality_code="")
    province = RegionFactory(code="PV99", level=Level.PROVINCE, name="Testprovincie", municipality_code="")
    municipality = make("GM9903", Level.MUNICIPALITY, "Merelstad", municipality_code="GM9903", province=province)
    old = make("WK990301", Level.DISTRICT, "Oud", municipality_code="GM9903", province=province)
    new = make("WK990302", Level.DISTRICT, "Nieuw", municipality_code="GM9903", province=province)
    neighbourhood = make("BU99030201", Level.NEIGHBOURHOOD, "Buurtje", municipality_code="GM9903", province=province)
    RegionYearFactory(region=municipality, year=2023, parent=province)
    RegionYearFactory(region=old, year=2022, parent=municipality)
    RegionYearFactory(region=new, year=2023, parent=municipality)
    RegionYearFactory(region=neighbourhood, year=2023, parent=new)
    return country, province, municipality, old, new, neighbourhood


def test_children_in_the_latest_year_with_children_or_a_given_year(hierarchy):
    _country, _province, municipality, old, new, _neighbourhood = hierarchy
    assert selectors.region_children_year(region=municipality) == 2023
    assert selectors.region_children(region=municipality) == [new]
    assert selectors.region_children(region=municipality, year=2022) == [old]
    assert selectors.region_children(region=municipality, year=2000) == []
    assert selectors.region_children(region=new, year=None) != []


def test_ancestors_run_from_country_to_parent(hierarchy):
    country, province, municipality, _old, new, neighbourhood = hierarchy
    assert selectors.region_ancestors(region=neighbourhood) == [country, province, municipality, new]
    assert selectors.region_ancestors(region=municipality) == [country, province]
    assert selectors.region_ancestors(region=country) == []


def test_ancestors_survive_a_loop_in_the_data():
    first = make("WK990401", Level.DISTRICT, "Een")
    second = make("WK990402", Level.DISTRICT, "Twee")
    RegionYearFactory(region=first, year=2023, parent=second)
    RegionYearFactory(region=second, year=2023, parent=first)
    assert second in selectors.region_ancestors(region=first)


def test_years_in_order_and_latest(hierarchy):
    municipality = hierarchy[2]
    RegionYearFactory(region=municipality, year=2021)
    assert [row.year for row in selectors.region_years(region=municipality)] == [2021, 2023]
    assert selectors.region_latest_year(region=municipality).year == 2023


def box(region, year, min_lon, min_lat, max_lon, max_lat, geometry=True):
    return RegionYearFactory(
        region=region, year=year, min_lon=min_lon, min_lat=min_lat, max_lon=max_lon, max_lat=max_lat,
        geometry={"type": "Polygon", "coordinates": []} if geometry else None,
    )


def test_neighbours_touch_the_bounding_box_in_the_same_year_and_level():
    # Far outside the Netherlands, so real data never falls in these boxes.
    centre, east, far, other_level, no_shape = (
        make(f"WK99050{i}", Level.DISTRICT, f"Vak {i}") for i in range(1, 6)
    )
    other_level.level = Level.NEIGHBOURHOOD
    other_level.save()
    box(centre, 2023, -60.0, -60.0, -59.0, -59.0)
    box(east, 2023, -59.0, -60.0, -58.0, -59.0)
    box(far, 2023, -50.0, -50.0, -49.0, -49.0)
    box(other_level, 2023, -59.5, -59.5, -58.5, -58.5)
    box(no_shape, 2023, -59.5, -59.5, -58.5, -58.5, geometry=False)
    box(east, 2022, -59.0, -60.0, -58.0, -59.0)
    neighbours = selectors.region_neighbours(region=centre, year=2023)
    assert [row.region for row in neighbours] == [east] and neighbours[0].year == 2023
    assert selectors.region_neighbours(region=centre, year=2020) == []
