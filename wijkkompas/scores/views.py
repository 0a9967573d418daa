"""The national view, its CSV and the method page. Thin: reads are in selectors, rounding in tables."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wijkkompas.core.caching import cache_per_version
from wijkkompas.core.charts import Series, bar_chart, line_chart
from wijkkompas.core.params import YEAR, matching, one_of
from wijkkompas.core.spreadsheets import safe_cell
from wijkkompas.indicators.models import Theme
from wijkkompas.regions.models import Level
from wijkkompas.scores import computation, livability, selectors, tables
from wijkkompas.scores.areas import DEFAULT_MIN_POPULATION
from wijkkompas.scores.example import worked_example
from wijkkompas.scores.forms import DEFAULT_LEVELS, LivabilityFilterForm, NationalFilterForm, theme_label
from wijkkompas.scores.models import OVERALL
from wijkkompas.scores.selectors import GapRow, figures_version

#: How many areas the national tables list (the CSV has them all).
TABLE_LIMIT = 50
CSV_TABLES = ("ranking", "changes", "gap")

#: What the national view reads from its address. Choices that exist nowhere and text where a
#: number belongs are dropped (the form then shows its default); a number the form refuses, such
#: as too many inhabitants, reaches the form, which says why.
NATIONAL_PARAMS = {
    "level": one_of(Level.values), "year": YEAR, "theme": one_of([OVERALL, *Theme.values]),
    "province": matching(r"PV\d{2}"), "municipality": matching(r"GM\d{4}"),
    "min_population": matching(r"\d{1,12}"), "focus_only": one_of(["on"]),
    "year_from": YEAR, "year_to": YEAR,
}
METHOD_PARAMS = {"level": one_of(Level.values), "year": YEAR}
LIVABILITY_PARAMS = {
    "municipality": matching(r"GM\d{4}"), "min_population": matching(r"\d{1,12}"), "year_from": YEAR, "year_to": YEAR,
}


@cache_per_version(figures_version, params=NATIONAL_PARAMS)
def national(request: HttpRequest) -> HttpResponse:
    levels = selectors.score_levels()
    if not levels:
        return render(request, "scores/national.html", {"form": None})
    form = NationalFilterForm(request.GET, levels=levels)
    chosen, areas = form.chosen(), form.area_filters()
    level, year, theme = chosen["level"], chosen["year"], chosen["theme"]
    year_from, year_to = chosen.get("year_from"), chosen.get("year_to")
    gap = selectors.score_gap(level=level)
    context = {
        "form": form,
        "level_label": Level(level).label,
        "year": year,
        "theme_label": theme_label(theme),
        "ranking": selectors.ranking(level=level, year=year, theme=theme, **areas, limit=TABLE_LIMIT),
        "limit": TABLE_LIMIT,
        "year_from": year_from,
        "year_to": year_to,
        "changes": (
            selectors.score_changes(level=level, year_from=year_from, year_to=year_to, **areas, limit=TABLE_LIMIT)
            if form.has_changes and year_from and year_to else None
        ),
        "method_version": computation.METHOD_VERSION,
        "gap": gap,
        "gap_chart": gap_chart(gap, level_label=str(Level(level).label)),
        "gap_min_regions": computation.GAP_MIN_REGIONS,
        "csv": {table: f"{reverse('national-csv')}?{urlencode({**form.data, 'table': table})}" for table in CSV_TABLES},
    }
    return render(request, "scores/national.html", context)


# An unknown table is a 404 (never cached), not silently another table.
@cache_per_version(figures_version, params={**NATIONAL_PARAMS, "table": matching(r"[a-z]{1,20}")})
def national_csv(request: HttpRequest) -> HttpResponse:
    """One of the national tables (?table=ranking|changes|gap) with the page's filters, every row."""
    table = request.GET.get("table", "ranking")
    levels = selectors.score_levels()
    if table not in CSV_TABLES or not levels:
        raise Http404(_("There is no such table."))
    form = NationalFilterForm(request.GET, levels=levels)
    chosen, areas = form.chosen(), form.area_filters()
    level, year = chosen["level"], chosen["year"]
    if table == "gap":
        rows = tables.gap_csv_rows(selectors.score_gap(level=level))
        return tables.csv_response(filename=f"wijkkompas-kloof-{level}.csv", header=tables.GAP_HEADER, rows=rows)
    if table == "changes":
        year_from, year_to = chosen.get("year_from"), chosen.get("year_to")
        if not (year_from and year_to):
            raise Http404(_("These years cannot be compared."))
        changes = selectors.score_changes(level=level, year_from=year_from, year_to=year_to, **areas, limit=None)
        return tables.csv_response(
            filename=f"wijkkompas-verslechterd-{level}-{year_from}-{year_to}.csv",
            header=tables.CHANGE_HEADER, rows=tables.change_csv_rows(changes.rows),
        )
    ranking = selectors.ranking(level=level, year=year, theme=chosen["theme"], **areas, limit=None)
    return tables.csv_response(
        filename=f"wijkkompas-kwetsbaarste-{level}-{year}-{chosen['theme']}.csv",
        header=tables.RANKING_HEADER, rows=tables.ranking_csv_rows(ranking),
    )


