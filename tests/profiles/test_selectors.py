"""profile_for: values beside the municipality and NL00, percentiles, series, missing cells, pairs."""

import pytest

from tests.indicators.factories import IndicatorFactory, ObservationFactory
from wijkkompas.indicators.models import Direction, Perspective, Theme
from wijkkompas.profiles.selectors import profile_for

pytestmark = pytest.mark.django_db


def _row(profile, key):
    return next(row for row in profile.rows if row.indicator.key == key)


def test_latest_value_with_municipality_and_national_value_of_the_same_year(world):
    row = _row(profile_for(region=world.district), "test_laag_inkomen")
    assert (row.year, row.value) == (2022, 32.45)
    assert row.municipality_value == 26.0
    assert row.national_value == 20.0
    assert row.percentile == 91.6  # passed through from the observation, not recomputed
    assert row.peer_level == "wijk"


def test_series_is_oldest_first_and_keeps_each_years_comparison(world):
    row = _row(profile_for(region=world.district), "test_laag_inkomen")
    assert row.series == [(2020, 30.04), (2022, 32.45)]
    first = row.figures[0]
    assert (first.municipality_value, first.national_value, first.percentile) == (25.0, None, 85.0)
    assert [use.source.key for use in row.sources] == ["test-kwb-oud", "test-kwb"]


def test_national_value_is_never_computed(world):
    row = _row(profile_for(region=world.district), "test_inwoners")
    assert row.national_value is None  # NL00 has no inhabitants figure here; we do not sum one


def test_no_municipality_column_for_a_municipality(world):
    profile = profile_for(region=world.municipality)
    assert profile.municipality is None
    assert all(row.municipality_value is None for row in profile.rows)


def test_a_suppressed_cell_is_a_missing_row_not_zero(world):
    row = _row(profile_for(region=world.district), "test_woz")
    assert row.value is None and row.figures == ()
    assert (row.year, row.municipality_value) == (2022, 310)


def test_no_missing_row_when_the_source_did_not_cover_the_region(world):
    survey_only = IndicatorFactory(key="test_alleen_gemeente", theme=Theme.HEALTH)
    ObservationFactory(indicator=survey_only, region=world.municipality, year=2018, value=5)
    keys = {row.indicator.key for row in profile_for(region=world.district).rows}
    assert "test_alleen_gemeente" not in keys


def test_no_missing_row_when_no_peer_has_the_figure(world):
    """The municipality's figure from the same table is no proof of suppression: the bundled file
    may simply hold no districts for it."""
    municipal_only = IndicatorFactory(key="test_alleen_gemeente_2022", theme=Theme.HEALTH)
    ObservationFactory(indicator=municipal_only, region=world.municipality, year=2022, value=5, source=world.source)
    keys = {row.indicator.key for row in profile_for(region=world.district).rows}
    assert "test_alleen_gemeente_2022" not in keys


def test_themes_follow_theme_order_and_carry_their_score(world):
    profile = profile_for(region=world.district)
    assert [block.theme for block in profile.themes] == [
        "bevolking", "wonen", "inkomen_werk", "veiligheid", "leefbaarheid"]
    income = next(block for block in profile.themes if block.theme == "inkomen_werk")
    assert income.score.rank == 1 and income.score.peer_count == 2
    assert profile.overall_score.value == -0.8 and profile.score_year == 2022


def test_leefwereld_beside_systeemwereld(world):
    pairs = {pair.theme: pair for pair in profile_for(region=world.district).perspectives}
    safety = pairs["veiligheid"]
    assert [row.indicator.key for row in safety.survey] == ["test_veilig"]
    assert [row.indicator.key for row in safety.registered] == ["test_misdrijven"]
    livability = pairs["leefbaarheid"]
    assert [row.indicator.key for row in livability.model] == ["test_lbm"]
    assert "test_misdrijven" in [row.indicator.key for row in livability.registered]


def test_no_pair_without_a_registered_counterpart(world):
    pairs = profile_for(region=world.other_district).perspectives
    assert pairs == []


def test_highlights_are_direction_aware(world):
    profile = profile_for(region=world.district)
    weakest = [item.row.indicator.key for item in profile.weakest]
    # 95th percentile of crimes (higher is worse) stands worse than the 20th of feeling safe.
    assert weakest == ["test_misdrijven", "test_laag_inkomen", "test_veilig"]
    assert profile.strongest == []
    good = IndicatorFactory(key="test_groen", theme=Theme.SURROUNDINGS, direction=Direction.HIGHER_IS_BETTER,
                            perspective=Perspective.REGISTERED)
    ObservationFactory(indicator=good, region=world.district, year=2022, value=1, percentile=80.0)
    assert [item.row.indicator.key for item in profile_for(region=world.district).strongest] == ["test_groen"]


def test_sources_and_years(world):
    uses = {use.source.key: use.years for use in profile_for(region=world.district).sources}
    assert uses == {"test-kwb": (2022,), "test-kwb-oud": (2020,), "test-monitor": (2022,)}


def test_query_count_does_not_grow_with_indicators(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(14) as before:  # 12, and the peer groups with their municipalities' names
        profile_for(region=world.district)
    for number in range(30):
        indicator = IndicatorFactory(theme=Theme.ENERGY)
        ObservationFactory(indicator=indicator, region=world.district, year=2022, value=number, source=world.source)
        ObservationFactory(indicator=indicator, region=world.municipality, year=2022, value=number, source=world.source)
    with django_assert_max_num_queries(len(before.captured_queries)):
        profile = profile_for(region=world.district)
    assert len(profile.rows) == 6 + 30
