"""Every API answer is JSON, errors included, and the schema documents them for every operation."""

from collections import Counter

import pytest
from ninja import Schema

from wijkkompas.api import api

pytestmark = pytest.mark.django_db


def test_an_address_the_api_does_not_have_is_a_json_404(client):
    response = client.get("/api/geen-idee")
    assert response.status_code == 404
    assert response.json() == {"detail": "Niet gevonden."}


def test_an_unknown_region_is_a_json_404_that_names_it(client):
    response = client.get("/api/regions/XX0000/hierarchy")
    assert response.status_code == 404 and "XX0000" in response.json()["detail"]


def test_a_refused_parameter_is_a_json_422_that_names_it(client):
    response = client.get("/api/regions", {"q": "Utrecht", "limit": 0})
    assert response.status_code == 422
    assert [issue["loc"] for issue in response.json()["detail"]] == [["query", "limit"]]


def test_a_crash_is_a_json_500_and_is_logged(client, monkeypatch, caplog):
    def broken(**kwargs):
        raise RuntimeError("the database is gone")

    monkeypatch.setattr("wijkkompas.indicators.selectors.indicator_catalogue", broken)
    response = client.get("/api/indicators")
    assert response.status_code == 500
    assert response.json() == {"detail": "Er ging bij ons iets mis."}
    assert "the database is gone" in caplog.text


def operations():
    schema = api.get_openapi_schema()
    return [(f"{method.upper()} {path}", operation) for path, item in schema["paths"].items()
            for method, operation in item.items()]


@pytest.mark.parametrize(("name", "operation"), operations(), ids=[name for name, _ in operations()])
def test_every_operation_documents_its_error_answers(name, operation):
    assert {"200", "404", "422", "429"} <= {str(status) for status in operation["responses"]}, name


def test_no_two_schemas_share_a_name_so_none_is_documented_with_the_shape_of_another():
    """The OpenAPI components are named by class: two classes with one name showed one shape for both."""
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = {cls for cls in subclasses(Schema) if cls.__module__.startswith("wijkkompas.")}
    twice = [name for name, count in Counter(cls.__name__ for cls in ours).items() if count > 1]
    assert not twice
    components = api.get_openapi_schema()["components"]["schemas"]
    assert "year" in components["IndicatorSourceOut"]["properties"]
    assert "years" in components["SourceOut"]["properties"]


@pytest.mark.parametrize("address", [
    "/api/regions?q=%00", "/api/regions/%00/hierarchy", "/api/indicators/a%00b", "/api/regions/GM%000344",
    "/api/scores/rankings?level=wijk&province=%00",
])
def test_a_nul_character_is_refused_by_the_api_before_the_database_sees_it(client, address):
    """PostgreSQL cannot compare text with NUL: without this it was a 500 there."""
    response = client.get(address)
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "string_pattern_mismatch"
