"""The Leefbaarometer worsening list and gap on a real slice: the Leefbaarometer 3.0 total scores of
twelve Zandvoort buurten (data/leefbaarometer3_buurten_2002_2020.csv, BU04730101-BU04730302), filed
here under test codes in test municipality GM9803 so that the bundled data never joins them, with
their 2016 scores of instrument 2.0 (which must not count) and their inhabitants of 2024 (CBS
Kerncijfers 2024) for four of them.

    buurt  2014      2018      2020      2020 - 2014   inhabitants 2024
    0101   4.148505  4.18007   4.230838   0.082333     1445
    0102   4.066312  4.126757  4.142154   0.075842
    0103   4.109936  4.106657  4.116576   0.006640     2025
    0105   3.989631  3.983612  3.995072   0.005441     2870
    0201   4.190779  4.216581  4.272478   0.081699
    0202   4.495321  4.533604  4.553253   0.057932
    0203   4.186845  4.217662  4.266482   0.079637
    0204   4.468787  4.461831  4.447443  -0.021344      590
    0205   4.268496  4.295676  4.30932    0.040824
    0206   4.049782  4.103582  4.138868   0.089086
    0301   4.42516   4.417063  4.439914   0.014754
    0302   4.394326  (left out) 4.431845   0.037519
"""

import pytest
from django.urls import reverse

from tests.core.html import parse
from tests.indicators.factories import IndicatorFactory, ObservationFactory, SourceFactory
from tests.regions.factories import RegionFactory
from wijkkompas.indicators.models import Direction, Theme, Unit
from wijkkompas.regions.models import Level
from wijkkompas.scores import livability

pytestmark = pytest.mark.django_db
MUNICIPALITY = "GM9803"
LBM = {
    "0101": (4.148505, 4.18007, 4.230838), "0102": (4.066312, 4.126757, 4.142154),
    "0103": (4.109936, 4.106657, 4.116576), "0105": (3.989631, 3.983612, 3.995072),
    "0201": (4.190779, 4.216581, 4.272478), "0202": (4.495321, 4.533604, 4.553253),
    "0203": (4.186845, 4.217662, 4.266482), "0204": (4.468787, 4.461831, 4.447443),
    "0205": (4.268496, 4.295676, 4.30932), "0206": (4.049782, 4.103582, 4.138868),
    "0301": (4.42516, 4.417063, 4.439914), "0302": (4.394326, None, 4.431845),
}
LBM_2016 = {"0204": 4.441801, "0105": 4.017022}  # instrument 2.0
INHABITANTS = {"0101": 1445, "0103": 2025, "0105": 2870, "0204": 590}


def code(buurt):
    return f"BU9803{buurt}"


@pytest.fixture
def zandvoort(db):
    version3 = SourceFactory(key=livability.LBM_SOURCE)
    version2 = SourceFactory(key="leefbaarometer-2")
    kwb = SourceFactory(key="test-kwb-2024")
    lbm = IndicatorFactory(key=livability.LBM_KEY, unit=Unit.SCORE, theme=Theme.LIVABILITY,
                           direction=Direction.HIGHER_IS_BETTER)
    inhabitants = IndicatorFactory(key="inwoners", unit=Unit.COUNT, theme=Theme.POPULATION,
                                   direction=Direction.NEUTRAL, decimals=0)
    RegionFactory(code=MUNICIPALITY, name="Testgemeente Zandvoort")
    for buurt, values in LBM.items():
        region = RegionFactory(code=code(buurt), level=Level.NEIGHBOURHOOD, name=f"Testbuurt {buurt}",
                               municipality_code=MUNICIPALITY)
        for year, value in zip((2014, 2018, 2020), values, strict=True):
            if value is not None:
                ObservationFactory(indicator=lbm, region=region, year=year, value=value, source=version3)
        if buurt in LBM_2016:
            ObservationFactory(indicator=lbm, region=region, year=2016, value=LBM_2016[buurt], source=version2)
        if buurt in INHABITANTS:
            ObservationFactory(indicator=inhabitants, region=region, year=2024, value=INHABITANTS[buurt], source=kwb)


def test_largest_falls_from_2014_to_2020(zandvoort):
    decline = livability.livability_decline(year_from=2014, year_to=2020, municipality=MUNICIPALITY, limit=None)
    assert decline.compared == 12
    first = decline.rows[0]
    assert first.region.code == code("0204")
    assert first.change == pytest.approx(4.447443 - 4.468787)  # -0.021344, the only fall
    assert (first.value_from, first.value_to) == (4.468787, 4.447443)
    assert (first.population, first.population_year) == (590, 2024)
    assert [row.region.code for row in decline.rows[1:3]] == [code("0105"), code("0103")]  # +0.005441, +0.006640


def test_minimum_population_uses_the_latest_figure_and_drops_buurten_without_one(zandvoort):
    decline = livability.livability_decline(year_from=2014, year_to=2020, municipality=MUNICIPALITY,
                                            min_population=1000)
    # 0204 has 590 inhabitants; only four buurten have a figure.
    assert [row.region.code for row in decline.rows] == [code("0105"), code("0103"), code("0101")]


def test_versions_are_not_mixed(zandvoort):
    """2016 is a year of instrument 2.0: no change to or from it, and no gap row for it."""
    assert livability.livability_decline(year_from=2014, year_to=2016, municipality=MUNICIPALITY).rows == []
    assert 2016 not in {row.year for row in livability.livability_gap(municipality=MUNICIPALITY)}


def test_gap_per_year_on_the_same_buurten(zandvoort):
    gap = {row.year: row for row in livability.livability_gap(municipality=MUNICIPALITY)}
    assert set(gap) == {2014, 2018, 2020}
    # 0302 has no 2018 score, so every year compares the other eleven; a tenth is one buurt:
    # best 0202, worst 0105 in each year.
    assert {row.region_count for row in gap.values()} == {11}
    assert gap[2014].gap == pytest.approx(4.495321 - 3.989631)  # 0.505690
    assert gap[2018].gap == pytest.approx(4.533604 - 3.983612)  # 0.549992
    assert gap[2020].gap == pytest.approx(4.553253 - 3.995072)  # 0.558181


def test_page_lists_the_falls_with_the_filters(client, zandvoort):
    response = client.get(reverse("national-livability"), {"municipality": MUNICIPALITY, "min_population": "0"})
    assert response.status_code == 200
    document = parse(response.content)
    rows = document.find("table", id="lbm-daling").find("tbody").find_all("tr")
    first = [td.text() for td in rows[0].find_all("td")]
    assert rows[0].find("th").text().endswith(code("0204"))
    assert first == ["Testgemeente Zandvoort", "590 (2024)", "4,469", "4,447", "-0,021"]
    assert len(rows) == 12
    years = [row.find("th").text() for row in document.find("table", id="lbm-kloof").find("tbody").find_all("tr")]
    assert years == ["2014", "2018", "2020"]
    assert document.find("select", name="municipality").find("option", selected="").attrs["value"] == MUNICIPALITY
