"""Whom a percentile compares with: stored per indicator, year and level, and named on the page."""

import pytest
from django.utils import translation

from tests.indicators.factories import IndicatorFactory, ObservationFactory, SourceFactory
from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.indicators.models import Observation
from wijkkompas.profiles.formatting import peers_text, percentile_phrase
from wijkkompas.profiles.structures import Peers
from wijkkompas.regions.models import Level
from wijkkompas.scores import services
from wijkkompas.scores.models import PeerGroup

YEAR = 2031  # no bundled file has figures or areas for it (the 2025 names file gives areas for 2025)


def _municipality(code: str, name: str):
    region = RegionFactory(code=code, level=Level.MUNICIPALITY, name=name, municipality_code=code)
    RegionYearFactory(region=region, year=YEAR, parent=None)
    return region


def _district(code: str, municipality):
    return RegionFactory(code=code, level=Level.DISTRICT, name=code, municipality_code=municipality.code)


@pytest.fixture
def figures(db):
    source = SourceFactory()
    indicator = IndicatorFactory(key="test_peers")
    one = _municipality("GM9901", "Testdam")
    other = _municipality("GM9902", "Proefstad")
    for number, (code, municipality) in enumerate([("WK990101", one), ("WK990102", one), ("WK990201", other)]):
        ObservationFactory(indicator=indicator, region=_district(code, municipality), year=YEAR, value=number,
                           source=source)
    lonely = IndicatorFactory(key="test_alone")
    ObservationFactory(indicator=lonely, region=_district("WK990103", one), year=YEAR, value=1, source=source)
    return indicator, lonely


def test_counts_the_regions_and_their_municipalities(figures, monkeypatch):
    indicator, lonely = figures
    monkeypatch.setattr(services, "NATIONAL_MIN_MUNICIPALITIES", 300)

    services.peer_groups_refresh(YEAR)

    group = PeerGroup.objects.get(indicator=indicator, year=YEAR, level=Level.DISTRICT)
    assert (group.region_count, group.municipality_count, group.municipality_code, group.national) == (3, 2, "", False)
    # A region alone with its figure gets no percentile, so no peer group either.
    assert not PeerGroup.objects.filter(indicator=lonely).exists()


def test_national_only_when_nearly_every_municipality_of_the_year_is_in_it(figures, monkeypatch):
    indicator, _lonely = figures
    monkeypatch.setattr(services, "NATIONAL_MIN_MUNICIPALITIES", 2)

    services.peer_groups_refresh(YEAR)
    assert PeerGroup.objects.get(indicator=indicator, level=Level.DISTRICT).national  # 2 of the 2 municipalities

    _municipality("GM9903", "Derdedorp")  # now 2 of 3: 67%, under 90%
    services.peer_groups_refresh(YEAR)
    assert not PeerGroup.objects.get(indicator=indicator, level=Level.DISTRICT).national


def test_one_municipality_is_named(figures):
    indicator, _lonely = figures
    PeerGroup.objects.all().delete()
    Observation.objects.filter(region__code="WK990201").delete()

    services.peer_groups_refresh(YEAR)

    group = PeerGroup.objects.get(indicator=indicator, level=Level.DISTRICT)
    assert (group.region_count, group.municipality_count, group.municipality_code) == (2, 1, "GM9901")


def test_a_recomputation_refreshes_them(figures):
    services.scores_recompute()

    assert PeerGroup.objects.filter(year=YEAR).exists()


@pytest.mark.parametrize(("peers", "expected"), [
    (Peers(level=Level.DISTRICT, count=3212, national=True, municipality_count=342), "de 3.212 wijken van Nederland"),
    (Peers(level=Level.DISTRICT, count=99, national=False, municipality_count=1, municipality_name="Amsterdam"),
     "de 99 wijken in Amsterdam"),
    (Peers(level=Level.DISTRICT, count=120, national=False, municipality_count=2),
     "de 120 wijken met dit cijfer (in 2 gemeenten)"),
    (Peers(level=Level.PROVINCE, count=12, national=False, municipality_count=0), "de 12 provincies met dit cijfer"),
    (None, "de wijken met dit cijfer"),
])
def test_peers_in_words(peers, expected):
    with translation.override("nl"):
        assert peers_text(peers, level=Level.DISTRICT if peers is None else peers.level) == expected


def test_the_phrase_names_the_peers():
    peers = Peers(level=Level.DISTRICT, count=99, national=False, municipality_count=1, municipality_name="Amsterdam")
    with translation.override("nl"):
        assert percentile_phrase(3, level=Level.DISTRICT, year=2020, peers=peers) == (
            "bij 97% van de 99 wijken in Amsterdam even hoog of hoger (2020)")
        assert percentile_phrase(100, level=Level.DISTRICT, year=2020, peers=peers) == (
            "de hoogste waarde van de 99 wijken in Amsterdam (2020)")
