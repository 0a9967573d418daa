"""The profile page, its map fragment and its address handling, read as parsed HTML."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.core.html import parse
from wijkkompas.scores.models import Score

pytestmark = pytest.mark.django_db
PROFILE = "/gebied/WK990101/"


def _page(client, url=PROFILE, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    return parse(response.content)


def test_urls_by_name():
    assert reverse("profile", args=["WK036393"]) == "/gebied/WK036393/"
    assert reverse("profile-map", args=["WK036393"]) == "/gebied/WK036393/kaart/"
    assert reverse("profile-csv", args=["WK036393"]) == "/gebied/WK036393/cijfers.csv"


def test_heading_breadcrumbs_and_landmarks(world, client):
    document = _page(client)
    heading = document.find("h1")
    assert heading.children[0] == "Oost"
    assert heading.find("span", class_="wk-profile-header__kind").text() == "Wijk in Testdam"
    crumbs = document.find("nav", class_="wk-breadcrumbs")
    assert [a.attrs["href"] for a in crumbs.find_all("a")] == ["/", "/gebied/NL00/", "/gebied/GM9901/", PROFILE]
    assert crumbs.find("a", aria_current="page").text() == "Oost"


def test_headings_never_skip_a_level(world, client):
    main = _page(client).find("main")
    levels = [int(element.tag[1]) for element in _walk(main) if re.fullmatch(r"h[1-6]", element.tag)]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:]))


def _walk(element):
    for child in element.children:
        if not isinstance(child, str):
            yield child
            yield from _walk(child)


def test_every_section_is_labelled_by_its_heading(world, client):
    main = _page(client).find("main")
    sections = main.find_all("section")
    assert len(sections) >= 9
    for section in sections:
        heading_id = section.attrs["aria-labelledby"]
        assert main.find(id=heading_id) is not None


def test_theme_table_shows_value_municipality_netherlands_and_percentile(world, client):
    row = _page(client).find("tr", id="indicator-test_laag_inkomen")
    cells = [cell.text() for cell in row.find_all("td")]
    assert cells == ["32,5%", "2022", "26,0%", "20,0%", "hoger dan bij 92% van de wijken met dit cijfer (2022)"]
    assert row.find("a").attrs["href"] == "/indicatoren/test_laag_inkomen/"


def test_every_table_has_a_caption_and_the_utrecht_class(world, client):
    tables = _page(client).find("main").find_all("table")
    assert len(tables) >= 8
    for table in tables:
        assert "utrecht-table" in table.attrs["class"].split()
        assert table.find("caption") is not None


def test_suppressed_value_reads_no_figure_with_explanation(world, client):
    document = _page(client)
    cells = document.find("tr", id="indicator-test_woz").find_all("td")
    assert cells[0].text() == "geen cijfer"
    assert "kleine aantallen" in document.find(id="geen-cijfer").text()


def test_trend_chart_with_its_table(world, client):
    section = _page(client).find("section", aria_labelledby="thema-inkomen_werk")
    figure = section.find("figure", class_="wk-trend")
    assert figure.find("svg", role="img") is not None
    table = figure.find("details").find("table")
    assert [tr.text() for tr in table.find("tbody").find_all("tr")] == ["2020 30,0% 25,0%", "2022 32,5% 26,0%"]
    # an indicator with one year gets no chart
    assert _page(client).find("section", aria_labelledby="thema-bevolking").find("figure") is None


def test_scores_block_with_rank_and_method_link(world, client):
    section = _page(client).find("section", aria_labelledby="scores")
    assert "plaats 1 van 2" in section.text()
    assert "-0,80" in section.text()
    assert section.find("a", href=reverse("method")) is not None


def test_scores_block_shows_each_themes_share_of_the_overall_score(world, client):
    # A theme that went into the overall score, with half of its weight: -0.8 x 0.5 = -0.4.
    Score.objects.filter(region=world.district, theme="inkomen_werk").update(weight=0.5)
    cache.clear()
    rows = _page(client).find("section", aria_labelledby="scores").find("tbody").find_all("tr")
    cells = {row.find("th").text(): [td.text() for td in row.find_all("td")] for row in rows}
    assert cells["Inkomen en werk"][-2:] == ["50%", "-0,40"]
    assert cells["Totaal"][-2:] == ["100%", "-0,80"]


def test_summary_names_weakest_indicators_in_plain_words(world, client):
    text = _page(client).find("section", aria_labelledby="wat-valt-op").text()
    assert "Misdrijven : 55,5 per 1.000 inwoners" in text
    assert "hoger dan bij 95% van de wijken met dit cijfer (2022)" in text


def test_leefwereld_next_to_systeemwereld(world, client):
    section = _page(client).find("section", aria_labelledby="leefwereld")
    captions = [caption.text() for caption in section.find_all("caption")]
    assert "Wat inwoners zeggen (enquête)" in captions
    assert "Wat registraties tellen" in captions
    assert "Wat een model schat" in captions


def test_sources_table_and_downloads(world, client):
    section = _page(client).find("section", aria_labelledby="bronnen")
    rows = [tr.text() for tr in section.find("tbody").find_all("tr")]
    assert "Kerncijfers wijken en buurten (test) CBS 99999NED 2022 CC BY 4.0" in rows
    assert "Veiligheidsmonitor (test) Gemeente Testdam – 2022 niet vermeld" in rows
    hrefs = [a.attrs["href"] for a in section.find_all("a")]
    assert "/gebied/WK990101/cijfers.csv" in hrefs
    assert "/api/regions/WK990101" in hrefs


def test_map_form_works_without_javascript_and_with_htmx(world, client):
    document = _page(client, "/gebied/GM9901/?kaart=test_laag_inkomen")
    form = document.find("form", class_="wk-map-form")
    assert form.attrs["method"] == "get"
    assert form.attrs["action"] == "/gebied/GM9901/#kaart"
    assert form.attrs["hx-get"] == "/gebied/GM9901/kaart/"
    assert form.attrs["hx-target"] == "#kaart-inhoud"
    assert form.attrs["hx-push-url"] == "true"
    label = form.find("label")
    assert label.text() == "Kies wat de kaart laat zien"
    select = form.find("select", id=label.attrs["for"])
    assert select.attrs["name"] == "kaart"
    assert select.find("option", selected="").attrs["value"] == "test_laag_inkomen"
    assert form.find("button", type="submit") is not None
    table = document.find("div", id="kaart-inhoud").find("details").find("table")
    assert [tr.text() for tr in table.find("tbody").find_all("tr")] == [
        "Oost 32,5% klasse 2 van 2", "West & <Zuid> 12,0% klasse 1 van 2"]


def test_htmx_gets_only_the_map_fragment(world, client):
    response = client.get("/gebied/GM9901/kaart/?kaart=test_inwoners", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content
    document = parse(response.content)
    assert document.find("div", id="kaart-inhoud").find("svg") is not None
    assert "Inwoners" in document.find("p", id="kaart-status").text()
    assert "HX-Request" in response["Vary"]
    assert response["HX-Push-Url"] == "/gebied/GM9901/?kaart=test_inwoners"


def test_htmx_history_restore_gets_the_whole_page(world, client):
    response = client.get("/gebied/GM9901/kaart/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert b"<html" in response.content


def test_map_address_without_htmx_is_the_whole_profile(world, client):
    document = _page(client, "/gebied/GM9901/kaart/?kaart=test_inwoners")
    assert document.find("h1").children[0] == "Testdam"
    assert document.find("option", selected="").attrs["value"] == "test_inwoners"


def test_code_is_case_insensitive_and_redirects_to_the_canonical_address(world, client):
    response = client.get("/gebied/wk990101/?kaart=test_inwoners")
    assert response.status_code == 301
    assert response["Location"] == "/gebied/WK990101/?kaart=test_inwoners"
    assert client.get("/gebied/wk990101/cijfers.csv")["Location"] == "/gebied/WK990101/cijfers.csv"


def test_unknown_code_is_a_helpful_404_with_a_search_box(db, client):
    response = client.get("/gebied/WK999999/")
    assert response.status_code == 404
    document = parse(response.content)
    assert "WK999999" in document.find("main").text()
    assert document.find("main").find("form", action=reverse("search")) is not None


def test_region_without_figures_still_renders(world, client):
    document = _page(client, "/gebied/BU99010101/")
    assert document.find("h1").children[0] == "Kern"
    empty = _page(client, "/gebied/NL00/")
    assert empty.find("h1").children[0] == "Nederland"


def test_query_count_is_bounded(world, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        client.get(PROFILE)


def test_the_percentile_names_its_peers_once_they_are_stored(world, client):
    from wijkkompas.scores.services import peer_groups_refresh

    peer_groups_refresh(2022)

    row = _page(client).find("tr", id="indicator-test_laag_inkomen")
    assert row.find_all("td")[-1].text() == "hoger dan bij 92% van de 2 wijken in Testdam (2022)"
