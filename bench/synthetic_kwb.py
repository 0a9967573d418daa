"""A generated, national-scale data set shaped like CBS Kerncijfers wijken en buurten, for the
benchmark `bench/national_scale.py` only. The values are seeded random numbers, not statistics:
they are written to a temporary folder, imported into a throwaway database under a source that
says they are synthetic, and never shipped or shown as figures.

Shape: every region of the real KWB 2024 by its real code (the bundled
`cbs_kwb2024_85984NED_alle_regios_bevolking.csv.gz`, about 18,300 regions from Nederland down to
buurt) with its real name, one file per year in the cleaned CBS OData layout that `cbs-kwb-odata`
reads (`regiocode,soort_regio,jaar,WijkenEnBuurten,<Key>_<n>…`), and a column per indicator.

The columns are first the OData key stems that the importer maps (`ODATA_KEYS`, one stem per
indicator), then, to reach
the number asked for, catalogue indicators under a key stem of the benchmark's own
(`BenchAa`, `BenchAb`, …), scored indicators first. `bench_odata_keys` lends the importer those
extra stems for the length of a `with` block in the benchmark's process: the importer's code path
is the normal one, only its mapping table is longer.
"""

from __future__ import annotations

import contextlib
import csv
import io
import string
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from wijkkompas.imports.bundled import bundled_path
from wijkkompas.imports.importers import cbs_odata
from wijkkompas.imports.importers.cbs_sources import kwb_source
from wijkkompas.imports.parsing import read_bytes
from wijkkompas.indicators.catalogue import CATALOGUE_DIR, IndicatorSpec, load_catalogue
from wijkkompas.indicators.models import Direction, Source, Unit

REGIONS_FILE = "cbs_kwb2024_85984NED_alle_regios_bevolking.csv"
#: What every synthetic source says, in its title and note (Dutch, as the pages show sources).
SYNTHETIC_TITLE = "SYNTHETISCH: gegenereerde benchmarkdata, geen echte cijfers"
SYNTHETIC_NOTE = (
    "Gegenereerd door bench/synthetic_kwb.py met toevalsgetallen (vaste seed) om Wijkkompas op landelijke "
    "schaal te meten. Dit zijn geen statistieken: nooit tonen of verspreiden als cijfers."
)
SYNTHETIC_PUBLISHER = "Wijkkompas benchmark (synthetisch)"
#: The families of the catalogue whose indicators a KWB table could hold, in order of preference.
KWB_FAMILIES = ("cbs_core", "cbs_kwb", "cbs_pdok", "cbs_nabijheid", "cbs_ses_woa")
#: The region columns of the cleaned layout, the name under its OData key.
REGION_COLUMNS = ["regiocode", "soort_regio", "jaar", "WijkenEnBuurten"]
#: OData columns are numbered from here, as the real tables start after their region columns.
FIRST_COLUMN_NUMBER = 5


@dataclass(frozen=True)
class Column:
    name: str  # the OData key, e.g. AantalInwoners_5
    stem: str
    indicator: IndicatorSpec
    lent: bool  # a stem of the benchmark's own, lent to the importer by `bench_odata_keys`


@dataclass(frozen=True)
class Plan:
    regions: list[tuple[str, str, str]]  # (code, soort_regio, name)
    years: list[int]
    columns: list[Column]

    @property
    def value_count(self) -> int:
        return len(self.regions) * len(self.years) * len(self.columns)

    @property
    def lent_keys(self) -> dict[str, str]:
        return {column.stem: column.indicator.key for column in self.columns if column.lent}


def national_regions() -> list[tuple[str, str, str]]:
    """(code, soort_regio, name) of every region of KWB 2024, in the file's order. The names go
    into the files too: the importer creates only regions that a file names."""
    text = read_bytes(bundled_path(REGIONS_FILE)).decode("utf-8-sig")
    return [
        (row["regiocode"].strip(), row["soort_regio"].strip(), row["regio"].strip())
        for row in csv.DictReader(io.StringIO(text))
    ]


def bench_stem(index: int) -> str:
    """BenchAa, BenchAb, …: letters only, as the importer's key pattern wants."""
    first, second = divmod(index, 26)
    return f"Bench{string.ascii_uppercase[first]}{string.ascii_lowercase[second]}"


