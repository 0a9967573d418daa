"""Template filters shared by the pages."""

from django import template

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
