"""Writes of the scoring: all composite scores, their basis and the observation percentiles, in one batch."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.db import connection, transaction

from wijkkompas.core.db import insert_frame, read_frame, update_frame
from wijkkompas.indicators.models import Indicator, Observation
from wijkkompas.regions.models import Level, Region, RegionYear
from wijkkompas.scores.computation import METHOD_VERSION, compute_scores, percentiles
from wijkkompas.scores.models import PeerGroup, PercentileCheck, Score, ScoreBasis
from wijkkompas.scores.selectors import figures_version_forget, scored_observations


@dataclass(frozen=True)
class RecomputeResult:
    score_count: int
    basis_count: int


SCORE_COLUMNS = ["region_id", "level", "year", "theme", "value", "indicator_count", "weight", "rank", "peer_count",
                 "method_version"]
BASIS_COLUMNS = ["level", "year", "indicator_id", "mean", "std", "region_count", "method_version"]
#: A peer group is national when its regions lie in at least this share of the year's
#: municipalities, and in at least NATIONAL_MIN_MUNICIPALITIES of them (the Netherlands counted 342
#: to 467 municipalities from 2005 to 2024; a year known only from Amsterdam's files has few).
NATIONAL_SHARE, NATIONAL_MIN_MUNICIPALITIES = 0.9, 300


def scores_recompute(*, years: list[int] | None = None) -> RecomputeResult:
    """Recompute the scores and their basis of the current method version (`METHOD_VERSION`)
    from the stored figures, for `years` (default: every year with scored figures), and then
    all observation percentiles.

    Peer groups never span years, so the scored values are read and computed one year at a time
    (with pandas, grouped by level), which keeps the memory to one year's values and gives the
    same result as all years at once. Only the current version's rows of the recomputed years
    are replaced (delete-and-insert in one transaction, so a page never sees half of a
    recomputation): results of older method versions stay, so what a goal or a policy test
    pointed at stays findable (`Score.all_versions`). A year that no longer has scored figures
    loses its current-version rows when all years are recomputed.
    """
    scored_years = _observation_years(Indicator.objects.scored())
    chosen = scored_years if years is None else [year for year in scored_years if year in set(years)]
    scores, bases = [], []
    for year in chosen:
        observations = scored_observations(years=[year])
        result = compute_scores(observations, by=("level", "year"))
        indicators = observations.drop_duplicates("indicator_key")
        indicator_ids = pd.Series(indicators["indicator_id"].to_numpy(), index=indicators["indicator_key"].to_numpy())
        bases.append(result.basis.assign(indicator_id=result.basis["indicator_key"].map(indicator_ids),
                                         method_version=METHOD_VERSION)[BASIS_COLUMNS])
        scores.append(result.scores.assign(method_version=METHOD_VERSION)[SCORE_COLUMNS])
    score_frame = _whole(pd.concat(scores, ignore_index=True) if scores else pd.DataFrame(columns=SCORE_COLUMNS),
                         ["region_id", "year", "indicator_count", "rank", "peer_count"])
    basis_frame = _whole(pd.concat(bases, ignore_index=True) if bases else pd.DataFrame(columns=BASIS_COLUMNS),
                         ["year", "indicator_id", "region_count"])
    with transaction.atomic():
        replaced_scores, replaced_bases = Score.objects.all(), ScoreBasis.objects.all()
        if years is not None:
            replaced_scores, replaced_bases = replaced_scores.filter(year__in=years), replaced_bases.filter(year__in=years)
        replaced_scores.delete()
        replaced_bases.delete()
        insert_frame(Score, score_frame)
        insert_frame(ScoreBasis, basis_frame)
        observation_percentiles_update()
        transaction.on_commit(figures_version_forget)
    return RecomputeResult(score_count=len(score_frame), basis_count=len(basis_frame))


def _whole(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return frame.astype({column: "int64" for column in columns})


def observation_percentiles_update() -> None:
    """Set every observation's percentile, one year at a time, writing only the rows that change.

    The percentile is the share (0-100) of the other regions of the same level, indicator
    and year with a lower value (`computation.percentiles`; ties share a value). A region alone
    in its group gets none. An import already stores the percentiles of the groups it writes
    (`observation_percentiles`), so after an import this mostly reads and compares. On PostgreSQL
    a year whose fingerprint (`percentiles_fingerprint`) is the one of its last check is not read
    at all: an import that loads a whole new year records it (`percentiles_checked`).
    """
    levels = region_levels()
    table = Observation._meta.db_table
    checked = dict(PercentileCheck.objects.values_list("year", "fingerprint"))
    with_peer_groups = set(PeerGroup.objects.values_list("year", flat=True).distinct())
    for year in _observation_years(Indicator.objects.all()):
        if checked.get(year) is not None and checked[year] == percentiles_fingerprint(year, levels):
            if year not in with_peer_groups:  # a year an import loaded whole
                peer_groups_refresh(year)
            continue
        stored = read_frame(
            f"SELECT id, region_id, indicator_id, value, percentile FROM {table} WHERE year = {int(year)}",
            ["id", "region_id", "indicator_id", "value", "percentile"],
        )
        changed = percentile_changes(stored, levels)
        update_frame(Observation, changed[["id", "percentile"]], restrict=f"year = {int(year)}")
        percentiles_checked([year], levels)
        peer_groups_refresh(year)


def peer_groups_refresh(year: int) -> None:
    """Store, per indicator and level, whom the percentiles of `year` compare with: how many
    regions (only groups of two or more get percentiles), in how many municipalities, which one
    if only one, and whether that is national (`NATIONAL_SHARE`). One grouped query."""
    PeerGroup.objects.filter(year=year).delete()
    municipalities = RegionYear.objects.filter(year=year, region__level=Level.MUNICIPALITY).count()
    threshold = max(NATIONAL_MIN_MUNICIPALITIES, NATIONAL_SHARE * municipalities)
    spread = "COUNT(DISTINCT r.municipality_code)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {PeerGroup._meta.db_table} "
            f"(indicator_id, year, level, region_count, municipality_count, municipality_code, national) "
            f"SELECT o.indicator_id, o.year, r.level, COUNT(*), {spread}, "
            f"CASE WHEN {spread} = 1 THEN MIN(r.municipality_code) ELSE '' END, {spread} >= %s "
            f"FROM {Observation._meta.db_table} o JOIN {Region._meta.db_table} r ON r.id = o.region_id "
            f"WHERE o.year = %s GROUP BY o.indicator_id, o.year, r.level HAVING COUNT(*) > 1",
            [threshold, int(year)],
        )


def percentiles_fingerprint(year: int, levels: pd.Series) -> str | None:
    """What the percentiles of a year's observations depend on, in a few bytes: every row's id,
    region, indicator, value and percentile (hashed per row and summed, so the order of reading
    does not matter), and the level of every region. None on databases other than PostgreSQL,
    which has no such hash functions: there every year is checked."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), coalesce(sum((hashfloat8extended(value, id) # hashint8extended(region_id, indicator_id) "
            f"# hashfloat8extended(coalesce(percentile, 'NaN'), id + 1)) >> 8), 0) "
            f"FROM {Observation._meta.db_table} WHERE year = %s",
            [int(year)],
        )
        count, total = cursor.fetchone()
    regions = hashlib.sha256(
        "".join(f"{pk}:{level};" for pk, level in sorted(levels.items())).encode()).hexdigest()[:16]
    return f"{count}:{total}:{regions}"


