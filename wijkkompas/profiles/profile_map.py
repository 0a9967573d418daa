"""The profile's map: which figure colours it (?kaart=<indicator key> or score-<theme>), the
values of the regions shown, their classes, legend and table rows."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkkompas.indicators.models import Direction, Indicator, Observation
from wijkkompas.profiles.formatting import indicator_value, score_value
from wijkkompas.profiles.structures import Profile
from wijkkompas.regions.maps import MISSING_FILL, MapClass, ShownArea, choropleth_svg, classify, map_areas
from wijkkompas.regions.models import Region
from wijkkompas.scores.models import OVERALL, Score

SCORE_PREFIX = "score-"


@dataclass(frozen=True)
class MapChoice:
    key: str
    label: str
    indicator: Indicator | None = None  # None for a composite score

    @property
    def is_score(self) -> bool:
        return self.indicator is None

    @property
    def darker_is_lower(self) -> bool:
        """Darker = worse: for scores and higher-is-better indicators that is the low end."""
        return self.is_score or self.indicator.direction == Direction.HIGHER_IS_BETTER

    @property
    def directional(self) -> bool:
        return self.is_score or self.indicator.direction != Direction.NEUTRAL

    def format(self, value: float | None) -> str:
        return score_value(value) if self.is_score else indicator_value(value, self.indicator)


@dataclass(frozen=True)
class LegendItem:
    colour: str
    label: str
    count: int


@dataclass(frozen=True)
class MapRow:
    region: Region
    url: str
    value_label: str
    class_label: str
    is_profile_region: bool


@dataclass(frozen=True)
class ProfileMap:
    choices: list[MapChoice]
    selected: MapChoice | None
    svg: SafeString | None
    legend: list[LegendItem]
    missing_count: int
    rows: list[MapRow]
    figures_year: int | None
    geometry_years: list[int]
    highlighted: bool = False  # whether the profile region itself is drawn (outlined thick)


def map_choices(*, profile: Profile) -> list[MapChoice]:
    choices = []
    if profile.overall_score is not None:
        choices.append(MapChoice(key=SCORE_PREFIX + OVERALL, label=_("Composite score: overall")))
    for block in profile.theme_scores:
        choices.append(MapChoice(key=SCORE_PREFIX + block.theme, label=_("Composite score: %(theme)s") % {
            "theme": block.label}))
    for row in profile.rows:
        if row.figures:
            choices.append(MapChoice(key=row.indicator.key, label=row.indicator.label, indicator=row.indicator))
    return choices


def _default(choices: list[MapChoice]) -> MapChoice | None:
    directional = [choice for choice in choices if choice.directional]
    return (directional or choices or [None])[0]


def _available(choices: list[MapChoice], region_ids: list[int]) -> list[MapChoice]:
    """The choices at least one region on the map has a figure for (two queries, EXISTS per indicator)."""
    has_figures = Exists(Observation.objects.filter(indicator=OuterRef("pk"), region_id__in=region_ids))
    indicator_ids = set(
        Indicator.objects.filter(pk__in=[choice.indicator.pk for choice in choices if not choice.is_score])
        .filter(has_figures).values_list("pk", flat=True)
    )
    themes = set(Score.objects.filter(region_id__in=region_ids).values_list("theme", flat=True).distinct())
    return [
        choice for choice in choices
        if (choice.is_score and choice.key.removeprefix(SCORE_PREFIX) in themes)
        or (not choice.is_score and choice.indicator.pk in indicator_ids)
    ]


def profile_map(*, profile: Profile, choice: str | None) -> ProfileMap:
    selection = map_areas(region=profile.region)
    region_ids = [area.region.pk for area in selection.areas]
    choices = _available(map_choices(profile=profile), region_ids) if region_ids else []
    selected = next((item for item in choices if item.key == choice), None) or _default(choices)
    if selected is None:
        return ProfileMap(choices=[], selected=None, svg=None, legend=[], missing_count=0, rows=[],
                          figures_year=None, geometry_years=selection.geometry_years)
    year, values = _values(selected, region_ids)
    classes, class_of = classify(values, darker_is_lower=selected.darker_is_lower)
    shown = [
        ShownArea(area=area, value=values.get(area.region.pk), label=selected.format(values.get(area.region.pk)),
                  colour=class_of[area.region.pk].colour if area.region.pk in class_of else MISSING_FILL)
        for area in selection.areas
    ]
    placeholder = "CODE"
    url_pattern = reverse("profile", args=[placeholder])

    def url_for(region: Region) -> str:
        return url_pattern.replace(placeholder, quote(region.code))

    svg = choropleth_svg(
        shown=shown, highlight=profile.region, outline=selection.outline,
        title=_("Map: %(figure)s around %(region)s") % {"figure": selected.label, "region": profile.region.name},
        description=_description(selected, len(shown), year), url_for=url_for,
    )
    rows = [
        MapRow(region=item.area.region, url=url_for(item.area.region),
               value_label=item.label, is_profile_region=item.area.region.pk == profile.region.pk,
               class_label=_class_label(class_of.get(item.area.region.pk), classes))
        for item in sorted(shown, key=lambda item: item.area.region.name)
    ]
    legend = [LegendItem(colour=cls.colour, label=_range_label(cls, selected), count=cls.count) for cls in classes]
    return ProfileMap(choices=choices, selected=selected, svg=svg, legend=legend,
                      missing_count=len(shown) - len(values), rows=rows, figures_year=year,
                      geometry_years=selection.geometry_years,
                      highlighted=selection.outline is not None or any(row.is_profile_region for row in rows))


def _values(choice: MapChoice, region_ids: list[int]) -> tuple[int | None, dict[int, float]]:
    """Values of the latest year any shown region has one; regions without a value that year are missing."""
    if choice.is_score:
        theme = choice.key.removeprefix(SCORE_PREFIX)
        rows = Score.objects.filter(region_id__in=region_ids, theme=theme).values_list("region_id", "year", "value")
    else:
        rows = Observation.objects.filter(region_id__in=region_ids, indicator=choice.indicator).values_list(
            "region_id", "year", "value")
    rows = list(rows)
    if not rows:
        return None, {}
    year = max(row[1] for row in rows)
    return year, {region_id: value for region_id, row_year, value in rows if row_year == year}


def _description(choice: MapChoice, count: int, year: int | None) -> str:
    if choice.is_score:
        reading = _("Darker means a lower score.")
    elif choice.indicator.direction == Direction.HIGHER_IS_BETTER:
        reading = _("Darker means a lower, less favourable value.")
    elif choice.indicator.direction == Direction.HIGHER_IS_WORSE:
        reading = _("Darker means a higher, less favourable value.")
    else:
        reading = _("Darker means a higher value.")
    return ngettext(
        "%(count)s area coloured by %(figure)s (%(year)s). %(reading)s Hatched: no figure. "
        "The table below the map lists the same figures.",
        "%(count)s areas coloured by %(figure)s (%(year)s). %(reading)s Hatched: no figure. "
        "The table below the map lists the same figures.",
        count,
    ) % {"count": count, "figure": choice.label, "year": year or "-", "reading": reading}


def _range_label(cls: MapClass, choice: MapChoice) -> str:
    if cls.low == cls.high:
        return choice.format(cls.low)
    return _("%(low)s to %(high)s") % {"low": choice.format(cls.low), "high": choice.format(cls.high)}


def _class_label(cls: MapClass | None, classes: list[MapClass]) -> str:
    if cls is None:
        return _("no figure")
    return _("class %(number)s of %(total)s") % {"number": classes.index(cls) + 1, "total": len(classes)}

