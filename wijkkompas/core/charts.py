"""Accessible inline SVG charts, drawn on the server (no JavaScript).

Each chart has role="img" with a <title> and <desc>; the page shows the same data as a
table next to it. Series differ by marker shape and dash pattern as well as by colour
(a colour-blind-safe palette, each colour at least 4.5:1 on white), and lines carry their
label at their end, so no information depends on colour alone. All text is escaped.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkkompas.core.numbers import local_number

#: Okabe-Ito hues, darkened where needed to reach 4.5:1 contrast on white.
PALETTE = ("#0072B2", "#C25100", "#00775A", "#B4468C", "#3D5374", "#8F4E00")
DASHES = ("", "7 4", "2 4", "9 4 2 4")
MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down", "cross")
TEXT = "#1a1a1a"
GRID = "#c9ced6"
FONT = 16
CHAR_WIDTH = 0.56 * FONT  # a fair estimate for proportional sans-serif text
WIDTH = 480
MAX_LABEL_CHARS = 22


@dataclass(frozen=True)
class Series:
    label: str
    points: list[tuple[int, float]]
    emphasis: bool = False


def line_chart(*, series: list[Series], title: str, unit_label: str, decimals: int = 0) -> SafeString:
    """Lines over the years; the x-axis has a tick for each year present, spaced by real time."""
    drawn = [s for s in series if s.points]
    if not drawn:
        return _empty_chart(title)
    years = sorted({year for s in drawn for year, _value in s.points})
    values = [value for s in drawn for _year, value in s.points]
    ticks = nice_ticks(*_value_range(values))
    tick_decimals = _step_decimals(ticks)
    left = 12 + CHAR_WIDTH * max(len(_number(t, tick_decimals)) for t in ticks)
    label_chars = max(len(_short(s.label)) for s in drawn)
    right = min(WIDTH * 0.45, 30 + CHAR_WIDTH * label_chars)
    top, height = 34, 300
    bottom = height - 34
    plot_right = WIDTH - right

    def x_of(year: int) -> float:
        if len(years) == 1:
            return (left + plot_right) / 2
        return left + (year - years[0]) / (years[-1] - years[0]) * (plot_right - left)

    def y_of(value: float) -> float:
        return bottom - (value - ticks[0]) / (ticks[-1] - ticks[0]) * (bottom - top)

    parts = [format_html('<text x="0" y="16">{}</text>', unit_label)]
    grid = _join(
        format_html('<line x1="{}" x2="{}" y1="{}" y2="{}"{}/>', _f(left), _f(plot_right), _f(y_of(tick)),
                    _f(y_of(tick)), format_html(' stroke="{}" stroke-width="1.5"', TEXT) if tick == 0 else "")
        for tick in ticks
    )
    parts.append(format_html('<g stroke="{}" stroke-width="1">{}</g>', GRID, grid))
    tick_labels = _join(
        format_html('<text x="{}" y="{}">{}</text>', _f(left - 6), _f(y_of(tick) + FONT * 0.35),
                    _number(tick, tick_decimals))
        for tick in ticks
    )
    parts.append(format_html('<g text-anchor="end">{}</g>', tick_labels))
    year_labels = _join(
        format_html('<text x="{}" y="{}">{}</text>', _f(x_of(year)), _f(bottom + 22), year)
        for year in _spaced(years, x_of, min_gap=CHAR_WIDTH * 4 + 8)
    )
    parts.append(format_html('<g text-anchor="middle">{}</g>', year_labels))
    label_positions = _spread([y_of(sorted(s.points)[-1][1]) for s in drawn], gap=FONT + 4, low=top, high=bottom)
    for index, (one, label_y) in enumerate(zip(drawn, label_positions, strict=True)):
        parts.append(_line(one, index, x_of, y_of, unit_label, decimals))
        parts.append(_direct_label(one, index, x=plot_right + 10, y=label_y))
    return _svg(title, _describe_lines(drawn, years, unit_label), height, parts)


def bar_chart(*, bars: list[tuple[str, float]], title: str, unit_label: str, decimals: int = 0) -> SafeString:
    """Horizontal bars from zero, each with its label on the left and its value at its end."""
    if not bars:
        return _empty_chart(title)
    row, top = 32, 30
    height = top + row * len(bars) + 8
    label_width = min(WIDTH * 0.4, 10 + CHAR_WIDTH * max(len(_short(label)) for label, _value in bars))
    value_width = 10 + CHAR_WIDTH * max(len(_number(value, decimals)) for _label, value in bars)
    low = min(0.0, *(value for _label, value in bars))
    high = max(0.0, *(value for _label, value in bars))
    span = (high - low) or 1.0
    plot_left = label_width + (value_width if low < 0 else 0)
    plot_right = WIDTH - (value_width if high > 0 or low == high else 0)

    def x_of(value: float) -> float:
        return plot_left + (value - low) / span * (plot_right - plot_left)

    zero = x_of(0.0)
    parts = [format_html('<text x="0" y="16">{}</text>', unit_label)]
    for index, (label, value) in enumerate(bars):
        y = top + index * row
        start, end = sorted((zero, x_of(value)))
        value_x, anchor = (end + 6, "start") if value >= 0 else (start - 6, "end")
        parts.append(format_html(
            '<g><title>{}: {} {}</title>'
            '<text x="{}" y="{}" text-anchor="end">{}</text>'
            '<rect x="{}" y="{}" width="{}" height="18" fill="{}"/>'
            '<text x="{}" y="{}" text-anchor="{}">{}</text></g>',
            label, _number(value, decimals), unit_label,
            _f(label_width - 8), _f(y + 15.5), _short(label),
            _f(start), _f(y + 1), _f(max(end - start, 1.0)), PALETTE[0],
            _f(value_x), _f(y + 15.5), anchor, _number(value, decimals),
        ))
    parts.append(format_html(
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1.5"/>',
        _f(zero), _f(zero), top - 4, _f(height - 4), TEXT,
    ))
    description = ngettext(
        "Bar chart with %(count)s bar. Unit: %(unit)s.", "Bar chart with %(count)s bars. Unit: %(unit)s.", len(bars),
    ) % {"count": len(bars), "unit": unit_label}
    return _svg(title, description, height, parts)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2 or 5 times a power of ten, or 25, 250 …) covering low..high."""
    if high <= low:
        pad = abs(high) * 0.1 or 1.0
        low, high = (low - pad if low != 0 else 0.0), high + pad
    raw_step = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw_step))
    multiples = (1, 2, 2.5, 5, 10) if power >= 10 else (1, 2, 5, 10)  # 2.5 only where it stays whole
    step = next(m * power for m in multiples if raw_step <= m * power)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    return [round(first + i * step, 10) for i in range(round((last - first) / step) + 1)]


