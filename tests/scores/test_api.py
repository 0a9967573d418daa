"""The scores API: rankings, changes, gap and a region's scores, with clear 404 and 422 answers."""

import pytest

from wijkkompas.scores import selectors
from wijkkompas.scores.computation import METHOD_VERSION


def get(client, path, status=200, **params):
    response = client.get(f"/api/scores{path}", params)
    assert response.status_code == status, response.content
    return response.json()


def refused(client, path, **params) -> dict[str, str]:
    """The 422 answer's messages by parameter name."""
    return {issue["loc"][-1]: issue["msg"] for issue in get(client, path, 422, **params)["detail"]}


def test_rankings_lowest_first_with_filters(client, world):
    body = get(client, "/rankings", level="wijk", year=2031)
    assert (body["level"], body["year"], body["theme"]) == ("wijk", 2031, "totaal")
    assert (body["method_version"], body["min_population"]) == (METHOD_VERSION, 500)  # the default minimum
    first = body["items"][0]
    assert first["code"] == world.code(3)
    assert first["score"] == pytest.approx(-1.04885273, abs=1e-6)
    assert (first["rank"], first["peer_count"], first["population"], first["nplv_municipality"]) == (1, 6, 18265, False)
    assert first["municipality_name"] == "Testgemeente Overig"
    focus = get(client, "/rankings", level="wijk", year=2031, focus_only="true", min_population=15000)
    assert [item["code"] for item in focus["items"]] == [world.code(0), world.code(1)]
    assert all(item["nplv_municipality"] for item in focus["items"])
    assert len(get(client, "/rankings", level="wijk", year=2031, limit=2)["items"]) == 2


def test_rankings_default_to_the_most_complete_year_and_check_input(client, world):
    assert get(client, "/rankings", level="wijk")["year"] == selectors.default_score_year(level="wijk")
    assert "2040" in get(client, "/rankings", 404, level="wijk", year=2040)["detail"]
    assert "totaal" in refused(client, "/rankings", level="wijk", year=2031, theme="nonsense")["theme"]
    assert "veiligheid" in get(client, "/rankings", 404, level="wijk", year=2031, theme="veiligheid")["detail"]
    get(client, "/rankings", 422, level="galaxy")
    get(client, "/rankings", 422, level="wijk", limit=0)


def test_changes_by_hand(client, world):
    body = get(client, "/changes", level="wijk", year_from=2031, year_to=2032)
    first = body["items"][0]
    assert first["code"] == world.code(3)
    assert first["change"] == pytest.approx(-0.25720398, abs=1e-6)  # see test_selectors.py
    assert first["indicator_count"] == 4  # woz is money: left out of a change
    assert [item["key"] for item in body["indicators"]] == [
        "test_arbeidsparticipatie", "test_laag_inkomen", "test_hoog_inkomen", "test_hbo_wo"]
    assert {item["region_count"] for item in body["indicators"]} == {6}
    assert (body["method_version"], body["min_population"]) == (METHOD_VERSION, 500)
    assert "moet eerder zijn dan" in refused(client, "/changes", level="wijk", year_from=2032, year_to=2031)["year_to"]
    get(client, "/changes", 404, level="wijk", year_from=2031, year_to=2040)


def test_gap(client, world):
    items = {item["year"]: item for item in get(client, "/gap", level="wijk")["items"]}
    assert items[2033]["gap"] == pytest.approx(3.20979496, abs=1e-6)  # see test_selectors.py
    assert items[2033]["p90_p10"] == pytest.approx(1.89161703, abs=1e-6)


def test_region_scores(client, world):
    body = get(client, f"/regions/{world.code(3).lower()}")
    assert body["code"] == world.code(3)
    year = next(item for item in body["years"] if item["year"] == 2031)
    overall = next(score for score in year["scores"] if score["theme"] == "totaal")
    assert overall["value"] == pytest.approx(-1.04885273, abs=1e-6)
    assert (overall["rank"], overall["peer_count"], overall["weight"], overall["contribution"]) == (1, 6, None, None)
    education = next(score for score in year["scores"] if score["theme"] == "onderwijs")
    # onderwijs weighs 1 of 2.5 (wonen, money only, weighs 0.5): 0.4 x -1.280625 = -0.512250
    assert education["weight"] == pytest.approx(0.4)
    assert education["contribution"] == pytest.approx(-0.51224994, abs=1e-6)
    assert body["method_version"] == METHOD_VERSION
    assert "XX0000" in get(client, "/regions/XX0000", 404)["detail"]


@pytest.mark.parametrize("path", ["/rankings", "/changes"])
def test_numbers_out_of_bounds_are_refused_as_json_not_a_server_error(client, world, path):
    """A population of 309 digits once raised OverflowError; every number now has bounds."""
    years = {"year_from": 2031, "year_to": 2032}
    assert "min_population" in refused(client, path, level="wijk", min_population="9" * 309, **years)
    assert "min_population" in refused(client, path, level="wijk", min_population=100_000_001, **years)
    assert "min_population" in refused(client, path, level="wijk", min_population=-1, **years)
    assert get(client, path, level="wijk", min_population=100_000_000, year=2031, **years)["items"] == []


def test_years_out_of_bounds_are_refused(client, world):
    assert "year" in refused(client, "/rankings", level="wijk", year=10**12)
    assert "year_from" in refused(client, "/changes", level="wijk", year_from=-5, year_to=2032)
