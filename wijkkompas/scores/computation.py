"""The composite score as pure functions on pandas DataFrames, so every step can be checked by hand.

Input: a DataFrame with columns ``region_id``, ``indicator_key``, ``theme``, ``direction``,
``unit`` and ``value`` (one row per observed value; missing values have no row and are never filled
in), for one level and year. `scores_recompute` passes all levels and years at once and names
the columns that tell the peer groups apart in ``by=("level", "year")``, which gives the same
result as one call per level and year, only faster. The method, in the words of the method page:

1. Peer group: all regions of the same level and year with a value for the indicator. Only
   indicators with a direction count; an indicator-year with fewer than `MIN_REGIONS`
   regions or without any spread is left out.
2. z = (value - mean) / standard deviation (population SD), times -1 where higher is worse,
   clipped to [-`Z_LIMIT`, `Z_LIMIT`].
3. Theme score: the mean of a region's z-scores in the theme, if it has at least half
   (rounded up) of the theme's indicators. Overall: the mean of the theme scores, if at
   least half (rounded up) of the themes have a score, and at least `MIN_OVERALL_THEMES`
   themes and `MIN_OVERALL_INDICATORS` indicators went in. Only themes scored for at least
   half of the peer group go into the overall score, so a source that covers a few areas (the
   Leefbaarometer for Amstelveen alone) cannot make their overall scores incomparable. Each
   theme that went in weighs the same, except a theme whose figures are all amounts of money
   (`MONEY_UNITS`: the WOZ value, incomes), which weighs `MONEY_THEME_WEIGHT`: such amounts
   say much about the housing market and the price level of the municipality. A theme's
   ``weight`` is its share of the weights (they add up to 1), the overall score is the sum of
   value x weight, and value x weight is the theme's share of it.
4. Rank 1 is the lowest score (most vulnerable) among the regions with a score.

Every result belongs to `METHOD_VERSION`; a change to any rule here gets a new version.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijkkompas.indicators.models import Direction, Unit

#: The version of this method. Stored with every score and basis and shown with every ranking;
#: a new version leaves the results of the older ones in place (`services.scores_recompute`).
METHOD_VERSION = "2026.1"
#: Theme key used for the overall score (the mean of the theme scores).
OVERALL = "totaal"
#: Sign that makes "higher is better" for every scored indicator; neutral indicators do not count.
SIGNS = {Direction.HIGHER_IS_BETTER.value: 1.0, Direction.HIGHER_IS_WORSE.value: -1.0}
MIN_REGIONS = 5
Z_LIMIT = 3.0
#: An overall score needs at least this many themes and indicators: fewer say too little.
MIN_OVERALL_THEMES = 3
MIN_OVERALL_INDICATORS = 5
#: Amounts of money in nominal euros do not count in a change between years: rising prices and
#: wages would count as improvement. (Within one year they compare like with like.)
MONEY_UNITS = frozenset({Unit.THOUSAND_EURO.value})
#: The weight in the overall score of a theme whose figures are all money amounts (others weigh 1).
MONEY_THEME_WEIGHT = 0.5
#: The gap compares the best and worst tenth of the regions, and needs at least this many.
GAP_MIN_REGIONS = 10

BASIS_COLUMNS = ["indicator_key", "theme", "direction", "unit", "mean", "std", "region_count"]
SCORE_COLUMNS = ["region_id", "theme", "value", "indicator_count", "weight", "rank", "peer_count"]
CHANGE_COLUMNS = ["region_id", "change", "indicator_count"]
CHANGE_BASIS_COLUMNS = ["indicator_key", "theme", "mean", "std", "region_count"]
GAP_COLUMNS = ["year", "region_count", "tenth", "best_mean", "worst_mean", "gap", "p90", "p10", "p90_p10"]


@dataclass(frozen=True)
class ScoreResult:
    scores: pd.DataFrame  # SCORE_COLUMNS, one row per region and theme (and OVERALL)
    basis: pd.DataFrame  # BASIS_COLUMNS, one row per indicator that went in


@dataclass(frozen=True)
class ChangeResult:
    changes: pd.DataFrame  # CHANGE_COLUMNS, one row per region with a change
    basis: pd.DataFrame  # CHANGE_BASIS_COLUMNS: the indicators compared, with the earlier year's mean and SD


def half_rounded_up(count: int) -> int:
    return (count + 1) // 2


def score_basis(observations: pd.DataFrame, *, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Mean, population SD and number of regions per indicator (and peer group) that qualifies for scoring."""
    frame, keys = _with_group(observations[observations["direction"].isin(list(SIGNS))], by)
    grouped = frame.groupby([*keys, "indicator_key"], sort=True)["value"]
    basis = pd.DataFrame({
        "mean": grouped.mean(), "std": grouped.std(ddof=0), "region_count": grouped.size(),
        "distinct": grouped.nunique(),
    })
    described = frame.drop_duplicates([*keys, "indicator_key"]).set_index([*keys, "indicator_key"])
    basis = basis.join(described[["theme", "direction", "unit"]])
    # Zero spread means all values are equal; tested on the values, not on a float SD.
    basis = basis[(basis["region_count"] >= MIN_REGIONS) & (basis["distinct"] > 1)]
    return _without_group(basis.reset_index(), by)[[*by, *BASIS_COLUMNS]]


