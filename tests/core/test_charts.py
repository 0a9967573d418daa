"""The SVG charts: valid XML, accessible names, escaped text, sensible axes."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from wijkkompas.core.charts import Series, bar_chart, line_chart, nice_ticks

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def texts(root: ET.Element) -> list[str]:
    return [element.text for element in root.iter(f"{SVG}text") if element.text]


def test_line_chart_is_an_accessible_image():
    svg = parse(line_chart(
        series=[Series("Overvecht", [(2019, 10.0), (2021, 12.5)], emphasis=True), Series("Utrecht", [(2019, 8.0)])],
        title="Share of young people", unit_label="%", decimals=1,
    ))
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title.text == "Share of young people" and desc.text
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_line_chart_has_a_tick_for_each_year_present_only():
    svg = parse(line_chart(
        series=[Series("A", [(2015, 1.0), (2017, 2.0), (2023, 3.0)])], title="t", unit_label="n",
    ))
    assert {"2015", "2017", "2023"} <= set(texts(svg))
    assert "2016" not in texts(svg) and "2020" not in texts(svg)


def test_series_differ_by_more_than_colour_and_emphasis_is_thicker():
    svg = parse(line_chart(
        series=[
            Series("Buurt", [(2020, 5.0), (2021, 6.0)], emphasis=True),
            Series("Gemeente", [(2020, 4.0), (2021, 4.5)]),
        ],
        title="t", unit_label="%",
    ))
    paths = [p for p in svg.iter(f"{SVG}path") if p.get("fill") == "none" and p.get("stroke-width") in {"2", "4"}]
    emphasis, other = paths
    assert float(emphasis.get("stroke-width")) > float(other.get("stroke-width"))
    assert other.get("stroke-dasharray") != emphasis.get("stroke-dasharray")
    assert len(list(svg.iter(f"{SVG}circle"))) > 0 and len(list(svg.iter(f"{SVG}rect"))) > 0  # two marker shapes
    assert "Buurt" in texts(svg) and "Gemeente" in texts(svg)  # direct labels


def test_values_are_formatted_for_the_language():
    with translation.override("nl"):
        svg = parse(line_chart(series=[Series("A", [(2020, 1234.5)])], title="t", unit_label="n", decimals=1))
    tooltips = [element.text for element in svg.iter(f"{SVG}title")]
    assert any("1.234,5" in (tip or "") for tip in tooltips)


def test_the_y_axis_starts_at_zero_unless_that_flattens_the_lines():
    low_values = parse(line_chart(series=[Series("A", [(2020, 3.0), (2021, 9.0)])], title="t", unit_label="n"))
    assert "0" in texts(low_values)
    high_values = parse(line_chart(series=[Series("A", [(2020, 81.0), (2021, 84.0)])], title="t", unit_label="n"))
    assert "0" not in texts(high_values)


@pytest.mark.parametrize(("low", "high"), [(0, 9), (81, 84), (-3, 7), (0.01, 0.07), (5, 5), (0, 0), (0, 123456)])
def test_nice_ticks_cover_the_range_in_round_steps(low, high):
    ticks = nice_ticks(low, high)
    assert ticks[0] <= low and ticks[-1] >= high and len(ticks) >= 2
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1


def test_text_is_escaped():
    attack = '<script>alert("x")</script> & co'
    for svg in (
        line_chart(series=[Series(attack, [(2020, 1.0), (2021, 2.0)])], title=attack, unit_label=attack),
        bar_chart(bars=[(attack, 3.0)], title=attack, unit_label=attack),
    ):
        assert "<script>" not in svg
        root = parse(svg)  # still well-formed XML
        assert root.find(f"{SVG}title").text == attack
        assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))


def test_bar_chart_labels_each_bar_with_its_value():
    with translation.override("nl"):
        svg = parse(bar_chart(bars=[("Overvecht", 12.5), ("Utrecht", -3.5)], title="Bars", unit_label="%", decimals=1))
    assert svg.get("role") == "img" and svg.find(f"{SVG}title").text == "Bars"
    assert {"Overvecht", "Utrecht", "12,5", "-3,5"} <= set(texts(svg))
    widths = [float(rect.get("width")) for rect in svg.iter(f"{SVG}rect")]
    assert widths[0] > widths[1] > 0


def test_long_labels_are_shortened_on_screen_but_kept_whole_in_the_tooltip():
    label = "Bijlmer Centrum (D, F, H) en omgeving van het station"
    svg = parse(line_chart(series=[Series(label, [(2020, 1.0), (2021, 2.0)])], title="t", unit_label="n"))
    assert label not in texts(svg) and any(text.endswith("…") for text in texts(svg))
    assert label in [element.text for element in svg.iter(f"{SVG}title")]


def test_no_data_gives_a_titled_message():
    for svg in (line_chart(series=[Series("A", [])], title="Empty", unit_label="n"),
                bar_chart(bars=[], title="Empty", unit_label="n")):
        root = parse(svg)
        assert root.find(f"{SVG}title").text == "Empty" and texts(root)