def percentiles_checked(years, levels: pd.Series) -> None:
    """Record that the stored percentiles of `years` are right as they are now."""
    for year in years:
        fingerprint = percentiles_fingerprint(year, levels)
        if fingerprint is None:
            PercentileCheck.objects.filter(year=year).delete()
        else:
            PercentileCheck.objects.update_or_create(year=year, defaults={"fingerprint": fingerprint})


def observation_percentiles(frame: pd.DataFrame, levels: pd.Series) -> pd.Series:
    """The percentile of each row of `frame` (``region_id``, ``indicator_id``, ``year``, ``value``)
    among the rows of its indicator, year and level; `frame` must hold whole groups."""
    grouped = frame[["indicator_id", "year", "value"]].assign(level=frame["region_id"].map(levels))
    return percentiles(grouped, by=["indicator_id", "year", "level"])


def percentile_changes(stored: pd.DataFrame, levels: pd.Series) -> pd.DataFrame:
    """The rows of one year (``id``, ``region_id``, ``indicator_id``, ``value``, ``percentile``) whose
    stored percentile differs from the computed one, with the computed one as ``percentile``."""
    computed = observation_percentiles(stored.assign(year=0), levels)
    before = stored["percentile"].to_numpy(dtype=float)
    after = computed.to_numpy(dtype=float)
    differs = (before != after) & ~(np.isnan(before) & np.isnan(after))
    return stored.loc[differs, ["id"]].assign(percentile=after[differs])


def region_levels() -> pd.Series:
    """Level by region id, for every region (a small table)."""
    rows = list(Region.objects.values_list("id", "level"))
    return pd.Series([level for _, level in rows], index=[pk for pk, _ in rows], dtype=object)


def _observation_years(indicators) -> list[int]:
    """The years with observations of these indicators, ascending.

    A loose index scan on (indicator, year): per indicator, the next year after the last one
    found, so the query costs a few index probes per indicator and year, not a pass over
    millions of observations.
    """
    ids = [int(pk) for pk in indicators.values_list("pk", flat=True)]
    if not ids:
        return []
    table = Observation._meta.db_table
    next_year = f"SELECT min(o.year) FROM {table} o WHERE o.indicator_id = f.indicator_id AND o.year > f.year"
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE f(indicator_id, year) AS ("
            f"SELECT i.id, (SELECT min(o.year) FROM {table} o WHERE o.indicator_id = i.id) "
            f"FROM {Indicator._meta.db_table} i WHERE i.id IN ({', '.join(map(str, ids))}) "
            f"UNION ALL SELECT f.indicator_id, ({next_year}) FROM f WHERE f.year IS NOT NULL) "
            f"SELECT DISTINCT year FROM f WHERE year IS NOT NULL ORDER BY year"
        )
        return [int(year) for (year,) in cursor.fetchall()]
