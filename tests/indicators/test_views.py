"""The definition page of one indicator and its values as CSV."""

import csv
import io

from django.urls import reverse

from tests.core.html import parse
from wijkkompas.indicators.models import Observation


def test_indicator_page_shows_definition_sources_and_years(client, world):
    response = client.get(reverse("indicator", args=["test_woz"]))
    assert response.status_code == 200
    document = parse(response.content)
    assert document.find("h1").text() == world.woz.label
    main = document.find("main")
    assert world.woz.definition in main.text()
    assert "Testkopie kerncijfers wijken en buurten 2022" in main.text()
    years = [row.find("th").text() for table in main.find_all("table") for row in table.find("tbody").find_all("tr")]
    assert {"2031", "2032", "2033"} <= set(years)  # years without a thousands separator
    assert main.find("a", href=reverse("indicator-csv", args=["test_woz"])) is not None


def test_unknown_indicator_is_not_found(client, world):
    assert client.get(reverse("indicator", args=["test_nothing"])).status_code == 404
    assert client.get(reverse("indicator-csv", args=["test_nothing"])).status_code == 404


def test_indicator_csv_has_every_value_unrounded(client, world):
    response = client.get(reverse("indicator-csv", args=["test_laag_inkomen"]))
    assert response["Content-Disposition"] == 'attachment; filename="wijkkompas-test_laag_inkomen.csv"'
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:])))
    assert header == ["code", "gebied", "niveau", "jaar", "waarde", "percentiel", "bron"]
    assert [world.code(3), "Testwijk 3", "wijk", "2032", "65.2"] == next(
        row for row in rows if row[0] == world.code(3) and row[3] == "2032")[:5]
    # Every stored value of the indicator in the test world, nothing else.
    assert len(rows) == Observation.objects.filter(indicator__key="test_laag_inkomen").count() == 24
