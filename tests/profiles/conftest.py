"""A small, fully known world for profile tests: one municipality with two districts and two
neighbourhoods, square boundaries, a handful of indicators and scores. Codes GM99xx are not
used by CBS, so this never collides with the bundled real data."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.indicators.factories import IndicatorFactory, ObservationFactory, SourceFactory
from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.indicators.models import Direction, Indicator, Perspective, Source, Theme, Unit
from wijkkompas.regions.geometry import bounding_box
from wijkkompas.regions.models import Level, Region
from wijkkompas.scores.models import OVERALL, Score


def square(lon: float, lat: float, size: float = 0.01) -> dict:
    return {"type": "Polygon", "coordinates": [[
        [lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat],
    ]]}


def place(region: Region, *, year: int, parent: Region | None, geometry: dict | None = None):
    box = dict(zip(("min_lon", "min_lat", "max_lon", "max_lat"), bounding_box(geometry))) if geometry else {}
    return RegionYearFactory(region=region, year=year, parent=parent, geometry=geometry, **box)


@dataclass
class World:
    country: Region
    municipality: Region
    district: Region
    other_district: Region
    neighbourhood: Region
    other_neighbourhood: Region
    source: Source
    low_income: Indicator
    inhabitants: Indicator
    woz: Indicator
    feels_safe: Indicator
    crimes: Indicator
    livability: Indicator


@pytest.fixture
def world(db) -> World:
    country = RegionFactory(code="NL00", level=Level.COUNTRY, name="Nederland", municipality_code="")
    municipality = RegionFactory(code="GM9901", level=Level.MUNICIPALITY, name="Testdam", municipality_code="GM9901")
    district = RegionFactory(code="WK990101", level=Level.DISTRICT, name="Oost", municipality_code="GM9901")
    other = RegionFactory(code="WK990102", level=Level.DISTRICT, name="West & <Zuid>", municipality_code="GM9901")
    buurt = RegionFactory(code="BU99010101", level=Level.NEIGHBOURHOOD, name="Kern", municipality_code="GM9901")
    buurt2 = RegionFactory(code="BU99010102", level=Level.NEIGHBOURHOOD, name="Rand", municipality_code="GM9901")
    place(country, year=2022, parent=None)
    place(municipality, year=2022, parent=country, geometry=square(5.0, 52.0, 0.02))
    place(district, year=2022, parent=municipality, geometry=square(5.0, 52.0))
    place(other, year=2022, parent=municipality, geometry=square(5.01, 52.0))
    place(buurt, year=2022, parent=district, geometry=square(5.0, 52.0, 0.005))
    place(buurt2, year=2022, parent=district, geometry=square(5.005, 52.0, 0.005))

    source = SourceFactory(key="test-kwb", title="Kerncijfers wijken en buurten (test)", table="99999NED")
    older = SourceFactory(key="test-kwb-oud", title="Kerncijfers oud (test)", table="99990NED", year=2020)
    survey_source = SourceFactory(key="test-monitor", publisher="Gemeente Testdam", title="Veiligheidsmonitor (test)",
                                  table="", licence="")
    low_income = IndicatorFactory(key="test_laag_inkomen", label="Personen met een laag inkomen",
                                  theme=Theme.INCOME_WORK, direction=Direction.HIGHER_IS_WORSE, decimals=1)
    inhabitants = IndicatorFactory(key="test_inwoners", label="Inwoners", unit=Unit.COUNT, decimals=0,
                                   theme=Theme.POPULATION)
    woz = IndicatorFactory(key="test_woz", label="WOZ-waarde", unit=Unit.THOUSAND_EURO, decimals=0,
                           theme=Theme.HOUSING, direction=Direction.HIGHER_IS_BETTER)
    feels_safe = IndicatorFactory(key="test_veilig", label="Voelt zich veilig", theme=Theme.SAFETY,
                                  perspective=Perspective.SURVEY, direction=Direction.HIGHER_IS_BETTER, decimals=0)
    crimes = IndicatorFactory(key="test_misdrijven", label="Misdrijven", unit=Unit.PER_1000, theme=Theme.SAFETY,
                              direction=Direction.HIGHER_IS_WORSE, decimals=1)
    livability = IndicatorFactory(key="test_lbm", label="Leefbaarometer", unit=Unit.SCORE, theme=Theme.LIVABILITY,
                                  perspective=Perspective.MODEL, direction=Direction.HIGHER_IS_BETTER, decimals=2)

    def obs(indicator, region, year, value, percentile=None, src=source):
        ObservationFactory(
            indicator=indicator, region=region, year=year, value=value, percentile=percentile, source=src)

    obs(low_income, district, 2020, 30.04, 85.0, older)
    obs(low_income, district, 2022, 32.45, 91.6)
    obs(low_income, other, 2022, 12.0, 10.0)
    obs(low_income, municipality, 2020, 25.0, src=older)
    obs(low_income, municipality, 2022, 26.0)
    obs(low_income, country, 2022, 20.0)
    obs(inhabitants, district, 2022, 12345, 60.0)
    obs(inhabitants, other, 2022, 2345, 20.0)
    obs(inhabitants, municipality, 2022, 14690)
    obs(woz, municipality, 2022, 310)  # published for the municipality, suppressed for the district
    obs(woz, other, 2022, 280, 40.0)
    obs(feels_safe, district, 2022, 71, 20.0, survey_source)
    obs(crimes, district, 2022, 55.5, 95.0, survey_source)
    obs(livability, district, 2022, 3.95, 30.0, survey_source)
    obs(inhabitants, buurt, 2022, 5000, 50.0)
    obs(inhabitants, buurt2, 2022, 7345, 70.0)
    for region, value, rank in ((district, -0.8, 1), (other, 0.8, 2)):
        Score.objects.create(region=region, level=Level.DISTRICT, year=2022, theme=OVERALL, value=value,
                             indicator_count=3, rank=rank, peer_count=2)
        Score.objects.create(region=region, level=Level.DISTRICT, year=2022, theme=Theme.INCOME_WORK, value=value,
                             indicator_count=1, rank=rank, peer_count=2)
    return World(country=country, municipality=municipality, district=district, other_district=other,
                 neighbourhood=buurt, other_neighbourhood=buurt2, source=source, low_income=low_income,
                 inhabitants=inhabitants, woz=woz, feels_safe=feels_safe, crimes=crimes, livability=livability)
