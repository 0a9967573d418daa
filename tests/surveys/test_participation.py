"""Who took part, against the CBS population: shown only where both counts are at least 10."""

import pytest

from tests.indicators.factories import IndicatorFactory, ObservationFactory
from tests.surveys.factories import add_responses, close_period, make_survey_area, open_period
from wijkkompas.surveys import selectors

pytestmark = pytest.mark.django_db


def inhabitants(region, key, value, year=2024):
    ObservationFactory(region=region, indicator=IndicatorFactory(key=key, unit="count"), value=value, year=year)


def test_respondents_per_age_group_and_buurt_against_the_population_computed_by_hand():
    area = make_survey_area()
    for key, value in (("inwoners_15_24", 100), ("inwoners_25_44", 300), ("inwoners_45_64", 200), ("inwoners_65_plus", 8)):
        inhabitants(area.wijk, key, value)
    inhabitants(area.buurt_a, "inwoners", 800)
    inhabitants(area.buurt_b, "inwoners", 5)
    period = open_period(area.wijk)
    add_responses(period, 12, age_group="25_44", buurt=area.buurt_a)
    add_responses(period, 11, age_group="45_64", buurt=area.buurt_b)
    add_responses(period, 10, buurt=area.buurt_a)  # age not filled in: a group of its own
    close_period(period)

    ages = {row.group: row for row in selectors.participation(period=period, breakdown="leeftijd")}
    assert (ages["25_44"].respondents, ages["25_44"].population) == (12, 300)
    assert ages["25_44"].respondent_share == pytest.approx(12 / 23)
    assert ages["25_44"].population_share == pytest.approx(300 / 608)
    assert ages["45_64"].respondents == 11
    assert ages["15_24"].respondents is None and ages["15_24"].reason == "te weinig antwoorden"  # 0 respondents
    assert ages["65_plus"].population is None  # 8 inhabitants

    buurten = {row.group: row for row in selectors.participation(period=period, breakdown="buurt")}
    assert (buurten[area.buurt_a.code].respondents, buurten[area.buurt_a.code].population) == (22, 800)
    assert buurten[area.buurt_b.code].respondents is None  # 11 respondents, but 5 inhabitants
