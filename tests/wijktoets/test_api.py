"""POST /api/wijktoets runs a definition, GET /api/wijktoets/{id} returns a saved one; both are in the
schema, refuse what the data cannot answer with a 422 and are rate limited like the rest of the API."""

import pytest

from tests.accounts.factories import UserFactory
from tests.wijktoets.zandvoort import expected_ratio
from wijkkompas.api import api
from wijkkompas.wijktoets import services
from wijkkompas.wijktoets.definition import Definition, Group

pytestmark = pytest.mark.django_db
ZANDVOORT = {"level": "wijk", "year": 2022, "municipality": "GM0473",
             "groups": [{"indicator": "pct_personen_laag_inkomen", "base": "inwoners"}]}


def post(client, body):
    return client.post("/api/wijktoets", body, content_type="application/json")


def test_post_runs_the_definition_and_saves_nothing(client, bundled_data):
    response = post(client, ZANDVOORT)
    assert response.status_code == 200
    data = response.json()
    assert "id" not in data and data["figures_year"] == 2022 and data["score_year"] == 2022
    assert data["definition"]["groups"] == [{"indicator": "pct_personen_laag_inkomen", "base": "inwoners",
                                             "weight": 1.0, "effect": "burden"}]
    fifth = data["result"]["sides"]["burden"]["ratios"]["fifth"]
    assert fifth["ratio"] == pytest.approx(expected_ratio("fifth")[3])
    missing = [area for area in data["result"]["areas"] if area["missing"]]
    assert [(area["code"], area["burden"]) for area in missing] == [("WK047304", None)]
    assert post(client, ZANDVOORT).json() == data  # deterministic


@pytest.mark.parametrize(("body", "where"), [
    ({**ZANDVOORT, "groups": [{"indicator": "pct_personen_laag_inkomen"}]}, "groups"),
    ({**ZANDVOORT, "municipality": "GM9999"}, "municipality"),
    ({**ZANDVOORT, "level": "provincie"}, "level"),
    ({**ZANDVOORT, "groups": []}, "groups"),
    ({**ZANDVOORT, "groups": [{"indicator": "inwoners", "weight": -1}]}, "weight"),
    ({**ZANDVOORT, "year": 3000}, "year"),
])
def test_what_the_data_cannot_answer_is_a_422_in_json(client, bundled_data, body, where):
    response = post(client, body)
    assert response.status_code == 422
    assert any(where in issue["loc"] for issue in response.json()["detail"])


def test_get_returns_the_latest_run_of_a_saved_test(client, bundled_data):
    test = services.save_test(
        owner=UserFactory(), title="Zandvoort",
        definition=Definition(level="wijk", year=2022, municipality="GM0473",
                              groups=(Group(indicator="pct_personen_laag_inkomen", base="inwoners"),)),
    )
    data = client.get(f"/api/wijktoets/{test.pk}").json()
    assert (data["id"], data["title"], data["run"], data["url"]) == (test.pk, "Zandvoort", 1, f"/wijktoets/{test.pk}/")
    assert data["method_version"] == "1"
    assert data["result"] == post(client, ZANDVOORT).json()["result"]
    assert client.get("/api/wijktoets/999999999").status_code == 404


def test_both_operations_are_in_the_schema():
    paths = api.get_openapi_schema()["paths"]
    assert "post" in paths["/api/wijktoets"]
    assert "get" in paths["/api/wijktoets/{test_id}"]
    assert {"200", "404", "422", "429"} <= set(map(str, paths["/api/wijktoets"]["post"]["responses"]))


def test_the_api_rate_limit_counts_runs(client, settings, bundled_data):
    settings.API_RATE_LIMIT = "2/d"
    statuses = [post(client, ZANDVOORT).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
