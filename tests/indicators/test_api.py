"""The indicators API: catalogue, one indicator, its values per region and year."""

import pytest


def get(client, path, status=200, **params):
    response = client.get(f"/api/indicators{path}", params)
    assert response.status_code == status, response.content
    return response.json()


def test_catalogue_and_theme_filter(client, world):
    keys = {item["key"] for item in get(client, "")}
    assert {"test_woz", "test_hbo_wo", "inwoners"} <= keys
    education = get(client, "", theme="onderwijs")
    assert "test_hbo_wo" in {item["key"] for item in education}
    assert {item["theme"] for item in education} == {"onderwijs"}
    get(client, "", 422, theme="astrology")


def test_one_indicator_with_sources_and_years(client, world):
    body = get(client, "/test_woz")
    assert (body["label"], body["direction"], body["unit"]) == (world.woz.label, "higher_better", "thousand_euro")
    assert (body["is_scored"], body["score_exclusion"]) == (True, "")
    assert "test-kwb-scores" in {source["key"] for source in body["sources"]}
    coverage = {(item["year"], item["level"]): item["region_count"] for item in body["coverage"]}
    assert coverage[(2031, "wijk")] == 6 and coverage[(2033, "wijk")] == 12 and coverage[(2031, "gemeente")] == 1
    assert "test_nothing" in get(client, "/test_nothing", 404)["detail"]


def test_values_per_region_and_year_with_percentiles(client, world):
    body = get(client, "/test_woz/values", year=2031, level="wijk")
    assert (body["indicator"]["key"], body["year"], body["level"]) == ("test_woz", 2031, "wijk")
    values = {item["code"]: item for item in body["items"]}
    assert len(values) == 6
    assert values[world.code(3)]["value"] == 199
    assert values[world.code(3)]["percentile"] == 0
    assert values[world.code(5)]["percentile"] == pytest.approx(100)
    everything = get(client, "/test_woz/values")["items"]
    assert len(everything) == 6 + 6 + 1 + 12  # 2031, 2032, the gemeente, 2033
    assert next(item for item in everything if item["level"] == "gemeente")["percentile"] is None
    get(client, "/test_woz/values", 422, level="galaxy")
    get(client, "/test_nothing/values", 404)


def test_an_indicator_kept_out_of_the_scores_says_why(client, world):
    world.woz.score_exclusion = "Telt al mee in een ander cijfer."
    world.woz.save()
    body = get(client, "/test_woz")
    assert (body["is_scored"], body["score_exclusion"]) == (False, "Telt al mee in een ander cijfer.")
    assert get(client, "/inwoners")["is_scored"] is False  # neutral
