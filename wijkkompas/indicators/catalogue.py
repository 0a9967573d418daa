"""The indicator catalogue, kept as reviewed TOML files beside this module.

One file per source family (`catalogue/*.toml`), each with `[sources.<key>]` and
`[indicators.<key>]` tables. The files are the single place where a variable gets its
Dutch label, unit, definition, theme and direction; `services.catalogue_sync` copies
them into the database so pages, API and exports read one catalogue.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from wijkkompas.indicators.models import Direction, Perspective, Theme, Unit

CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"


@dataclass(frozen=True)
class IndicatorSpec:
    key: str
    label: str
    unit: str
    definition: str
    theme: str
    direction: str = Direction.NEUTRAL
    perspective: str = Perspective.REGISTERED
    short_label: str = ""
    decimals: int = 0
    minimum: float | None = None
    maximum: float | None = None
    sort_order: int = 0
    #: Why the indicator stays out of the composite scores although it has a direction: it is
    #: the total, or a part, of other indicators that already count (no double counting).
    score_exclusion: str = ""


@dataclass(frozen=True)
class SourceSpec:
    key: str
    publisher: str
    title: str
    table: str = ""
    year: int | None = None
    url: str = ""
    licence: str = ""
    note: str = ""
    #: The instrument or method version (`Source.method_version`), e.g. "3.0" for Leefbaarometer 3.0.
    method_version: str = ""


@dataclass(frozen=True)
class Catalogue:
    indicators: dict[str, IndicatorSpec] = field(default_factory=dict)
    sources: dict[str, SourceSpec] = field(default_factory=dict)


class CatalogueError(ValueError):
    pass


@cache
def load_catalogue(directory: Path = CATALOGUE_DIR) -> Catalogue:
    catalogue = Catalogue()
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as handle:
            document = tomllib.load(handle)
        for order, (key, entry) in enumerate(document.get("indicators", {}).items()):
            _add(catalogue.indicators, key, _indicator_spec(path, key, entry, order), path)
        for key, entry in document.get("sources", {}).items():
            _add(catalogue.sources, key, SourceSpec(key=key, **entry), path)
    return catalogue


def _add(target: dict, key: str, spec: object, path: Path) -> None:
    if key in target:
        raise CatalogueError(f"{path.name}: '{key}' is defined twice in the catalogue.")
    target[key] = spec


def _indicator_spec(path: Path, key: str, entry: dict, order: int) -> IndicatorSpec:
    spec = IndicatorSpec(key=key, sort_order=entry.pop("sort_order", order), **entry)
    for name, allowed in (("unit", Unit), ("theme", Theme), ("direction", Direction), ("perspective", Perspective)):
        if getattr(spec, name) not in allowed.values:
            raise CatalogueError(f"{path.name}: indicator '{key}' has unknown {name} '{getattr(spec, name)}'.")
    if not spec.label or not spec.definition:
        raise CatalogueError(f"{path.name}: indicator '{key}' needs a label and a definition.")
    if spec.score_exclusion and spec.direction == Direction.NEUTRAL:
        raise CatalogueError(f"{path.name}: indicator '{key}' is neutral, so it never counts in a score anyway.")
    return spec


def indicator_spec(key: str) -> IndicatorSpec:
    return load_catalogue().indicators[key]
