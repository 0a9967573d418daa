"""Home, search and error pages, read as parsed HTML."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests.core.html import parse
from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.regions.models import Level

pytestmark = pytest.mark.django_db
SEARCH = reverse("search")


@pytest.fixture
def overvecht():
    utrecht = RegionFactory(code="GM0344", level=Level.MUNICIPALITY, name="Utrecht", municipality_code="GM0344")
    district = RegionFactory(code="WK034403", level=Level.DISTRICT, name="Overvecht", municipality_code="GM0344")
    for year in (2022, 2023):
        RegionYearFactory(region=utrecht, year=year)
        RegionYearFactory(region=district, year=year, parent=utrecht)
    return district


def test_every_page_has_skip_link_landmarks_and_site_search(client):
    document = parse(client.get(reverse("home")).content)
    html = document.find("html")
    assert html.attrs["lang"] == "nl"
    assert "voorbeeld-theme" in html.attrs["class"].split()
    assert document.find("meta", name="viewport") is not None
    body = document.find("body")
    first_link = body.find("a")
    assert first_link.attrs["href"] == "#inhoud" and first_link.text()
    header = body.find("header")
    assert header.find("a", href=reverse("home")).text() == "Wijkkompas"
    form = header.find("form", role="search")
    assert form.attrs["action"] == SEARCH and form.attrs["method"] == "get"
    label = form.find("label")
    field = form.find("input", name="q")
    assert label.text() and label.attrs["for"] == field.attrs["id"]
    nav_links = [link.attrs["href"] for link in body.find("nav").find_all("a")]
    assert nav_links == [reverse("home"), reverse("national"), reverse("method"), reverse("wijktoets:index"),
                         "/api/docs"]
    main = body.find("main")
    assert main.attrs["id"] == "inhoud" and main.attrs["tabindex"] == "-1"
    assert body.find("footer").find("a", href=reverse("method")) is not None
    # No per-visitor token on public pages, so they can be cached whole; a form that posts
    # carries its own {% csrf_token %}, which htmx sends along.
    assert "hx-headers" not in body.attrs
    assert document.find("script").attrs.get("defer") is not None


def test_home_explains_and_links_example_profiles_from_the_database(client, overvecht):
    main = parse(client.get(reverse("home")).content).find("main")
    assert main.find("h1").text()
    assert main.find("form").find("input", name="q") is not None
    example = main.find("a", href=reverse("profile", args=["WK034403"]))
    assert example is not None and example.text() == overvecht.name  # the name as stored
    assert main.find("a", href=reverse("national")) is not None


@pytest.mark.parametrize("query", ["Overvecht", "overv", "OVERVECHT "])
def test_search_finds_a_district_by_name(client, overvecht, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    results = parse(response.content).find("div", id="zoekresultaten")
    assert results.attrs["aria-live"] == "polite"
    links = [result.find("a").attrs["href"] for result in results.find_all("li", class_="wk-result")]
    assert reverse("profile", args=["WK034403"]) in links


def test_a_result_shows_level_municipality_code_and_years(client):
    municipality = RegionFactory(
        code="GM9907", level=Level.MUNICIPALITY, name="Spreeuwstad", municipality_code="GM9907",
    )
    district = RegionFactory(code="WK990701", level=Level.DISTRICT, name="Spreeuwhoek", municipality_code="GM9907")
    for year in (2019, 2020, 2021, 2023):
        RegionYearFactory(region=district, year=year, parent=municipality)
    result = parse(client.get(SEARCH, {"q": "spreeuwhoek"}).content).find("li", class_="wk-result")
    assert result.find("a").attrs["href"] == reverse("profile", args=["WK990701"])
    facts = [item.text() for item in result.find_all("dd")]
    assert facts == [str(Level.DISTRICT.label).capitalize(), "Spreeuwstad", "WK990701", "2019–2021, 2023"]


def test_search_finds_a_municipality_by_code_prefix(client, overvecht):
    results = parse(client.get(SEARCH, {"q": "GM034"}).content).find("div", id="zoekresultaten")
    links = [link.attrs["href"] for link in results.find_all("a")]
    assert reverse("profile", args=["GM0344"]) in links


@pytest.mark.parametrize("query", ["GM0344", "gm0344", " WK034403 "])
def test_an_exact_code_goes_straight_to_the_profile(client, overvecht, query):
    response = client.get(SEARCH, {"q": query})
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("profile", args=[query.strip().upper()])


def test_live_search_returns_only_the_results(client, overvecht):
    response = client.get(SEARCH, {"q": "WK034403"}, headers={"HX-Request": "true"})
    assert response.status_code == 200  # typing a full code shows it; it does not navigate away
    assert b"<html" not in response.content and b"<main" not in response.content
    assert parse(response.content).find("a", href=reverse("profile", args=["WK034403"])) is not None
    assert "HX-Request" in response.headers["Vary"]


def test_history_restore_gets_the_whole_page(client, overvecht):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = client.get(SEARCH, {"q": "Overvecht"}, headers=headers)
    assert parse(response.content).find("main") is not None


def test_search_page_works_without_javascript_and_offers_live_results(client, overvecht):
    document = parse(client.get(SEARCH, {"q": "Overvecht"}).content)
    main = document.find("main")
    form = main.find("form")
    assert form.attrs["action"] == SEARCH and form.attrs["method"] == "get"
    assert form.find("button", type="submit") is not None
    field = form.find("input", name="q")
    assert field.attrs["value"] == "Overvecht"
    assert field.attrs["hx-get"] == SEARCH and field.attrs["hx-target"] == "#zoekresultaten"
    assert field.attrs["hx-trigger"] == "input changed delay:300ms, search"
    assert main.find("li", class_="wk-result") is not None


@pytest.mark.parametrize("query", ["", "a"])
def test_an_empty_or_short_search_gets_a_friendly_message(client, query):
    results = parse(client.get(SEARCH, {"q": query}).content).find("div", id="zoekresultaten")
    assert results.find("p").text()
    assert results.find("li") is None


def test_nothing_found_says_so(client):
    results = parse(client.get(SEARCH, {"q": "qqzzxxnietbestaand"}).content).find("div", id="zoekresultaten")
    assert "qqzzxxnietbestaand" in results.find("p").text()


def test_user_input_is_escaped(client):
    attack = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'
    response = client.get(SEARCH, {"q": attack})
    assert b"<script>alert" not in response.content and b"<img src=x" not in response.content
    document = parse(response.content)
    assert document.find("main").find("input", name="q").attrs["value"] == attack[:100]
    assert not [script for script in document.find_all("script") if "alert" in script.text()]


def test_searching_too_often_is_refused_politely(client, settings):
    """The counters live in the database (settings.CACHES["ratelimit"]): each test starts afresh."""
    settings.SEARCH_RATE_LIMIT = "2/d"
    statuses = [client.get(SEARCH, {"q": "Utrecht"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.get(SEARCH, {"q": "Utrecht"})
    assert parse(response.content).find("main").find("h1").text()


def test_unknown_page_gets_the_404_page(client):
    response = client.get("/deze-pagina-bestaat-niet/")
    assert response.status_code == 404
    main = parse(response.content).find("main")
    assert main.find("h1").text() and main.find("form").find("input", name="q") is not None


def test_500_page_renders_without_a_request():
    document = parse(render_to_string("500.html"))
    assert document.find("main", id="inhoud").find("h1").text()
