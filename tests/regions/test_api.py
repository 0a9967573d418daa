"""The regions API: search, children and hierarchy."""

import pytest

from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.regions.models import Level

pytestmark = pytest.mark.django_db


@pytest.fixture
def merelstad():
    municipality = RegionFactory(code="GM9906", level=Level.MUNICIPALITY, name="Merelstad", municipality_code="GM9906")
    district = RegionFactory(code="WK990601", level=Level.DISTRICT, name="Merelstad-Zuid", municipality_code="GM9906")
    for year in (2022, 2023):
        RegionYearFactory(region=municipality, year=year)
        RegionYearFactory(region=district, year=year, parent=municipality)
    return municipality, district


def test_search_returns_regions_with_municipality_and_years(client, merelstad):
    response = client.get("/api/regions", {"q": "merelstad"})
    assert response.status_code == 200
    body = response.json()
    # First the test's own areas; typo-tolerant matching may add real ones of the bundled data after them.
    assert [row["code"] for row in body][:2] == ["GM9906", "WK990601"]
    assert not any(row["code"].startswith(("GM99", "WK99")) for row in body[2:])
    assert body[1] == {
        "code": "WK990601", "level": "wijk", "name": "Merelstad-Zuid", "municipality_code": "GM9906",
        "first_year": 2024, "last_year": 2024, "municipality_name": "Merelstad", "years": [2022, 2023],
        "cbs_area": True, "current": True, "former_since": None,
        "postcode": None, "postcode_addresses": None, "postcode_share": None,
    }


def test_search_filters_by_level_and_checks_its_parameters(client, merelstad):
    districts = client.get("/api/regions", {"q": "merelstad", "level": "wijk"}).json()
    assert [row["code"] for row in districts] == ["WK990601"]
    assert client.get("/api/regions", {"q": "merelstad", "level": "planeet"}).status_code == 422
    assert client.get("/api/regions", {"q": "merelstad", "limit": 51}).status_code == 422
    assert client.get("/api/regions").status_code == 422
    assert client.get("/api/regions", {"q": "m" * 101}).status_code == 422
    assert len(client.get("/api/regions", {"q": "merelstad", "limit": 1}).json()) == 1


def test_children_of_a_region(client, merelstad):
    body = client.get("/api/regions/gm9906/children").json()
    assert body["region"]["code"] == "GM9906" and body["year"] == 2023
    assert [child["code"] for child in body["children"]] == ["WK990601"]
    assert client.get("/api/regions/GM9906/children", {"year": 1999}).json()["children"] == []


def test_hierarchy_of_a_region(client, merelstad):
    body = client.get("/api/regions/WK990601/hierarchy").json()
    assert body["region"]["name"] == "Merelstad-Zuid"
    assert [row["code"] for row in body["ancestors"]][-1] == "GM9906"
    assert body["children"] == [] and body["year"] is None


@pytest.mark.parametrize("path", ["/api/regions/GM9999/children", "/api/regions/GM9999/hierarchy"])
def test_unknown_code_is_a_clear_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "GM9999" in response.json()["detail"]


def test_the_api_is_documented(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/regions", "/api/regions/{code}/children", "/api/regions/{code}/hierarchy"} <= set(paths)
