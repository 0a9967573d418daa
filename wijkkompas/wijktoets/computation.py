"""The Wijktoets as pure functions on pandas DataFrames: every figure can be checked by hand.

Input, for one level and year (and optionally one municipality):

- ``areas``: one row per area in the test, columns ``region_id``, ``code``, ``name``,
  ``municipality_code``, ``population`` (inhabitants) and ``score`` (the overall score, lower is
  more vulnerable); NaN where the data has no figure;
- ``values``: ``region_id``, ``indicator_key``, ``value``, one row per observed value (a missing
  figure has no row and is never taken as 0);
- the groups of the definition and the NPLV focus areas (``municipality_code``, ``name``).

The method, as the method page says it:

1. A group's number per area is the indicator's value, or the percentage times its base count
   divided by 100. Exposure on one side (burden or benefit) is the sum of weight x number over
   the groups of that side. An area that lacks any of the figures has no exposure: it is listed
   as missing, with what it lacks, and counted.
2. The share is the exposure divided by the area's inhabitants.
3. The areas with exposure, inhabitants and an overall score take part in the concentration
   figures. Ordered from the lowest overall score (most vulnerable) up, ties by code, the most
   vulnerable tenth, fifth and third are the first `floor(n x fraction)` areas (at least one).
   Concentration ratio = that group's share of the total exposure / its share of the inhabitants:
   1 is proportional, 2 is twice its share.
4. The concentration curve runs through the same order: cumulative share of inhabitants against
   cumulative share of exposure.
5. The most touched group (for comparing runs) is the fifth of the areas, by the same count
   rule, with the highest share; ties by code.

The same input gives the same output to the last bit: every sum runs in a fixed order.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from wijkkompas.wijktoets.definition import METHOD_VERSION, Definition, Effect, Group

#: The most vulnerable groups for which the concentration ratio is given, by share of areas.
FRACTIONS = (("tenth", 1 / 10), ("fifth", 1 / 5), ("third", 1 / 3))
TOP_FRACTION = 1 / 5
AREA_COLUMNS = ["region_id", "code", "name", "municipality_code", "population", "score"]
#: Decimals of stored figures: enough for every page and export, and the same on every machine.
DECIMALS = 9


def group_numbers(areas: pd.DataFrame, values: pd.DataFrame, groups: tuple[Group, ...]) -> pd.DataFrame:
    """Per area (index region_id, in the order of `areas`) the number of each group, NaN when missing."""
    wide = values.pivot_table(index="region_id", columns="indicator_key", values="value", aggfunc="first")
    wide = wide.reindex(index=areas["region_id"])
    numbers = {}
    for index, group in enumerate(groups):
        number = _column(wide, group.indicator)
        if group.base:
            number = number / 100.0 * _column(wide, group.base)
        numbers[index] = number
    return pd.DataFrame(numbers, index=areas["region_id"])


def _column(wide: pd.DataFrame, key: str) -> pd.Series:
    if key in wide.columns:
        return wide[key].astype(float)
    return pd.Series(np.nan, index=wide.index)


def missing_figures(areas: pd.DataFrame, values: pd.DataFrame, groups: tuple[Group, ...]) -> list[list[str]]:
    """Per area (in the order of `areas`), the indicator keys it lacks, and 'inwoners' for its population."""
    present = set(zip(values["region_id"], values["indicator_key"]))
    keys = sorted({key for group in groups for key in (group.indicator, group.base) if key})
    lacking = []
    for region_id, population in zip(areas["region_id"], areas["population"]):
        gaps = [key for key in keys if (region_id, key) not in present]
        if pd.isna(population):
            gaps.append("inwoners")
        lacking.append(gaps)
    return lacking


def exposure(areas: pd.DataFrame, values: pd.DataFrame, definition: Definition) -> pd.DataFrame:
    """`areas` with, per side, the exposure and its share of the inhabitants, and what is missing."""
    numbers = group_numbers(areas, values, definition.groups)
    frame = areas[AREA_COLUMNS].reset_index(drop=True).copy()
    complete = numbers.notna().all(axis=1).to_numpy()
    for effect in Effect.values:
        columns = [i for i, group in enumerate(definition.groups) if group.effect == effect]
        if not columns:
            continue
        weights = np.array([definition.groups[i].weight for i in columns], dtype=float)
        weighted = numbers[columns].to_numpy(dtype=float) * weights
        total = np.zeros(len(frame))
        for column in range(weighted.shape[1]):  # a fixed order of addition
            total = total + weighted[:, column]
        total[~complete] = np.nan
        frame[effect] = total
        population = frame["population"].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(population > 0, total / population, np.nan)
        frame[f"{effect}_share"] = share
    frame["missing"] = missing_figures(areas, values, definition.groups)
    frame["has_exposure"] = complete
    return frame


def vulnerability_order(frame: pd.DataFrame) -> pd.DataFrame:
    """The areas that take part in the concentration figures, most vulnerable first (ties by code)."""
    usable = frame[frame["has_exposure"] & frame["population"].gt(0) & frame["score"].notna()]
    return usable.sort_values(["score", "code"], kind="mergesort").reset_index(drop=True)


def group_size(count: int, fraction: float) -> int:
    """The number of areas in a most-vulnerable group: rounded down, at least one (0 of none)."""
    return 0 if count == 0 else max(1, math.floor(count * fraction + 1e-9))


def concentration(ordered: pd.DataFrame, effect: str) -> dict:
    """The concentration ratios and curve of one side, over the areas in vulnerability order."""
    exposure_values = ordered[effect].to_numpy(dtype=float)
    population = ordered["population"].to_numpy(dtype=float)
    total_exposure, total_population = _sum(exposure_values), _sum(population)
    ratios = {}
    for name, fraction in FRACTIONS:
        size = group_size(len(ordered), fraction)
        exposure_share = _share(_sum(exposure_values[:size]), total_exposure)
        population_share = _share(_sum(population[:size]), total_population)
        ratio = None
        if exposure_share is not None and population_share:
            ratio = exposure_share / population_share
        ratios[name] = {
            "areas": size, "exposure_share": _round(exposure_share), "population_share": _round(population_share),
            "ratio": _round(ratio),
        }
    curve = [[0.0, 0.0]]
    if total_exposure > 0 and total_population > 0:
        cumulative_population = np.cumsum(population) / total_population
        cumulative_exposure = np.cumsum(exposure_values) / total_exposure
        curve += [[_round(p), _round(e)] for p, e in zip(cumulative_population, cumulative_exposure)]
    return {"total": _round(total_exposure), "population": _round(total_population), "ratios": ratios,
            "curve": curve}


def most_touched(frame: pd.DataFrame, effect: str) -> list[str]:
    """Codes of the fifth of the areas with exposure whose share is highest (ties by code)."""
    touched = frame[frame[f"{effect}_share"].notna()]
    touched = touched.sort_values([f"{effect}_share", "code"], ascending=[False, True], kind="mergesort")
    return sorted(touched["code"].head(group_size(len(touched), TOP_FRACTION)))


def focus_shares(frame: pd.DataFrame, focus: pd.DataFrame, effect: str, level: str) -> list[dict]:
    """Per municipality with an NPLV focus area, the exposure on its areas and its share of the total.

    The focus areas' own boundaries are set by their municipalities and not documented in the
    data, so their municipality's areas stand in for them. Largest share first.
    """
    if focus.empty:
        return []
    with_exposure = frame[frame["has_exposure"]]
    total = _sum(with_exposure[effect].to_numpy(dtype=float))
    key = "code" if level == "gemeente" else "municipality_code"
    rows = []
    for municipality, names in focus.groupby("municipality_code", sort=True)["name"]:
        inside = with_exposure[with_exposure[key] == municipality]
        if inside.empty:
            continue
        amount = _sum(inside[effect].to_numpy(dtype=float))
        rows.append({
            "municipality_code": municipality, "focus_areas": sorted(names), "areas": len(inside),
            "exposure": _round(amount), "exposure_share": _round(_share(amount, total)),
            "population_share": _round(_share(
                _sum(inside["population"].to_numpy(dtype=float)),
                _sum(with_exposure["population"].dropna().to_numpy(dtype=float)),
            )),
        })
    return sorted(rows, key=lambda row: (-(row["exposure_share"] or 0), row["municipality_code"]))


def coverage(frame: pd.DataFrame, ordered: pd.DataFrame) -> dict:
    """How many areas and inhabitants the test covers, and how many it misses, and why."""
    population = frame["population"]
    return {
        "areas": len(frame),
        "areas_with_exposure": int(frame["has_exposure"].sum()),
        "areas_in_concentration": len(ordered),
        "areas_missing_figures": int((~frame["has_exposure"]).sum()),
        "areas_without_population": int(population.isna().sum()),
        "areas_without_score": int((frame["has_exposure"] & frame["score"].isna()).sum()),
        "population": _round(_sum(population.dropna().to_numpy(dtype=float))),
        "population_with_exposure": _round(_sum(frame.loc[frame["has_exposure"], "population"].dropna().to_numpy(
            dtype=float))),
        "population_in_concentration": _round(_sum(ordered["population"].to_numpy(dtype=float))),
    }


def run(areas: pd.DataFrame, values: pd.DataFrame, definition: Definition, *, focus: pd.DataFrame) -> dict:
    """The whole result of a test as plain data (JSON), areas in code order."""
    areas = areas.sort_values("code", kind="mergesort").reset_index(drop=True)
    frame = exposure(areas, values, definition)
    ordered = vulnerability_order(frame)
    vulnerability_rank = {code: rank for rank, code in enumerate(ordered["code"], start=1)}
    sides = {}
    for effect in definition.effects():
        sides[effect] = {
            **concentration(ordered, effect),
            "most_touched": most_touched(frame, effect),
            "focus": focus_shares(frame, focus, effect, definition.level),
        }
    return {
        "method_version": METHOD_VERSION,
        "coverage": coverage(frame, ordered),
        "sides": sides,
        "areas": [_area_row(row, definition, vulnerability_rank) for row in frame.to_dict("records")],
    }


def _area_row(row: dict, definition: Definition, vulnerability_rank: dict[str, int]) -> dict:
    out = {
        "code": row["code"], "name": row["name"], "municipality_code": row["municipality_code"] or None,
        "population": _round(row["population"]), "score": _round(row["score"]),
        "vulnerability_rank": vulnerability_rank.get(row["code"]), "missing": row["missing"],
    }
    for effect in definition.effects():
        out[effect] = _round(row[effect])
        out[f"{effect}_share"] = _round(row[f"{effect}_share"])
    return out


def _sum(values: np.ndarray) -> float:
    """A sum in the given order (numpy's pairwise sum depends on the length, a loop does not)."""
    return float(math.fsum(float(value) for value in values)) if len(values) else 0.0


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def _round(value) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), DECIMALS)
