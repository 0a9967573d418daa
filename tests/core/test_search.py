"""The search page as residents use it, on the bundled data: postcodes, names, and what a result says."""

import pytest
from django.urls import reverse

from tests.core.html import parse

pytestmark = pytest.mark.django_db
SEARCH = reverse("search")


def results_of(client, query, **headers):
    response = client.get(SEARCH, {"q": query}, headers=headers)
    assert response.status_code == 200
    return parse(response.content).find("div", id="zoekresultaten") or parse(response.content)


def test_the_hint_speaks_of_postcodes_and_names_not_codes(client):
    hint = parse(client.get(SEARCH).content).find("main").find("p").text()
    assert "postcode" in hint and "3523" in hint and "CBS" not in hint and "GM0344" not in hint


@pytest.mark.parametrize("typed", ["3523", "3523 AB", "3523ab"])
def test_a_postcode_in_one_wijk_goes_to_its_profile(client, bundled_data, typed):
    response = client.get(SEARCH, {"q": typed})
    assert response.status_code == 302 and response.headers["Location"] == reverse("profile", args=["WK034407"])


def test_live_search_for_a_postcode_shows_the_area_and_does_not_navigate(client, bundled_data):
    response = client.get(SEARCH, {"q": "3523"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    document = parse(response.content)
    assert "3523" in document.find("h2").text()
    assert document.find("a", href=reverse("profile", args=["WK034407"])) is not None
    assert "100%" in document.find("li", class_="wk-result").text()


def test_a_postcode_over_several_wijken_lists_them_with_their_share(client, bundled_data):
    results = results_of(client, "1102")
    assert "1102" in results.find("h2").text()
    items = results.find_all("li", class_="wk-result")
    assert len(items) >= 2
    assert all(item.find("a").attrs["href"].startswith("/gebied/WK0363T") for item in items)
    assert all("%" in item.text() and "adressen" in item.text() for item in items)


@pytest.mark.parametrize(("query", "code"), [
    ("Overveckt", "WK034403"), ("Schilderswijk", "WK051829"), ("den haag", "GM0518"), ("Transvaal", "WK051830"),
])
def test_the_first_result_is_the_area_meant(client, bundled_data, query, code):
    first = results_of(client, query).find("li", class_="wk-result")
    assert first.find("a").attrs["href"] == reverse("profile", args=[code])


def test_former_and_non_cbs_areas_say_so(client, bundled_data):
    items = results_of(client, "Bijlmer").find_all("li", class_="wk-result")
    by_code = {item.find("a").attrs["href"].split("/")[2]: item for item in items}
    assert by_code["WK0363TG"].find("p", class_="wk-result__status") is None  # current: nothing to say
    assert "Bestaat niet meer sinds 2023" in by_code["WK036393"].find("p", class_="wk-result__status").text()
    assert "Geen CBS-gebied" in by_code["VM-bijlmer-centrum"].find("p", class_="wk-result__status").text()
