"""Per-indicator HTML of a theme section: the rows of its table, and per indicator with two or
more years a trend figure: a line chart of the region (and its municipality in the same years,
unless the figure is a total such as a number of inhabitants) with the same figures as a table
in a <details>. Figures made with different versions of a method (the Leefbaarometer 1.0, 2.0
and 3.0) get one line per version, a note and the version in the table; model estimates say so.

Built in Python rather than in template loops because a profile can hold a hundred and more
indicators (the Amsterdam key-figure tables) and must still render fast. A trend figure depends
only on its arguments and the language, so it is memoised per process.
"""

from __future__ import annotations

from functools import lru_cache

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wijkkompas.core.charts import Series, line_chart
from wijkkompas.indicators.models import Unit
from wijkkompas.profiles.formatting import ABSOLUTE_UNITS, indicator_value, position_phrase, unit_value
from wijkkompas.profiles.structures import IndicatorRow


def indicator_rows(*, rows: list[IndicatorRow], with_municipality: bool) -> SafeString:
    """The rows of a theme table: indicator (linked to its definition), value, year, municipality,
    Netherlands and the percentile phrase."""
    definition = reverse("indicator", args=["KEY"])
    return format_html_join("", '<tr class="utrecht-table__row" id="indicator-{}">{}</tr>', (
        (row.indicator.key, _indicator_cells(row, definition.replace("KEY", row.indicator.key), with_municipality))
        for row in rows
    ))


def _indicator_cells(row: IndicatorRow, url: str, with_municipality: bool) -> SafeString:
    indicator = row.indicator
    cells = format_html(
        '<th class="utrecht-table__header-cell" scope="row"><a class="utrecht-link" href="{}">{}</a>{}</th>'
        '<td class="utrecht-table__cell utrecht-table__cell--numeric{}">{}</td>',
        url, indicator.label, _method_note(row), "" if row.figures else " wk-missing",
        indicator_value(row.value, indicator),
    )
    cells += _numeric_cell(row.year)
    if with_municipality:
        cells += _numeric_cell(indicator_value(row.municipality_value, indicator))
    cells += _numeric_cell(indicator_value(row.national_value, indicator))
    return cells + format_html(
        '<td class="utrecht-table__cell">{}</td>',
        position_phrase(row),
    )


def _method_note(row: IndicatorRow) -> SafeString:
    """Under the label: "modelschatting" for a model estimate, and the method version of the latest figure."""
    parts = [pgettext("badge", "model estimate")] if row.is_model_estimate else []
    if row.latest and row.latest.source.method_version:
        parts.append(_("version %(version)s") % {"version": row.latest.source.method_version})
    if not parts:
        return SafeString("")
    return format_html('<span class="wk-method">{}</span>', ", ".join(parts))


def trend_figure(*, row: IndicatorRow, region_name: str, municipality_name: str = "") -> SafeString:
    indicator = row.indicator
    points = tuple(
        (item.year, item.value, item.municipality_value, item.source.method_version) for item in row.figures
    )
    return _trend_figure(get_language(), region_name, municipality_name, indicator.label, indicator.unit,
                         indicator.decimals, row.is_model_estimate, points)


@lru_cache(maxsize=2048)
def _trend_figure(
    language: str, region_name: str, municipality_name: str, label: str, unit: str, decimals: int,
    model_estimate: bool, points: tuple[tuple[int, float, float | None, str], ...],
) -> SafeString:
    versions = list(dict.fromkeys(version for *_rest, version in points if version))
    series = _region_series(region_name, points, versions)
    municipal = [(year, value) for year, _v, value, _version in points if value is not None]
    # The municipality's figures may come from other versions than the region's: with several
    # versions in one chart they stay out, so no line runs across versions.
    with_municipality = bool(municipality_name and municipal) and unit not in ABSOLUTE_UNITS and len(versions) < 2
    if with_municipality:
        series.append(Series(label=municipality_name, points=municipal))
    chart = line_chart(series=series, title=label, unit_label=str(Unit(unit).label), decimals=decimals)
    header = format_html('<th class="utrecht-table__header-cell" scope="col">{}</th>', _("Year"))
    header += _numeric_header(region_name)
    if with_municipality:
        header += _numeric_header(_("Municipality %(name)s") % {"name": municipality_name})
    if versions:
        header += format_html('<th class="utrecht-table__header-cell" scope="col">{}</th>', _("Version"))
    body = format_html_join("", '<tr class="utrecht-table__row">{}</tr>', (
        (_table_row(year, value, municipal_value if with_municipality else False, unit, decimals,
                    version if versions else None),)
        for year, value, municipal_value, version in points
    ))
    caption = _("%(label)s, %(first)s to %(last)s") % {"label": label, "first": points[0][0], "last": points[-1][0]}
    if model_estimate:
        caption = f"{caption} ({pgettext('badge', 'model estimate')})"
    return format_html(
        '<figure class="wk-trend"><figcaption class="wk-trend__caption">{}</figcaption>{}{}'
        '<details class="wk-details"><summary>{}</summary><div class="wk-table-scroll">'
        '<table class="utrecht-table wk-table"><caption class="utrecht-table__caption">{}</caption>'
        '<thead class="utrecht-table__header"><tr class="utrecht-table__row">{}</tr></thead>'
        '<tbody class="utrecht-table__body">{}</tbody></table></div></details></figure>',
        caption,
        _versions_note(versions),
        chart,
        _("Table with the figures of this chart"),
        _("%(label)s in %(name)s per year") % {"label": label, "name": region_name},
        header, body,
    )


def _region_series(region_name: str, points, versions: list[str]) -> list[Series]:
    """The region's line; with figures of two or more method versions, one line per version,
    so values of different versions are never joined into one trend."""
    if len(versions) < 2:
        return [Series(label=region_name, points=[(year, value) for year, value, *_rest in points], emphasis=True)]
    return [
        Series(
            label=_("version %(version)s") % {"version": version},
            points=[(year, value) for year, value, _m, of_version in points if of_version == version],
            emphasis=True,
        )
        for version in versions
    ]


def _versions_note(versions: list[str]) -> SafeString:
    if len(versions) < 2:
        return SafeString("")
    return format_html(
        '<p class="wk-trend__note">{}</p>',
        _("These figures come from different versions of the method (%(versions)s). Figures of different "
          "versions are not fully comparable, so each version has its own line.")
        % {"versions": ", ".join(versions)},
    )


def _numeric_header(text: str) -> SafeString:
    return format_html(
        '<th class="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">{}</th>', text)


def _table_row(year: int, value: float, municipal_value, unit: str, decimals: int, version: str | None) -> SafeString:
    cells = format_html('<th class="utrecht-table__header-cell" scope="row">{}</th>', year)
    cells += _numeric_cell(unit_value(value, unit=unit, decimals=decimals))
    if municipal_value is not False:
        cells += _numeric_cell(unit_value(municipal_value, unit=unit, decimals=decimals))
    if version is not None:
        cells += format_html('<td class="utrecht-table__cell">{}</td>', version or "–")
    return cells


def _numeric_cell(text) -> SafeString:
    return format_html('<td class="utrecht-table__cell utrecht-table__cell--numeric">{}</td>', text)