def _value_range(values: list[float]) -> tuple[float, float]:
    """Start the axis at zero for non-negative data, unless the lines would be squeezed flat.

    With all values above half the maximum, a zero baseline leaves the changes too small to read.
    """
    low, high = min(values), max(values)
    if low >= 0 and low <= high * 0.5:
        low = 0.0
    if high <= 0 and high >= low * 0.5:
        high = 0.0
    return low, high


def _line(one: Series, index: int, x_of, y_of, unit_label: str, decimals: int) -> SafeString:
    colour, dash, marker = PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)], MARKERS[index % len(MARKERS)]
    points = sorted(one.points)
    path = "M" + " L".join(f"{_f(x_of(year))} {_f(y_of(value))}" for year, value in points)
    width = 4 if one.emphasis else 2
    dash_attr = format_html(' stroke-dasharray="{}"', dash) if dash and not one.emphasis else ""
    markers = _join(
        format_html(
            "<g>{}<title>{}, {}: {} {}</title></g>",
            _marker(marker, x_of(year), y_of(value), colour, 5 if one.emphasis else 4),
            one.label, year, _number(value, decimals), unit_label,
        )
        for year, value in points
    )
    return format_html(
        '<g><path d="{}" fill="none" stroke="{}" stroke-width="{}" stroke-linejoin="round"{}/>{}</g>',
        path, colour, width, dash_attr, markers,
    )