def gap_chart(rows: list[GapRow], *, level_label: str) -> SafeString | None:
    """Lines over the years when there are several; bars for a single year.

    Values are rounded as the table rounds them, so chart and table never show different figures.
    """
    if not rows:
        return None
    title = _("Gap between the best and the worst scoring areas (level: %(level)s)") % {"level": level_label}
    unit = _("score difference")
    gap_label, spread_label = _("best − worst tenth"), _("P90 − P10")

    def shown(value: float) -> float:
        return float(tables.decimal_text(value))

    if len(rows) == 1:
        row = rows[0]
        bars = [(gap_label, shown(row.gap)), (spread_label, shown(row.p90_p10))]
        return bar_chart(bars=bars, title=f"{title}, {row.year}", unit_label=unit, decimals=2)
    return line_chart(
        series=[
            Series(label=gap_label, points=[(r.year, shown(r.gap)) for r in rows], emphasis=True),
            Series(label=spread_label, points=[(r.year, shown(r.p90_p10)) for r in rows]),
        ],
        title=title, unit_label=unit, decimals=2,
    )


@cache_per_version(figures_version, params=METHOD_PARAMS)
def method(request: HttpRequest) -> HttpResponse:
    """The method in plain words, every scored level and year, and the basis of one of them."""
    overview = selectors.method_overview()
    pairs = {(item.level, str(item.year)) for item in overview}
    chosen = (request.GET.get("level", ""), request.GET.get("year", ""))
    if chosen not in pairs:
        levels = [item.level for item in overview]
        level = next((lv for lv in DEFAULT_LEVELS if lv in levels), levels[0] if levels else None)
        year = selectors.default_score_year(level=level) if level else None
        chosen = (level, str(year))
    context = {
        "overview": [{"item": item, "level_label": Level(item.level).label} for item in overview],
        "level": chosen[0],
        "level_label": Level(chosen[0]).label if chosen[0] else "",
        "year": chosen[1],
        "bases": selectors.method_basis(level=chosen[0], year=int(chosen[1])) if chosen[0] else [],
        "exclusions": selectors.score_exclusions(),
        "min_regions": computation.MIN_REGIONS,
        "z_limit": int(computation.Z_LIMIT),
        "gap_min_regions": computation.GAP_MIN_REGIONS,
        "method_version": computation.METHOD_VERSION,
        "min_overall_themes": computation.MIN_OVERALL_THEMES,
        "min_overall_indicators": computation.MIN_OVERALL_INDICATORS,
        "money_weight_percent": int(computation.MONEY_THEME_WEIGHT * 100),
        "default_min_population": DEFAULT_MIN_POPULATION,
        "example": worked_example(),
    }
    return render(request, "scores/method.html", context)


@cache_per_version(figures_version)
def method_csv(request: HttpRequest) -> HttpResponse:
    rows = [
        [basis.level, str(basis.year), basis.indicator.key, safe_cell(basis.indicator.label),
         basis.indicator.theme, basis.indicator.direction, tables.full_number(basis.mean),
         tables.full_number(basis.std), str(basis.region_count), basis.method_version]
        for basis in selectors.method_basis()
    ]
    return tables.csv_response(filename="wijkkompas-scoregrondslag.csv", header=tables.BASIS_HEADER, rows=rows)


@cache_per_version(figures_version, params=LIVABILITY_PARAMS)
def national_livability(request: HttpRequest) -> HttpResponse:
    """The buurten of the Netherlands whose Leefbaarometer 3.0 score fell most, and the gap per year."""
    years = livability.livability_years()
    if len(years) < 2:
        return render(request, "scores/livability.html", {"form": None})
    form = LivabilityFilterForm(request.GET, years=years, default_years=livability.DEFAULT_YEARS)
    form.is_valid()
    chosen = form.cleaned_data
    year_from, year_to = chosen.get("year_from"), chosen.get("year_to")
    municipality = chosen.get("municipality") or None
    decline = (livability.livability_decline(year_from=year_from, year_to=year_to, municipality=municipality,
                                             min_population=chosen.get("min_population") or None, limit=TABLE_LIMIT)
               if year_from and year_to else None)
    context = {
        "form": form, "year_from": year_from, "year_to": year_to, "decline": decline, "limit": TABLE_LIMIT,
        "gap": livability.livability_gap(municipality=municipality), "gap_min_regions": computation.GAP_MIN_REGIONS,
    }
    return render(request, "scores/livability.html", context)
