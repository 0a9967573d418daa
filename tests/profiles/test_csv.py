"""The profile CSV: Excel-friendly, every year, and the same figures as the page."""

import csv
import io
import re

import pytest

from tests.core.html import parse
from tests.indicators.factories import IndicatorFactory, ObservationFactory
from wijkkompas.profiles.csv_export import HEADER

pytestmark = pytest.mark.django_db


def _csv(client, code="WK990101"):
    response = client.get(f"/gebied/{code}/cijfers.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="wijkkompas-{code}.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def _dutch_number(text: str) -> str:
    """'1.234,5%' on the page -> '1234.5' as in the CSV; '€ 310.000' -> '310000'."""
    number = text.removeprefix("€").strip().split(" ")[0].rstrip("%")
    return "" if text == "geen cijfer" else number.replace(".", "").replace(",", ".")


def test_header_and_all_years(world, client):
    rows = _csv(client)
    assert rows[0] == HEADER == ["thema", "indicator", "eenheid", "jaar", "waarde", "gemeente", "nederland",
                                 "percentiel", "vergeleken_met", "bron"]
    income = [row for row in rows if row[1] == "Personen met een laag inkomen"]
    assert [row[3:] for row in income] == [
        ["2020", "30.0", "25.0", "", "85", "de wijken met dit cijfer", "CBS, Kerncijfers oud (test) (99990NED)"],
        ["2022", "32.5", "26.0", "20.0", "92", "de wijken met dit cijfer",
         "CBS, Kerncijfers wijken en buurten (test) (99999NED)"],
    ]


def test_suppressed_value_is_empty_not_zero(world, client):
    woz = next(row for row in _csv(client) if row[1] == "WOZ-waarde")
    assert woz[2:7] == ["euro", "2022", "", "310000", ""]


def test_csv_has_the_figures_of_the_page(world, client):
    by_key = {(row[1], row[3]): row for row in _csv(client)[1:]}
    page = parse(client.get("/gebied/WK990101/").content)
    compared = 0
    for table_row in page.find("main").find_all("tr"):
        if not table_row.attrs.get("id", "").startswith("indicator-"):
            continue
        label = table_row.find("th").find("a").text()  # the label; a model estimate has a note beside it
        value, year, municipality, national, position = (cell.text() for cell in table_row.find_all("td"))
        row = by_key[(label, year)]
        assert row[4:7] == [_dutch_number(value), _dutch_number(municipality), _dutch_number(national)]
        assert row[7] == _percentile_of(position)
        assert row[8] in position  # whom it compares with, as the page says it
        compared += 1
    assert compared == 6


def _percentile_of(position: str) -> str:
    """The CSV's percentile behind the page's phrase: "hoger dan bij 92% …" is 92, "bij 97% … even
    hoog of hoger" is 3; a total that is not compared has none."""
    if not position or position.startswith("niet vergeleken"):
        return ""
    share = int(re.search(r"(\d+)%", position)[1])
    return str(share if position.startswith("hoger dan") else 100 - share)


def test_text_that_a_spreadsheet_would_run_is_defused(world, client):
    sneaky = IndicatorFactory(key="test_formule", label="=HYPERLINK(\"x\")")
    ObservationFactory(indicator=sneaky, region=world.district, year=2022, value=1, source=world.source)
    row = next(row for row in _csv(client) if "HYPERLINK" in row[1])
    assert row[1].startswith("'=")