def plan_columns(count: int) -> list[Column]:
    """`count` columns: the stems the importer maps, then catalogue indicators on lent stems."""
    catalogue = load_catalogue().indicators
    first_stem: dict[str, str] = {}  # indicator key -> its first stem (some variables were renamed)
    for stem, key in cbs_odata.ODATA_KEYS.items():
        if key in catalogue:
            first_stem.setdefault(key, stem)
    columns = [(stem, catalogue[key], False) for key, stem in list(first_stem.items())[:count]]
    taken = set(first_stem)
    family_of = _families()
    candidates = [
        spec for spec in catalogue.values()
        if spec.key not in taken and family_of.get(spec.key) in KWB_FAMILIES and spec.unit != Unit.CLASS
    ]
    # Scored indicators first, so the scores have as much to do as a real table gives them.
    candidates.sort(key=lambda spec: (not _is_scored(spec), KWB_FAMILIES.index(family_of[spec.key]), spec.sort_order))
    for index, spec in enumerate(candidates[: count - len(columns)]):
        columns.append((bench_stem(index), spec, True))
    if len(columns) < count:
        raise ValueError(f"the catalogue has only {len(columns)} indicators for a KWB-shaped table")
    return [
        Column(name=f"{stem}_{FIRST_COLUMN_NUMBER + number}", stem=stem, indicator=spec, lent=lent)
        for number, (stem, spec, lent) in enumerate(columns)
    ]


def _families() -> dict[str, str]:
    """Indicator key -> the catalogue file (family) that defines it."""
    family = {}
    for path in sorted(CATALOGUE_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            family.update(dict.fromkeys(tomllib.load(handle).get("indicators", {}), path.stem))
    return family


def _is_scored(spec: IndicatorSpec) -> bool:
    return spec.direction != Direction.NEUTRAL and not spec.score_exclusion


def make_plan(*, years: list[int], indicators: int, regions: list[tuple[str, str, str]] | None = None) -> Plan:
    return Plan(regions=regions if regions is not None else national_regions(), years=years,
                columns=plan_columns(indicators))


def year_values(plan: Plan, year: int, *, seed: int) -> np.ndarray:
    """One year's values (regions x columns), within each indicator's valid range and rounded to
    its decimals. Every region drifts a little per year, so trends and changes have something to show."""
    generator = np.random.default_rng([seed, year])
    base = np.random.default_rng([seed, 0]).random((len(plan.regions), len(plan.columns)))
    drift = generator.normal(0.0, 0.05, base.shape)
    share = np.clip(base + drift, 0.0, 1.0)
    values = np.empty_like(share)
    for index, column in enumerate(plan.columns):
        low, high = _range(column.indicator)
        values[:, index] = np.round(low + share[:, index] * (high - low), column.indicator.decimals)
    return values


def _range(spec: IndicatorSpec) -> tuple[float, float]:
    """The range to draw from: the catalogue's, or a plausible one where it leaves a side open."""
    low = 0.0 if spec.minimum is None else float(spec.minimum)
    high = {Unit.PERCENT: 100.0, Unit.COUNT: 5000.0}.get(spec.unit, low + 100.0) if spec.maximum is None else float(spec.maximum)
    return low, min(high, low + 5000.0)


def file_name(year: int) -> str:
    return f"synthetisch_kwb{year}_benchmark.csv"


def write_year(plan: Plan, year: int, folder: Path, *, seed: int) -> Path:
    """Write one year's file in the cleaned OData layout; returns its path."""
    values = year_values(plan, year, seed=seed)
    formats = [f"%.{column.indicator.decimals}f" for column in plan.columns]
    path = folder / file_name(year)
    with path.open("w", encoding="utf-8", newline="") as handle:
        header = [*REGION_COLUMNS, *(column.name for column in plan.columns)]
        handle.write(",".join(header) + "\n")
        prefix = [f'{code},{kind},{year},"{name.replace(chr(34), 2 * chr(34))}",' for code, kind, name in plan.regions]
        body = io.StringIO()
        np.savetxt(body, values, fmt=formats, delimiter=",")
        for start, line in zip(prefix, body.getvalue().splitlines(), strict=True):
            handle.write(start + line + "\n")
    return path


@contextlib.contextmanager
def bench_odata_keys(plan: Plan) -> Iterator[None]:
    """Lend the importer the benchmark's own key stems while the block runs (this process only)."""
    lent = plan.lent_keys
    clash = lent.keys() & cbs_odata.ODATA_KEYS.keys()
    if clash:
        raise ValueError(f"the importer already maps {sorted(clash)}")
    cbs_odata.ODATA_KEYS.update(lent)
    try:
        yield
    finally:
        for stem in lent:
            del cbs_odata.ODATA_KEYS[stem]


def mark_synthetic(years: list[int]) -> int:
    """Give the sources the importer wrote for these years the synthetic title and note."""
    return Source.objects.filter(key__in=[kwb_source(year).key for year in years]).update(
        publisher=SYNTHETIC_PUBLISHER, title=SYNTHETIC_TITLE, note=SYNTHETIC_NOTE, table="", url="", licence="",
    )

