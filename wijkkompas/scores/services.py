"""Writes of the scoring: all composite scores, their basis and the observation percentiles, in one batch."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction

from wijkkompas.core.db import insert_rows
from wijkkompas.indicators.models import Observation
from wijkkompas.regions.models import Region
from wijkkompas.scores.computation import compute_scores
from wijkkompas.scores.models import Score, ScoreBasis
from wijkkompas.scores.selectors import figures_version_forget, scored_observations


@dataclass(frozen=True)
class RecomputeResult:
    score_count: int
    basis_count: int


def scores_recompute() -> RecomputeResult:
    """Recompute every score, its basis and all observation percentiles from the stored figures.

    Reads all scored values at once, computes every level and year in one pass with pandas
    (grouped by level and year), and replaces the stored results by delete-and-insert in one
    transaction, so a page never sees half of a recomputation.
    """
    observations = scored_observations()
    result = compute_scores(observations, by=("level", "year"))
    indicators = observations.drop_duplicates("indicator_key")
    indicator_ids = dict(zip(indicators["indicator_key"], indicators["indicator_id"], strict=True))
    basis_rows = [
        (row.level, int(row.year), int(indicator_ids[row.indicator_key]), float(row.mean), float(row.std),
         int(row.region_count))
        for row in result.basis.itertuples(index=False)
    ]
    score_rows = [
        (int(row.region_id), row.level, int(row.year), row.theme, float(row.value), int(row.indicator_count),
         int(row.rank), int(row.peer_count))
        for row in result.scores.itertuples(index=False)
    ]
    with transaction.atomic():
        Score.objects.all().delete()
        ScoreBasis.objects.all().delete()
        insert_rows(Score, ["region_id", "level", "year", "theme", "value", "indicator_count", "rank", "peer_count"],
                score_rows)
        insert_rows(ScoreBasis, ["level", "year", "indicator_id", "mean", "std", "region_count"], basis_rows)
        observation_percentiles_update()
        transaction.on_commit(figures_version_forget)
    return RecomputeResult(score_count=len(score_rows), basis_count=len(basis_rows))


def observation_percentiles_update() -> None:
    """Set every observation's percentile in one statement (SQLite 3.33+ and PostgreSQL).

    The percentile is the share (0-100) of the other regions of the same level, indicator
    and year with a lower value (percent_rank x 100; ties share a value). A region alone in
    its group gets none. Rows whose percentile does not change are not written.
    """
    table, regions = Observation._meta.db_table, Region._meta.db_table
    partition = "PARTITION BY o.indicator_id, o.year, r.level"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET percentile = ranked.percentile "
            f"FROM (SELECT o.id AS id, CASE WHEN count(*) OVER ({partition}) > 1 "
            f"THEN 100.0 * percent_rank() OVER ({partition} ORDER BY o.value) END AS percentile "
            f"FROM {table} o JOIN {regions} r ON r.id = o.region_id) AS ranked "
            f"WHERE {table}.id = ranked.id AND ({table}.percentile <> ranked.percentile "
            f"OR ({table}.percentile IS NULL) <> (ranked.percentile IS NULL))"
        )
