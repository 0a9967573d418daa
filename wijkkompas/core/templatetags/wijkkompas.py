"""Template filters shared by the pages."""

from django import template

from wijkkompas.core.numbers import local_number

register = template.Library()


@register.filter
def year_ranges(years: list[int]) -> str:
    """Years as compact runs: [2015, 2016, 2017, 2020] -> "2015–2017, 2020"."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


@register.filter
def figure_number(value, decimals=0) -> str:
    """{{ value|figure_number:2 }} -> '1.234,57': the site's one rounding rule (core.numbers); '' when missing."""
    return "" if value is None else local_number(value, int(decimals))
