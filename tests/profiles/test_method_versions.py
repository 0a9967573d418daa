"""Figures of different method versions (the Leefbaarometer 1.0, 2.0, 3.0) are never drawn as one
trend, and model estimates say so: on the page, in the trend table and in the JSON."""

import pytest

from tests.core.html import parse
from tests.indicators.factories import ObservationFactory, SourceFactory
from wijkkompas.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def versioned(world):
    """The Leefbaarometer-like indicator for buurt Kern in five years from three versions."""
    sources = {
        version: SourceFactory(key=f"test-lbm-{version[0]}", title=f"Leefbaarometer {version} (test)", table="",
                               publisher="Ministerie van BZK", method_version=version)
        for version in ("1.0", "2.0", "3.0")
    }
    for year, value, version in ((2008, 3.80, "1.0"), (2012, 3.84, "2.0"), (2016, 3.87, "2.0"),
                                 (2014, 3.83, "3.0"), (2020, 3.94, "3.0")):
        ObservationFactory(indicator=world.livability, region=world.neighbourhood, year=year, value=value,
                           source=sources[version])
    return world


def _trend(document, label: str):
    return next(figure for figure in document.find_all("figure", class_="wk-trend")
                if figure.find("figcaption").text().startswith(label))


def test_each_version_is_its_own_line_with_a_note_and_the_version_in_the_table(versioned, client):
    document = parse(client.get("/gebied/BU99010101/").content)
    figure = _trend(document, "Leefbaarometer, 2008 tot en met 2020")
    assert "(modelschatting)" in figure.find("figcaption").text()
    note = figure.find("p", class_="wk-trend__note").text()
    assert "verschillende versies" in note and "1.0, 2.0, 3.0" in note
    svg = figure.find("svg")
    assert len(svg.find_all("path")) == 3  # one line per version, none across versions
    labels = [title.text() for title in svg.find_all("title")]
    assert {"versie 1.0", "versie 2.0", "versie 3.0"} <= set(labels)
    table = figure.find("table")
    assert [cell.text() for cell in table.find("thead").find_all("th")][-1] == "Versie"
    rows = [[cell.text() for cell in row.find_all("th") + row.find_all("td")]
            for row in table.find("tbody").find_all("tr")]
    assert [(row[0], row[-1]) for row in rows] == [
        ("2008", "1.0"), ("2012", "2.0"), ("2014", "3.0"), ("2016", "2.0"), ("2020", "3.0"),
    ]


def test_theme_table_marks_model_estimates_and_the_latest_version(versioned, client):
    document = parse(client.get("/gebied/BU99010101/").content)
    row = document.find("tr", id="indicator-test_lbm")
    assert row.find("span", class_="wk-method").text() == "modelschatting, versie 3.0"
    section = document.find("section", **{"aria-labelledby": "thema-leefbaarheid"})
    assert "niet geteld en niet gevraagd" in section.text()


def test_one_version_is_one_line_without_a_note(world, client):
    source = SourceFactory(key="test-lbm-3", title="Leefbaarometer 3.0 (test)", method_version="3.0")
    for year, value in ((2014, 3.83), (2020, 3.94)):
        ObservationFactory(indicator=world.livability, region=world.neighbourhood, year=year, value=value,
                           source=source)
    figure = _trend(parse(client.get("/gebied/BU99010101/").content), "Leefbaarometer, 2014 tot en met 2020")
    assert figure.find("p", class_="wk-trend__note") is None
    assert len(figure.find("svg").find_all("path")) == 1


def test_json_names_the_version_of_every_figure(versioned, client):
    data = client.get("/api/regions/BU99010101").json()
    row = next(item for theme in data["themes"] for item in theme["indicators"] if item["key"] == "test_lbm")
    assert (row["model_estimate"], row["method_versions"]) == (True, ["1.0", "2.0", "3.0"])
    assert [(point["year"], point["method_version"]) for point in row["series"]] == [
        (2008, "1.0"), (2012, "2.0"), (2014, "3.0"), (2016, "2.0"), (2020, "3.0"),
    ]
    assert {source["key"]: source["method_version"] for source in data["sources"]}["test-lbm-2"] == "2.0"
    rows = {item["key"]: item for theme in data["themes"] for item in theme["indicators"]}
    inhabitants = rows["test_inwoners"]
    assert (inhabitants["model_estimate"], inhabitants["method_versions"]) == (False, [])


@pytest.mark.parametrize("code", ["BU09171200", "BU05991082"], ids=["heerlen-noord", "rotterdam-zuid"])
def test_a_buurt_anywhere_shows_its_leefbaarometer_trend_and_health_estimates(bundled_data, client, code):
    """Hoensbroek-Centrum (Heerlen-Noord) and Hillesluis (Rotterdam-Zuid), from the national files."""
    data = client.get(f"/api/regions/{code}").json()
    rows = {item["key"]: item for theme in data["themes"] for item in theme["indicators"]}
    total = rows["lbm_totaalscore"]
    assert [point["year"] for point in total["series"]] == [2002, 2008, 2012, 2014, 2016, 2018, 2020]
    assert total["method_versions"] == ["1.0", "2.0", "3.0"]
    health = rows["rivm_ervaren_gezondheid_goed_18plus"]
    assert [point["year"] for point in health["series"]] == [2012, 2016, 2020]
    assert health["model_estimate"] and health["perspective"] == "model" and health["national_value"] == 78.4
    page = parse(client.get(f"/gebied/{code}/").content)
    assert Region.objects.get(code=code).name in page.find("h1").text()
    trend = _trend(page, "Leefbaarometer: totaalscore, 2002 tot en met 2020")
    assert len(trend.find("svg").find_all("path")) == 3
    assert _trend(page, "Ervaren gezondheid goed of zeer goed (18+), 2012 tot en met 2020 (modelschatting)")
