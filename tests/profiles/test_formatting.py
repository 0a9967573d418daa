"""Figures as the profile shows them: Dutch numbers, units, rounding shared with the CSV."""

import pytest
from django.utils import translation

from wijkkompas.indicators.models import Direction, Indicator, Source, Unit
from wijkkompas.core.numbers import plain_number, rounded
from wijkkompas.profiles.formatting import (
    MISSING, NOT_COMPARED, indicator_value, percentile_phrase, position_phrase, score_value, standing,
)
from wijkkompas.profiles.structures import IndicatorRow, YearFigure


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
    assert text == "hoger dan bij 92% van de wijken met dit cijfer (2022)"
    assert percentile_phrase(None, level="wijk", year=2022) == ""


def test_a_figure_near_the_bottom_reads_from_the_bottom():
    # 3% of the other wijken are lower: 97% have the same or a higher figure (not "lower than 97%",
    # which would be wrong where wijken share the value).
    assert percentile_phrase(3, level="wijk", year=2022) == (
        "bij 97% van de wijken met dit cijfer even hoog of hoger (2022)")


def test_lowest_and_highest_only_when_exactly_so():
    # 303 wijken, 1 lower: percentile 1/302 = 0.33, which rounds to 0 but is not the lowest.
    near_bottom = percentile_phrase(100 / 302, level="wijk", year=2022)
    assert "laagste" not in near_bottom and "bij 99% van de wijken" in near_bottom
    near_top = percentile_phrase(100 * 301 / 302, level="wijk", year=2022)
    assert "hoogste" not in near_top and "hoger dan bij 99% van de wijken" in near_top
    assert percentile_phrase(0, level="wijk", year=2022) == "de laagste waarde van de wijken met dit cijfer (2022)"
    assert percentile_phrase(100, level="wijk", year=2022) == "de hoogste waarde van de wijken met dit cijfer (2022)"


def _row(indicator, percentile):
    figure = YearFigure(year=2022, value=1200, municipality_value=None, national_value=None, percentile=percentile,
                        source=Source(key="s", publisher="CBS", title="test"))
    return IndicatorRow(indicator=indicator, peer_level="wijk", figures=(figure,))


def test_a_total_is_not_compared():
    assert position_phrase(_row(_indicator(Unit.COUNT, 0), 91.6)) == str(NOT_COMPARED)
    assert position_phrase(_row(_indicator(Unit.HECTARE, 0), 91.6)) == str(NOT_COMPARED)
    assert position_phrase(_row(_indicator(Unit.PERCENT), 91.6)) == "hoger dan bij 92% van de wijken met dit cijfer (2022)"


def test_one_rounding_rule_on_the_written_number():
    # 1.005 is stored as 1.00499999…; a reader rounding the written number gets 1,01.
    assert plain_number(1.005, 2) == "1.01"
    assert rounded(1.005, 2) == 1.01
    assert indicator_value(1.005, _indicator(Unit.SCORE, 2)) == "1,01"
    assert score_value(1.005) == "+1,01"


def test_never_minus_zero():
    assert score_value(-0.001) == "0,00"
    assert plain_number(-0.001, 2) == "0.00"
    assert indicator_value(-0.04, _indicator(Unit.PERCENT)) == "0,0%"


def test_thousands_of_euros_read_as_euros():
    assert indicator_value(250, _indicator(Unit.THOUSAND_EURO, 0)) == "€\u00a0250.000"
    assert indicator_value(31.4, _indicator(Unit.THOUSAND_EURO, 1)) == "€\u00a031.400"


def test_rates_name_their_base():
    assert indicator_value(2.5, _indicator(Unit.PER_1000_HOMES, 1)) == "2,5 per 1.000 woningen"
    assert indicator_value(2.5, _indicator(Unit.PER_1000_PRESENT, 1)) == "2,5 per 1.000 verblijvers"
    assert indicator_value(2.5, _indicator(Unit.PER_1000, 1)) == "2,5 per 1.000 inwoners"


def test_standing_turns_around_when_higher_is_worse():
    assert standing(90, Direction.HIGHER_IS_WORSE) == 10
    assert standing(90, Direction.HIGHER_IS_BETTER) == 90
