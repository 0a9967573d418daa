"""GET /api/regions/{code}: the profile as JSON."""

import pytest

from wijkkompas.scores.computation import METHOD_VERSION

pytestmark = pytest.mark.django_db


def test_profile_json(world, client):
    response = client.get("/api/regions/WK990101")
    assert response.status_code == 200
    data = response.json()
    assert data["region"]["code"] == "WK990101"
    assert [region["code"] for region in data["ancestors"]] == ["NL00", "GM9901"]
    assert data["municipality"]["name"] == "Testdam"
    assert data["years"] == [2020, 2022]
    assert data["page_url"] == "/gebied/WK990101/" and data["csv_url"] == "/gebied/WK990101/cijfers.csv"
    themes = {theme["key"]: theme for theme in data["themes"]}
    assert list(themes) == ["bevolking", "wonen", "inkomen_werk", "veiligheid", "leefbaarheid"]
    income = themes["inkomen_werk"]
    assert income["score"] == {"theme": "inkomen_werk", "year": 2022, "value": -0.8, "rank": 1, "peer_count": 2,
                               "indicator_count": 1, "weight": None, "contribution": None,
                               "method_version": METHOD_VERSION}
    indicator = income["indicators"][0]
    assert indicator["key"] == "test_laag_inkomen"
    assert indicator["definition_url"] == "/indicatoren/test_laag_inkomen/"
    assert (indicator["year"], indicator["value"], indicator["municipality_value"], indicator["national_value"],
            indicator["percentile"]) == (2022, 32.45, 26.0, 20.0, 91.6)
    assert [(point["year"], point["value"], point["source"]) for point in indicator["series"]] == [
        (2020, 30.04, "test-kwb-oud"), (2022, 32.45, "test-kwb")]
    woz = themes["wonen"]["indicators"][0]
    assert woz["value"] is None and woz["series"] == []  # suppressed: null, never 0
    assert {score["theme"] for score in data["scores"]} == {"totaal", "inkomen_werk"}
    assert {source["key"]: source["years"] for source in data["sources"]} == {
        "test-kwb": [2022], "test-kwb-oud": [2020], "test-monitor": [2022]}


def test_code_is_case_insensitive(world, client):
    assert client.get("/api/regions/wk990101").json()["region"]["code"] == "WK990101"


def test_unknown_code_is_404_with_a_message(db, client):
    response = client.get("/api/regions/WK999999")
    assert response.status_code == 404
    assert "WK999999" in response.json()["detail"]


def test_profile_is_in_the_openapi_schema(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/regions/{code}"]["get"]
    reference = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert reference.endswith("/ProfileOut")
    assert "themes" in schema["components"]["schemas"]["ProfileOut"]["properties"]
