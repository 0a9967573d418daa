"""The areas a national table lists: filters on level, province, municipality, population and
NPLV focus, and the facts a table row shows besides its figure."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from wijkkompas.indicators.models import Observation
from wijkkompas.regions.models import FocusArea, Level, Region

POPULATION_KEY = "inwoners"
#: The national lists leave out areas with fewer inhabitants, unless one asks for them: in a small
#: area a few households move a share a lot, and the CBS keeps many of their figures secret.
#: (The Leefbaarometer, too, leaves out areas with few dwellings.) On the bundled data this keeps
#: 2,793 of the 3,043 wijken with a 2022 overall score.
DEFAULT_MIN_POPULATION = 500


@dataclass(frozen=True)
class AreaFacts:
    """What a ranking table shows besides the figure itself."""

    municipality_name: str
    population: float | None
    focus_area: bool


def matching_regions(
    *, level: str, year: int, province: str | None = None, municipality: str | None = None,
    min_population: float | None = None, focus_only: bool = False,
) -> QuerySet[Region]:
    """Regions of a level that pass the filters; a population filter needs an `inwoners` value in `year`."""
    regions = Region.objects.filter(level=level)
    if province:
        in_province = Region.objects.filter(level=Level.MUNICIPALITY, province__code=province.upper()).values("code")
        regions = regions.filter(Q(province__code=province.upper()) | Q(municipality_code__in=in_province))
    if municipality:
        regions = regions.filter(municipality_code=municipality.upper())
    if min_population is not None:
        populated = Observation.objects.filter(
            indicator__key=POPULATION_KEY, year=year, value__gte=min_population
        ).values("region_id")
        regions = regions.filter(pk__in=populated)
    if focus_only:
        regions = regions.filter(municipality_code__in=FocusArea.objects.values("municipality__code"))
    return regions


def area_facts(*, regions: list[Region], year: int) -> dict[int, AreaFacts]:
    """Municipality name, population in `year` and NPLV flag per region id, in three queries."""
    populations = dict(
        Observation.objects.filter(indicator__key=POPULATION_KEY, year=year, region__in=regions)
        .values_list("region_id", "value")
    )
    codes = {region.municipality_code for region in regions if region.municipality_code}
    names = dict(Region.objects.filter(code__in=codes, level=Level.MUNICIPALITY).values_list("code", "name"))
    focus = set(FocusArea.objects.values_list("municipality__code", flat=True))
    return {
        region.pk: AreaFacts(
            municipality_name=names.get(region.municipality_code, ""),
            population=populations.get(region.pk),
            focus_area=region.municipality_code in focus,
        )
        for region in regions
    }


def province_choices() -> list[tuple[str, str]]:
    """(code, name) of the provinces, by name."""
    return list(Region.objects.filter(level=Level.PROVINCE).order_by("name").values_list("code", "name"))


def municipality_choices() -> list[tuple[str, str]]:
    """(code, name) of the municipalities, by name; a name used twice over the years shows its code."""
    rows = list(Region.objects.filter(level=Level.MUNICIPALITY).order_by("name", "code").values_list("code", "name"))
    uses = Counter(name for _, name in rows)
    return [(code, name if uses[name] == 1 else f"{name} ({code})") for code, name in rows]
