"""Figures as the profile shows them: Dutch numbers, units, rounding shared with the CSV."""

import pytest
from django.utils import translation

from wijkkompas.indicators.models import Direction, Indicator, Unit
from wijkkompas.profiles.formatting import (
    MISSING, indicator_value, percentile_phrase, plain_number, rounded, score_value, standing,
)


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def _indicator(unit, decimals=1):
    return Indicator(key="x", label="x", unit=unit, decimals=decimals, theme="bevolking", definition="")


def test_rounding_is_half_away_from_zero_and_shared_with_csv():
    assert rounded(2.25, 1) == 2.3 and rounded(-2.25, 1) == -2.3
    assert plain_number(1234.5, 0) == "1235"
    assert plain_number(7, 2) == "7.00"


def test_dutch_numbers_with_units():
    assert indicator_value(12345, _indicator(Unit.COUNT, 0)) == "12.345"
    assert indicator_value(32.45, _indicator(Unit.PERCENT)) == "32,5%"
    assert indicator_value(3.2, _indicator(Unit.KILOMETRE)).startswith("3,2 ")
    assert indicator_value(None, _indicator(Unit.PERCENT)) == str(MISSING)


def test_score_has_a_sign():
    assert score_value(0.351) == "+0,35"
    assert score_value(-0.8) == "-0,80"
    assert score_value(0.0) == "0,00"


def test_percentile_phrase_names_peers_and_year():
    text = percentile_phrase(91.6, level="wijk", year=2022)
    assert "92%" in text and "2022" in text
    assert percentile_phrase(None, level="wijk", year=2022) == ""


def test_standing_turns_around_when_higher_is_worse():
    assert standing(90, Direction.HIGHER_IS_WORSE) == 10
    assert standing(90, Direction.HIGHER_IS_BETTER) == 90
