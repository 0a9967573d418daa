"""Profiles on the real bundled data (loaded once per session by the `bundled_data` fixture)."""

import csv
import io
from xml.etree import ElementTree

import pytest

from tests.core.html import parse
from wijkkompas.profiles.profile_map import profile_map
from wijkkompas.profiles.selectors import profile_for
from wijkkompas.regions.models import Level, Region

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def real(bundled_data):
    return lambda code: Region.objects.get(code=code)


def test_amsterdam_district_profile(real, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        response = client.get("/gebied/WK036393/")
    assert response.status_code == 200
    document = parse(response.content)
    crumbs = [a.text() for a in document.find("nav", class_="wk-breadcrumbs").find_all("a")]
    assert crumbs[-2:] == ["Amsterdam", document.find("h1").children[0]]
    profile = profile_for(region=real("WK036393"))
    assert profile.municipality.code == "GM0363"
    # CBS publishes NL00 in the 2017 and 2019 Amsterdam tables: those years have a national value.
    figures_2019 = [figure for row in profile.rows for figure in row.figures if figure.year == 2019]
    assert any(figure.national_value is not None for figure in figures_2019)
    assert any(row.percentile is not None for row in profile.rows)


def test_municipality_map_shows_its_districts(real):
    result = profile_map(profile=profile_for(region=real("GM0363")), choice="inwoners")
    root = ElementTree.fromstring(str(result.svg))
    hrefs = [link.get("href") for link in root.findall(f"{SVG}a")]
    assert len(hrefs) == len(result.rows) >= 90
    assert all(href.startswith("/gebied/WK0363") for href in hrefs)


def test_new_amsterdam_buurt_uses_older_boundaries(real, client):
    region = real("BU0363AE01")
    result = profile_map(profile=profile_for(region=region), choice="inwoners")
    assert result.geometry_years == [2022] and result.figures_year == 2024
    page = parse(client.get("/gebied/BU0363AE01/?kaart=inwoners").content)
    caption = page.find("figcaption", class_="wk-map__caption")
    assert "2024" in caption.text() and "grenzen van 2022" in caption.text()


def test_leefbaarometer_beside_registered_figures(real):
    pairs = {pair.theme: pair for pair in profile_for(region=real("WK036201")).perspectives}
    assert pairs["leefbaarheid"].model and pairs["leefbaarheid"].registered


def test_veiligheidsindex_survey_beside_registrations(bundled_data):
    area = Region.objects.filter(level=Level.SAFETY_AREA).order_by("code").first()
    pairs = {pair.theme: pair for pair in profile_for(region=area).perspectives}
    assert pairs["veiligheid"].survey and pairs["veiligheid"].registered


def test_csv_and_json_for_a_real_region(real, client):
    rows = list(csv.reader(io.StringIO(client.get("/gebied/WK036393/cijfers.csv").content.decode()[1:])))
    profile = profile_for(region=real("WK036393"))
    assert len(rows) - 1 == sum(max(len(row.figures), 1) for row in profile.rows)
    data = client.get("/api/regions/WK036393").json()
    assert sum(len(theme["indicators"]) for theme in data["themes"]) == len(profile.rows)


def test_leefbaarometer_total_is_the_sum_of_its_dimensions(bundled_data):
    """Why the catalogue scores only the five dimensions: the deviation is their sum."""
    from wijkkompas.indicators.models import Observation

    values = {}
    for key, region, year, value in Observation.objects.filter(indicator__key__startswith="lbm_").values_list(
        "indicator__key", "region_id", "year", "value"
    ):
        values.setdefault((region, year), {})[key] = value
    dimensions = ["lbm_woningen", "lbm_fysieke_omgeving", "lbm_voorzieningen", "lbm_sociale_samenhang",
                  "lbm_overlast_onveiligheid"]
    complete = [row for row in values.values() if all(key in row for key in [*dimensions, "lbm_afwijking"])]
    assert len(complete) > 20
    for row in complete:
        assert sum(row[key] for key in dimensions) == pytest.approx(row["lbm_afwijking"], abs=2e-3)


def test_percentiles_name_whom_they_compare_with(real):
    """Amsterdam's own wijk figures compare with Amsterdam's wijken (or those of its region), and
    only figures that cover the country are called national."""
    profile = profile_for(region=real("WK036393"))
    peers = [figure.peers for row in profile.rows for figure in row.figures if figure.percentile is not None]
    assert peers and all(group is not None for group in peers)
    national = [group for group in peers if group.national]
    assert all(group.municipality_count >= 300 for group in national)
    assert any(not group.national and group.municipality_name == "Amsterdam" for group in peers)
