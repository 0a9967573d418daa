"""The national view, its CSV downloads and the method page, read as parsed HTML."""

import csv
import io

from django.urls import reverse

from tests.core.html import parse
from wijkkompas.regions.models import Level
from wijkkompas.scores.computation import METHOD_VERSION
from wijkkompas.scores.models import Score, ScoreBasis

NATIONAL = reverse("national")
NATIONAL_CSV = reverse("national-csv")


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return parse(response.content)


def csv_rows(client, **params):
    response = client.get(NATIONAL_CSV, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def table_rows(document, table_id):
    table = document.find("table", id=table_id)
    assert table is not None and table.find("caption") is not None
    return [[cell.text() for cell in row.find_all() if cell.tag in ("th", "td")]
            for row in table.find("tbody").find_all("tr")]


def dutch(text):
    """'23.065' or '-1,06' on the page -> '23065' or '-1.06' as in the CSV."""
    return text.replace(".", "").replace(",", ".")


def test_national_lists_lowest_scores_with_links_and_nplv(client, world):
    document = page(client, NATIONAL, level="wijk", year="2031")
    table = document.find("table", id="ranglijst")
    assert table.attrs["class"].split()[0] == "utrecht-table"
    assert [th.attrs.get("scope") for th in table.find("thead").find_all("th")] == ["col"] * 7
    rows = table.find("tbody").find_all("tr")
    assert len(rows) == 6
    first = rows[0]
    assert first.find("th", scope="row").find("a").attrs["href"] == f"/gebied/{world.code(3)}/"
    assert [td.text() for td in first.find_all("td")][:5] == ["1", "Testgemeente Overig", "18.265", "-1,05", "5"]
    badges = [row.find("span", class_="wk-badge") is not None for row in rows]
    assert badges == [False, True, False, True, True, False]  # order 3, 0, 4, 1, 2, 5; wijken 0, 1, 2 lie in GM9801


def test_form_keeps_the_choices(client, world):
    document = page(client, NATIONAL, level="wijk", year="2031", theme="onderwijs", province="PV98",
                    min_population="1000", focus_only="on")
    form = document.find("form", class_="wk-filter")
    assert form.find("select", name="year").find("option", selected="").attrs["value"] == "2031"
    assert form.find("select", name="theme").find("option", selected="").attrs["value"] == "onderwijs"
    assert form.find("select", name="province").find("option", selected="").attrs["value"] == "PV98"
    assert form.find("input", name="min_population").attrs["value"] == "1000"
    assert "checked" in form.find("input", name="focus_only").attrs
    labelled = {label.attrs.get("for") for label in form.find_all("label")}
    assert {field.attrs["id"] for field in form.find_all("select") + form.find_all("input")} <= labelled


def test_unknown_choices_fall_back_and_bad_numbers_are_reported(client, world):
    document = page(client, NATIONAL, level="nonsense", year="1800", min_population="999999999")
    assert document.find("select", name="level").find("option", selected="") is not None
    field = document.find("input", name="min_population")
    assert field.attrs.get("aria-invalid") == "true"
    assert field.attrs["max"] == "100000000"
    assert document.find("table", id="ranglijst") is not None  # the filter is not applied, the page still works


def test_text_where_a_number_belongs_is_left_out_like_an_unknown_parameter(client, world):
    """Only numbers reach the form and the cache key: text (or 309 digits) gives the page without it."""
    plain = client.get(NATIONAL, {"level": "wijk"}).content
    for noise in ({"min_population": "many"}, {"min_population": "9" * 309}, {"kaart": "x1"}, {"year": "20x1"}):
        response = client.get(NATIONAL, {"level": "wijk", **noise})
        assert response.status_code == 200
        assert response.content == plain
        assert client.get(NATIONAL_CSV, {"level": "wijk", **noise}).status_code == 200


def test_ranking_csv_has_the_figures_of_the_table_and_all_rows(client, world):
    params = {"level": "wijk", "year": "2031", "municipality": "GM9802"}
    shown = table_rows(page(client, NATIONAL, **params), "ranglijst")
    header, *rows = csv_rows(client, table="ranking", **params)
    assert header == ["rang", "code", "gebied", "gemeente", "inwoners", "score", "indicatoren",
                      "gemeente_met_nplv_focusgebied", "methodeversie"]
    assert len(rows) == len(shown) == 3
    for html_row, csv_row in zip(shown, rows, strict=True):
        rank, area, municipality, population, score, count, _nplv = html_row
        assert csv_row[0] == rank
        assert area.startswith(csv_row[2]) and area.endswith(csv_row[1])
        assert csv_row[3:7] == [municipality, dutch(population), dutch(score), count]


def test_changes_section_and_its_csv(client, world):
    document = page(client, NATIONAL, level="wijk", year="2031", year_from="2031", year_to="2032")
    shown = table_rows(document, "verslechterd")
    assert shown[0][0].endswith(world.code(3))
    assert shown[0][3] == "-0,26"  # -0.257204, see test_selectors.py
    header, *rows = csv_rows(client, table="changes", level="wijk", year_from="2031", year_to="2032")
    assert header[4] == "verandering"
    assert rows[0][:2] == [world.code(3), "Testwijk 3"]
    assert rows[0][4] == "-0.26"


def test_gap_chart_and_table(client, world):
    document = page(client, NATIONAL, level="wijk")
    figure = document.find("figure", class_="wk-figure")
    assert figure.find("svg", role="img") is not None
    shown = {row[0]: row for row in table_rows(document, "kloof")}
    assert shown["2033"][1:6] == ["12", "1", "1,86", "-1,34", "3,21"]  # see test_selectors.py
    header, *rows = csv_rows(client, table="gap", level="wijk")
    by_year = {row[0]: row for row in rows}
    assert by_year["2033"][1:] == ["12", "1", "1.86", "-1.34", "3.21", "1.17", "-0.73", "1.89", METHOD_VERSION]


def test_unknown_csv_table_is_not_found(client, world):
    assert client.get(NATIONAL_CSV, {"table": "everything"}).status_code == 404


def test_method_page_lists_indicators_years_and_reference_figures(client, world):
    document = page(client, reverse("method"), level="wijk", year="2031")
    assert document.find("h1").text() == document.find("title").text().split(" – ")[0]
    overview = {row[0]: row[1:] for row in table_rows(document, "overzicht")}
    assert overview[f"{Level.DISTRICT.label.capitalize()}, 2031"] == ["5", "3", "6"]  # figures, themes, areas
    table = document.find("table", id="grondslag-tabel")
    assert "2031" in table.find("caption").text()
    rows = {row.find("th").text(): row for row in table.find("tbody").find_all("tr")}
    assert len(rows) == 5
    woz = rows[world.woz.label]
    assert woz.find("a").attrs["href"] == reverse("indicator", args=["test_woz"])
    assert [td.text() for td in woz.find_all("td")][2:] == ["243,67", "35,24", "6"]


def test_method_page_without_a_valid_choice_shows_a_default(client, world):
    document = page(client, reverse("method"), level="wijk", year="1900")
    assert document.find("table", id="grondslag-tabel").find("tbody").find_all("tr")


def test_method_csv_has_the_unrounded_basis(client, world):
    response = client.get(reverse("method-csv"))
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:])))
    assert header[:3] == ["niveau", "jaar", "indicator"]
    woz = next(row for row in rows if row[:3] == ["wijk", "2031", "test_woz"])
    assert float(woz[6]) == 1462 / 6
    assert woz[8:] == ["6", METHOD_VERSION]


def test_pages_without_any_scores(client, db):
    Score.objects.all().delete()  # rolled back after the test
    ScoreBasis.objects.all().delete()
    document = page(client, NATIONAL)
    assert document.find("form", class_="wk-filter") is None
    assert document.find("h1") is not None
    assert page(client, reverse("method")).find("table") is None
    assert client.get(NATIONAL_CSV).status_code == 404
    assert client.get("/api/scores/gap", {"level": "wijk"}).status_code == 404
