"""A small, fully known world for score tests, scored once per test module.

Twelve test wijken (codes WK9801xx and WK9802xx, never used by CBS) in two test municipalities, with real
figures of Groningen wijken WK001400-WK001411 (CBS Kerncijfers wijken en buurten 2022) filed
under test years 2031-2033, which no bundled source has, so the bundled data (if loaded)
never joins their peer groups. The world is built inside one transaction that is rolled
back after the module; each test runs in a savepoint inside it.

    year 2031: WK980100-WK980105 with woz / arbeidsparticipatie / laag inkomen / hoog inkomen / hbo-wo /
               inwoners (the slice of tests/scores/test_computation.py), and GM9801 alone with a woz value
    year 2032: the same, except WK980103's laag inkomen rose from 55.2 to 65.2 and every woz value
               by 20 (money: left out of a change between years)
    year 2033: WK980100-WK980111 with all five scored indicators
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import transaction

from tests.indicators.factories import IndicatorFactory, ObservationFactory, SourceFactory
from tests.regions.factories import RegionFactory
from wijkkompas.indicators.models import Direction, Indicator, Theme, Unit
from wijkkompas.regions.models import FocusArea, Level, Region
from wijkkompas.scores.services import RecomputeResult, scores_recompute

WOZ = [244, 232, 257, 199, 219, 311, 283, 269, 271, 232, 200, 210]
SLICE = {  # wijk: (arbeidsparticipatie, laag inkomen, hoog inkomen, hbo/wo, inwoners)
    0: (59, 60.3, 10.5, 46, 23065),
    1: (62, 49.4, 14.5, 49, 20250),
    2: (62, 49.9, 16.2, 53, 14035),
    3: (60, 55.2, 9.9, 42, 18265),
    4: (60, 49.0, 12.4, 45, 12515),
    5: (67, 29.0, 30.3, 58, 3195),
}
#: WK001406-WK001411 of the same file, for 2033.
MORE = {
    6: (64, 35.2, 25.1, 55, 19605),
    7: (62, 38.9, 21.1, 49, 10710),
    8: (63, 43.0, 18.5, 32, 12220),
    9: (59, 48.5, 15.6, 38, 18505),
    10: (52, 57.8, 8.3, 37, 18615),
    11: (59, 43.1, 13.9, 36, 15690),
}


@dataclass
class ScoreWorld:
    province: Region
    focus_municipality: Region
    other_municipality: Region
    wijken: list[Region]
    woz: Indicator
    work: Indicator
    low_income: Indicator
    high_income: Indicator
    education: Indicator
    inhabitants: Indicator
    recompute: RecomputeResult

    def code(self, index: int) -> str:
        return self.wijken[index].code


def _build() -> ScoreWorld:
    source = SourceFactory(key="test-kwb-scores", title="Testkopie kerncijfers wijken en buurten 2022")
    province = RegionFactory(code="PV98", level=Level.PROVINCE, name="Testprovincie", municipality_code="")
    focus = RegionFactory(code="GM9801", name="Testgemeente Focus", province=province)
    other = RegionFactory(code="GM9802", name="Testgemeente Overig")
    FocusArea.objects.create(name="Testfocusgebied", municipality=focus)
    wijken = [
        RegionFactory(code=f"WK98{1 if index < 3 else 2:02d}{index:02d}", level=Level.DISTRICT,
                      name=f"Testwijk {index}", municipality_code=(focus if index < 3 else other).code)
        for index in range(12)
    ]
    indicator = {
        "woz": IndicatorFactory(key="test_woz", unit=Unit.THOUSAND_EURO, theme=Theme.HOUSING,
                                direction=Direction.HIGHER_IS_BETTER, decimals=0),
        "work": IndicatorFactory(key="test_arbeidsparticipatie", theme=Theme.INCOME_WORK,
                                 direction=Direction.HIGHER_IS_BETTER),
        "low": IndicatorFactory(key="test_laag_inkomen", theme=Theme.INCOME_WORK,
                                direction=Direction.HIGHER_IS_WORSE),
        "high": IndicatorFactory(key="test_hoog_inkomen", theme=Theme.INCOME_WORK,
                                 direction=Direction.HIGHER_IS_BETTER),
        "edu": IndicatorFactory(key="test_hbo_wo", theme=Theme.EDUCATION, direction=Direction.HIGHER_IS_BETTER),
        # The real key: selectors read the population from it (get_or_create keeps a loaded one).
        "inhabitants": IndicatorFactory(key="inwoners", unit=Unit.COUNT, theme=Theme.POPULATION,
                                        direction=Direction.NEUTRAL, decimals=0),
    }

    def observe(key, region, year, value):
        ObservationFactory(indicator=indicator[key], region=region, year=year, value=value, source=source)

    def observe_all(year, rows, *, woz_rise=0, low_rise=None):
        for index, (work, low, high, edu, inhabitants) in rows.items():
            wijk = wijken[index]
            observe("woz", wijk, year, WOZ[index] + woz_rise)
            observe("work", wijk, year, work)
            observe("low", wijk, year, low + (10 if index == low_rise else 0))
            observe("high", wijk, year, high)
            observe("edu", wijk, year, edu)
            observe("inhabitants", wijk, year, inhabitants)

    observe_all(2031, SLICE)
    observe_all(2032, SLICE, woz_rise=20, low_rise=3)
    observe_all(2033, {**SLICE, **MORE})
    observe("woz", focus, 2031, 250)
    return ScoreWorld(
        province=province, focus_municipality=focus, other_municipality=other, wijken=wijken,
        woz=indicator["woz"], work=indicator["work"], low_income=indicator["low"], high_income=indicator["high"],
        education=indicator["edu"],
        inhabitants=indicator["inhabitants"], recompute=scores_recompute(),
    )


@pytest.fixture(scope="module")
def score_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield _build()
        finally:
            transaction.set_rollback(True)


@pytest.fixture
def world(score_world, db):
    """The module's world, with the test itself in a savepoint (the `db` fixture)."""
    return score_world