def _direct_label(one: Series, index: int, *, x: float, y: float) -> SafeString:
    colour, marker = PALETTE[index % len(PALETTE)], MARKERS[index % len(MARKERS)]
    return format_html(
        '<g>{}<text x="{}" y="{}"{}>{}<title>{}</title></text></g>',
        _marker(marker, x + 4, y, colour, 4),
        _f(x + 14), _f(y + FONT * 0.35),
        mark_safe(' font-weight="700"') if one.emphasis else "", _short(one.label), one.label,
    )


def _marker(shape: str, x: float, y: float, colour: str, size: float) -> SafeString:
    if shape == "circle":
        return format_html('<circle cx="{}" cy="{}" r="{}" fill="{}"/>', _f(x), _f(y), size, colour)
    if shape == "square":
        return format_html('<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                           _f(x - size), _f(y - size), size * 2, size * 2, colour)
    if shape == "cross":
        low_x, high_x, low_y, high_y = _f(x - size), _f(x + size), _f(y - size), _f(y + size)
        d = f"M{low_x} {low_y}L{high_x} {high_y}M{low_x} {high_y}L{high_x} {low_y}"
        return format_html('<path d="{}" stroke="{}" stroke-width="2.5" fill="none"/>', d, colour)
    s = size * 1.25
    corners = {
        "triangle": [(x, y - s), (x + s, y + s * 0.8), (x - s, y + s * 0.8)],
        "triangle-down": [(x, y + s), (x + s, y - s * 0.8), (x - s, y - s * 0.8)],
        "diamond": [(x, y - s), (x + s, y), (x, y + s), (x - s, y)],
    }[shape]
    return format_html('<polygon points="{}" fill="{}"/>', " ".join(f"{_f(a)},{_f(b)}" for a, b in corners), colour)


def _svg(title: str, description: str, height: float, parts: list[SafeString]) -> SafeString:
    """The chart's root element. Text size and colour are set here once and inherited by every
    label (shapes set their own fill), which keeps pages with many charts small."""
    chart_id = f"chart-{uuid.uuid4().hex[:10]}"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="wk-chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{}-title {}-desc" font-family="inherit" font-size="{}" fill="{}">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH, _f(height), chart_id, chart_id, FONT, TEXT, chart_id, title, chart_id, description, _join(parts),
    )


def _empty_chart(title: str) -> SafeString:
    message = _("No figures to show.")
    text = format_html('<text x="0" y="24">{}</text>', message)
    return _svg(title, message, 40, [text])


def _describe_lines(drawn: list[Series], years: list[int], unit_label: str) -> str:
    return ngettext(
        "Line chart with %(count)s line, %(first)s to %(last)s. Unit: %(unit)s.",
        "Line chart with %(count)s lines, %(first)s to %(last)s. Unit: %(unit)s.",
        len(drawn),
    ) % {
        "count": len(drawn), "first": years[0], "last": years[-1], "unit": unit_label,
    }


def _spaced(years: list[int], x_of, *, min_gap: float) -> list[int]:
    """The years whose labels fit: always the first and last, others where there is room."""
    shown = [years[0]]
    for year in years[1:-1]:
        if x_of(year) - x_of(shown[-1]) >= min_gap and x_of(years[-1]) - x_of(year) >= min_gap:
            shown.append(year)
    if len(years) > 1:
        shown.append(years[-1])
    return shown


def _spread(positions: list[float], *, gap: float, low: float, high: float) -> list[float]:
    """Move label positions apart so no two are closer than `gap`, keeping their order and the range."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed: dict[int, float] = {}
    previous = low - gap
    for i in order:
        previous = placed[i] = max(positions[i], previous + gap)
    overflow = max(0.0, previous - high)
    for i in order:
        placed[i] = max(low, placed[i] - overflow)
    return [placed[i] for i in range(len(positions))]


def _step_decimals(ticks: list[float]) -> int:
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1
    return next((d for d in range(6) if abs(step * 10**d - round(step * 10**d)) < 1e-6), 6)


def _join(parts) -> SafeString:
    """Concatenate already-escaped fragments (str.join would drop their safe mark)."""
    return mark_safe("".join(conditional_escape(part) for part in parts))


def _number(value: float, decimals: int) -> str:
    return local_number(value, decimals)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def _f(number: float) -> str:
    """A coordinate with at most one decimal, so the SVG stays small."""
    return f"{number:.1f}".rstrip("0").rstrip(".")