def z_scores(
    observations: pd.DataFrame, basis: pd.DataFrame, *, by: tuple[str, ...] = (), clip: bool = True
) -> pd.DataFrame:
    """Direction-aware z-scores of the observations for the indicators in `basis`, with its mean and SD."""
    keys = [*by, "indicator_key"]
    frame = observations[["region_id", *keys, "value"]].merge(
        basis[[*keys, "theme", "direction", "mean", "std"]], on=keys, how="inner"
    )
    z = (frame["value"] - frame["mean"]) / frame["std"] * frame["direction"].map(SIGNS)
    frame["z"] = z.clip(-Z_LIMIT, Z_LIMIT) if clip else z
    return frame[[*by, "region_id", "indicator_key", "theme", "z"]]


def theme_and_overall_scores(z: pd.DataFrame, basis: pd.DataFrame, *, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Theme scores under the half-coverage rule, and the overall score from them (unranked)."""
    (z, keys), (basis, _) = _with_group(z, by), _with_group(basis, by)
    needed = basis.groupby([*keys, "theme"]).size().map(half_rounded_up).rename("needed")
    z = z.merge(basis[[*keys, "indicator_key", "unit"]], on=[*keys, "indicator_key"])
    grouped = z.assign(money=z["unit"].isin(MONEY_UNITS)).groupby([*keys, "region_id", "theme"], sort=True)
    themes = pd.DataFrame({
        "value": grouped["z"].mean(), "indicator_count": grouped.size(),
        "theme_weight": grouped["money"].all().map({True: MONEY_THEME_WEIGHT, False: 1.0}),
    }).join(needed)
    themes = themes[themes["indicator_count"] >= themes["needed"]].reset_index()
    broad = _broad_themes(themes, keys)
    needed_themes = broad.groupby(keys)["theme"].nunique().map(half_rounded_up).rename("needed")
    counted = themes.merge(broad, on=[*keys, "theme"])
    counted["weight"] = counted["theme_weight"] / counted.groupby([*keys, "region_id"])["theme_weight"].transform("sum")
    per_region = counted.assign(part=counted["value"] * counted["weight"]).groupby([*keys, "region_id"], sort=True)
    overall = pd.DataFrame({
        "value": per_region["part"].sum(), "theme_count": per_region.size(),
        "indicator_count": per_region["indicator_count"].sum(),
    }).join(needed_themes)
    overall = overall[
        (overall["theme_count"] >= overall["needed"]) & (overall["theme_count"] >= MIN_OVERALL_THEMES)
        & (overall["indicator_count"] >= MIN_OVERALL_INDICATORS)
    ].reset_index().assign(theme=OVERALL, weight=np.nan)
    weights = counted.merge(overall[[*keys, "region_id"]], on=[*keys, "region_id"])
    themes = themes.merge(weights[[*keys, "region_id", "theme", "weight"]], on=[*keys, "region_id", "theme"],
                          how="left")
    columns = [*keys, "region_id", "theme", "value", "indicator_count", "weight"]
    return _without_group(pd.concat([themes[columns], overall[columns]], ignore_index=True), by)


def _broad_themes(themes: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The themes (per peer group) scored for at least half of the regions with any theme score."""
    scored = themes.groupby(keys)["region_id"].nunique().rename("scored").reset_index()
    per_theme = themes.groupby([*keys, "theme"])["region_id"].nunique().rename("covered").reset_index()
    per_theme = per_theme.merge(scored, on=keys)
    return per_theme[per_theme["covered"] * 2 >= per_theme["scored"]][[*keys, "theme"]]


def ranked(scores: pd.DataFrame, *, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Rank 1 = lowest score per theme (and peer group); ties share the lower rank. Adds the number of peers."""
    scores, keys = _with_group(scores, by)
    peers = scores.groupby([*keys, "theme"])["value"]
    scores["rank"] = peers.rank(method="min", ascending=True).astype(int)
    scores["peer_count"] = peers.transform("size").astype(int)
    return _without_group(scores, by)[[*by, *SCORE_COLUMNS]].reset_index(drop=True)


def compute_scores(observations: pd.DataFrame, *, by: tuple[str, ...] = ()) -> ScoreResult:
    """All theme and overall scores with the basis that went in.

    The observations are one peer group (one level and year), or several told apart by the
    columns named in `by` (e.g. ``("level", "year")``), which is the same computed at once.
    """
    basis = score_basis(observations, by=by)
    z = z_scores(observations, basis, by=by)
    scores = ranked(theme_and_overall_scores(z, basis, by=by), by=by)
    return ScoreResult(scores=scores, basis=basis)


_GROUP = "_peer_group"


def _with_group(frame: pd.DataFrame, by: tuple[str, ...]) -> tuple[pd.DataFrame, list[str]]:
    """The frame and its peer-group columns; one constant column when the frame is a single group."""
    return (frame, list(by)) if by else (frame.assign(**{_GROUP: 0}), [_GROUP])


def _without_group(frame: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    return frame if by else frame.drop(columns=_GROUP)


def score_change(before: pd.DataFrame, after: pd.DataFrame) -> ChangeResult:
    """Change per region from an earlier to a later year of one level; negative means worse.

    Like for like: only indicators that qualify in both years and are not money (`MONEY_UNITS`,
    by the ``unit`` column), and per indicator only the regions with a value in both years (the
    same peer set). Both years are standardised with the earlier year's mean and SD of that
    peer set (not clipped), so a real change in the figures shows, not only a change of place.
    Only regions with at least half of the compared indicators get a change.
    """
    before, after = (frame[~frame["unit"].isin(MONEY_UNITS)] for frame in (before, after))
    paired = before[["region_id", "indicator_key"]].merge(after[["region_id", "indicator_key"]])
    before, after = before.merge(paired), after.merge(paired)
    basis_before, basis_after = score_basis(before), score_basis(after)
    basis = basis_before[basis_before["indicator_key"].isin(basis_after["indicator_key"])].reset_index(drop=True)
    if basis.empty:
        return ChangeResult(pd.DataFrame(columns=CHANGE_COLUMNS), pd.DataFrame(columns=CHANGE_BASIS_COLUMNS))
    pairs = z_scores(before, basis, clip=False).merge(
        z_scores(after, basis, clip=False), on=["region_id", "indicator_key"], suffixes=("_before", "_after")
    )
    pairs["difference"] = pairs["z_after"] - pairs["z_before"]
    changes = pairs.groupby("region_id", sort=True)["difference"].agg(change="mean", indicator_count="size")
    changes = changes[changes["indicator_count"] >= half_rounded_up(len(basis))]
    return ChangeResult(changes.reset_index()[CHANGE_COLUMNS], basis[CHANGE_BASIS_COLUMNS])


def score_gap(scores: pd.DataFrame) -> pd.DataFrame:
    """Per year: mean of the best tenth minus mean of the worst tenth of the scores, and P90 - P10.

    Input: columns ``year`` and ``value`` (overall scores of one level). A tenth is the number of
    regions divided by ten, rounded down; years with fewer than `GAP_MIN_REGIONS` are left out.
    """
    rows = []
    for year, values in scores.groupby("year", sort=True)["value"]:
        ordered = np.sort(values.to_numpy(dtype=float))
        if len(ordered) < GAP_MIN_REGIONS:
            continue
        tenth = len(ordered) // 10
        best, worst = ordered[-tenth:].mean(), ordered[:tenth].mean()
        p90, p10 = np.percentile(ordered, 90), np.percentile(ordered, 10)
        rows.append((int(year), len(ordered), tenth, best, worst, best - worst, p90, p10, p90 - p10))
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


def percentiles(frame: pd.DataFrame, *, by: list[str]) -> pd.Series:
    """Per row, the share (0-100) of the other rows of its group (`by`) with a lower ``value``.

    The same as SQL's ``100.0 * percent_rank() OVER (PARTITION BY … ORDER BY value)``, to the last
    bit: (rank - 1) / (rows - 1) x 100 with the lowest rank for ties. A row alone in its group
    gets none (NaN).
    """
    grouped = frame.groupby(by, sort=False)["value"]
    rank = grouped.rank(method="min")
    size = grouped.transform("size")
    return ((rank - 1) / (size - 1) * 100.0).where(size > 1)
