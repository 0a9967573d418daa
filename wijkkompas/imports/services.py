"""The one write path for imported data: validate, write all-or-nothing, record the run."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import numpy as np
import pandas as pd
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkompas.core.db import insert_frame, read_frame, update_frame
from wijkkompas.imports.base import ImportBatch, ImportRefused, observation_table
from wijkkompas.imports.locking import import_transaction
from wijkkompas.imports.models import ImportRun, ImportStatus
from wijkkompas.imports.registry import get_importer
from wijkkompas.indicators.models import Indicator, Observation, Source, Unit
from wijkkompas.indicators.partitions import new_partition_years, year_partition_load
from wijkkompas.indicators.services import catalogue_sync
from wijkkompas.regions.indeling import RegionCheck, RegionRefused
from wijkkompas.regions.models import Region
from wijkkompas.regions.services import focus_areas_upsert, matches_upsert, postcode_areas_replace, regions_upsert
from wijkkompas.scores.selectors import figures_version_forget
from wijkkompas.scores.services import observation_percentiles, percentiles_checked, region_levels

logger = logging.getLogger(__name__)


class UnknownImporter(LookupError):
    pass


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_file(*, source: str, path: Path, year: int | None = None) -> ImportRun:
    """Import one file with the named importer and record the run.

    A file whose bytes were imported before by the same importer is recorded as unchanged
    and nothing is written. A refused file is recorded as failed and `ImportRefused` is
    raised again for the caller; the database is left exactly as it was. Imports write one at
    a time (`locking`): one that finds another import writing waits, and is refused when that
    takes too long.
    """
    try:
        importer = get_importer(source)
    except KeyError:
        raise UnknownImporter(source) from None
    started_at = timezone.now()
    path = Path(path)
    run = ImportRun(source=source, file_name=path.name, started_at=started_at)
    try:
        run.checksum = file_checksum(path)
    except OSError as error:
        refused = ImportRefused(_("the file cannot be opened (%(error)s).") % {"error": error.strerror}, file=path)
        _record(run, ImportStatus.FAILED, refused.message)
        raise refused from None
    if ImportRun.objects.filter(source=source, checksum=run.checksum, status=ImportStatus.SUCCEEDED).exists():
        return _record(run, ImportStatus.UNCHANGED, _("This file was imported before; nothing changed."))
    try:
        if importer.needs_year and year is None:
            raise ImportRefused(
                _("this file does not say which year it is about. Give the year with --year."), file=path
            )
        batch = importer.read(path, year=year)
        run.rows_read = batch.rows_read
        run.column_report = batch.column_report.as_dict() if batch.column_report else {}
        with import_transaction(path):
            _write(batch, run, path)
    except ImportRefused as refused:
        _record(run, ImportStatus.FAILED, refused.message)
        raise
    run = _record(run, ImportStatus.SUCCEEDED, run.message)
    transaction.on_commit(figures_version_forget)
    return run


def _record(run: ImportRun, status: str, message: str) -> ImportRun:
    run.status, run.message, run.finished_at = status, message, timezone.now()
    try:
        run.save()
    except OperationalError:
        if status != ImportStatus.FAILED:
            raise
        # Still locked by the other writer: the refusal itself reaches the caller all the same.
        logger.warning("Could not record the failed import of %s: %s", run.file_name, message)
    return run


def _write(batch: ImportBatch, run: ImportRun, path: Path) -> None:
    catalogue_sync()
    for record in batch.sources:
        Source.objects.update_or_create(
            key=record.key,
            defaults={
                "publisher": record.publisher, "title": record.title, "table": record.table, "year": record.year,
                "url": record.url, "licence": record.licence, "note": record.note,
            },
        )
    observations = observation_table(batch)
    _check_whole_counts(observations, path)
    match_codes = {match.region_code for match in batch.matches} | {f.municipality_code for f in batch.focus_areas}
    try:
        regions, run.regions_created, check = regions_upsert(
            records=batch.regions, leave_aside_unknown=batch.leave_aside_unknown_regions
        )
    except RegionRefused as refused:
        where = refused.record
        raise ImportRefused(
            refused.reason, file=path, row=where.row, feature=where.feature, column=where.column
        ) from None
    if check.left_aside:
        observations = observations[~observations["region_code"].isin(check.left_aside)]
    run.message = regions_note(check)
    missing = match_codes - regions.keys()
    regions.update({region.code: region for region in Region.objects.filter(code__in=missing)})
    if missing - regions.keys():
        raise ImportRefused(
            _("region %(code)s is not known yet. Import the file with that region first.")
            % {"code": sorted(missing - regions.keys())[0]},
            file=path,
        )
    matches_upsert(records=batch.matches, regions=regions)
    focus_areas_upsert(records=batch.focus_areas, regions=regions)
    postcode_areas_replace(records=batch.postcode_areas)
    run.observations_created, run.observations_updated = _observations_upsert(observations, regions, path)


def regions_note(check: RegionCheck) -> str:
    """What the run says about regions it did not write as the file gave them, never silently."""
    notes = []
    if check.left_aside:
        notes.append(
            _("%(count)s regions are not known for their year and the file does not name them; their figures were "
              "left aside: %(codes)s.") % {"count": len(check.left_aside), "codes": _some(check.left_aside)}
        )
    if check.unlinked:
        notes.append(
            _("%(count)s regions that others lie in are not known yet, so those links were left out: %(codes)s.")
            % {"count": len(check.unlinked), "codes": _some(check.unlinked)}
        )
    return " ".join(notes)


def _some(codes: set[str], shown: int = 10) -> str:
    listed = ", ".join(sorted(codes)[:shown])
    return listed + (" …" if len(codes) > shown else "")


def _check_whole_counts(observations: pd.DataFrame, path: Path) -> None:
    """CBS publishes counts as whole numbers; a fraction means a misread number (`24.430` read as
    24.43 inhabitants), whichever importer read it. Other publishers may estimate counts (the
    Veiligheidsindex weighs its survey), so only sources published by CBS are held to this."""
    counts = set(Indicator.objects.filter(
        key__in=set(observations["indicator_key"].unique()), unit=Unit.COUNT,
    ).values_list("key", flat=True))
    cbs = set(Source.objects.filter(
        key__in=set(observations["source_key"].unique()), publisher__startswith="CBS",
    ).values_list("key", flat=True))
    values = observations["value"].to_numpy(dtype=float)
    wrong = (observations["indicator_key"].isin(counts) & observations["source_key"].isin(cbs)).to_numpy() & (
        values != np.floor(values))
    if wrong.any():
        record = observations.iloc[int(np.argmax(wrong))]
        raise ImportRefused(
            _("region %(code)s has %(value)s for '%(key)s' in %(year)s, but CBS publishes this count as a whole "
              "number. Was a thousands separator read as a decimal point?")
            % {"code": record.region_code, "value": f"{record.value:g}", "key": record.indicator_key,
               "year": record.year},
            file=path,
        )


def _observations_upsert(observations: pd.DataFrame, regions: dict[str, Region], path: Path) -> tuple[int, int]:
    if observations.empty:
        return 0, 0
    indicators = dict(Indicator.objects.filter(
        key__in=set(observations["indicator_key"].unique())).values_list("key", "pk"))
    sources = dict(Source.objects.filter(key__in=set(observations["source_key"].unique())).values_list("key", "pk"))
    _check_known(observations, indicators, sources, regions, path)
    region_ids = {code: region.pk for code, region in regions.items()}
    incoming = pd.DataFrame({
        "region_id": _ids(observations["region_code"], region_ids),
        "indicator_id": _ids(observations["indicator_key"], indicators),
        "year": observations["year"].to_numpy(dtype=np.int64),
        "value": observations["value"].to_numpy(dtype=np.float64),
        "source_id": _ids(observations["source_key"], sources),
    })
    return _observations_write(incoming)


def _ids(keys: pd.Series, ids: dict) -> np.ndarray:
    """The id of every key (all known); a categorical column is mapped once per category."""
    return keys.map(ids).to_numpy(dtype=np.int64)


_OBSERVATION_KEY = ["region_id", "indicator_id", "year"]
_INTEGER_COLUMNS = {"id": "int64", "region_id": "int64", "indicator_id": "int64", "year": "int64", "source_id": "int64"}


def _observations_write(incoming: pd.DataFrame) -> tuple[int, int]:
    """Store `incoming` (one row per region, indicator and year): new rows are inserted, rows whose
    value or source changed are updated; returns (created, updated).

    The stored rows of the same indicators and years are compared as numbers in pandas, not as
    model instances, which keeps a national file (millions of values) fast and small. New rows
    are stored with their percentile among the regions of their indicator, year and level, and
    stored rows of those groups whose percentile moved get the new one, so the scoring that
    follows an import finds little to write (`scores.services.observation_percentiles_update`).
    On PostgreSQL a year that has no observations yet becomes a partition of its own
    (`indicators.partitions`).
    """
    table = Observation._meta.db_table
    indicator_ids = ", ".join(str(int(pk)) for pk in sorted(incoming["indicator_id"].unique()))
    years = ", ".join(str(int(year)) for year in sorted(incoming["year"].unique()))
    stored = read_frame(
        f"SELECT id, region_id, indicator_id, year, value, source_id, percentile FROM {table} "
        f"WHERE indicator_id IN ({indicator_ids}) AND year IN ({years})",
        ["id", "region_id", "indicator_id", "year", "value", "source_id", "percentile"],
    ).astype(_INTEGER_COLUMNS).rename(columns={"percentile": "percentile_stored"})
    if stored.empty:  # a new year: every row is new (and a merge of millions of rows costs seconds)
        rows = incoming.assign(id=np.nan, value_stored=np.nan, source_id_stored=np.nan, percentile_stored=np.nan,
                               _merge="right_only")
    else:
        rows = stored.merge(incoming, on=_OBSERVATION_KEY, how="outer", suffixes=("_stored", ""), indicator=True)
    kept = rows["_merge"] == "left_only"  # stored, not in this file: keeps its value and source
    rows["value"] = rows["value"].mask(kept, rows["value_stored"])
    rows["source_id"] = rows["source_id"].mask(kept, rows["source_id_stored"])
    levels = region_levels()
    rows["percentile"] = observation_percentiles(rows, levels).to_numpy()
    new = rows["_merge"] == "right_only"
    changed = (rows["_merge"] == "both") & (
        (rows["value"] != rows["value_stored"]) | (rows["source_id"] != rows["source_id_stored"])
    )
    moved = ~new & ~_same_or_both_missing(rows["percentile"], rows["percentile_stored"])
    columns = ["region_id", "indicator_id", "year", "value", "source_id", "percentile"]
    update_frame(
        Observation,
        rows.loc[changed | moved, ["id", "value", "source_id", "percentile"]].astype({"id": "int64", "source_id": "int64"}),
        restrict=f"year IN ({years})",
    )
    created = rows.loc[new, columns].astype({"source_id": "int64"})
    partitioned = new_partition_years(created["year"].unique())
    insert_frame(Observation, created[~created["year"].isin(partitioned)])
    for year in sorted(partitioned):  # last: attaching a partition locks the default one until commit
        year_partition_load(year, created[created["year"] == year])
    # A new partition holds the whole year, every percentile computed here: scoring need not read it.
    percentiles_checked(partitioned, levels)
    return int(new.sum()), int(changed.sum())


def _same_or_both_missing(left: pd.Series, right: pd.Series) -> pd.Series:
    return (left == right) | (left.isna() & right.isna())


def _check_known(observations: pd.DataFrame, indicators, sources, regions, path: Path) -> None:
    """Programming errors in an importer's mapping must not write anything either. The first
    faulty observation is named, with its first fault in this order: a second value, an unknown
    indicator, source or region."""
    faults = [
        observations.duplicated(["region_code", "indicator_key", "year"]),
        ~observations["indicator_key"].isin(list(indicators)),
        ~observations["source_key"].isin(list(sources)),
        ~observations["region_code"].isin(list(regions)),
    ]
    found = np.logical_or.reduce([fault.to_numpy() for fault in faults])
    if not found.any():
        return
    position = int(np.argmax(found))
    record = observations.iloc[position]
    duplicate, indicator, source, _region = (bool(fault.iloc[position]) for fault in faults)
    if duplicate:
        raise ImportRefused(
            _("region %(code)s has two values for '%(key)s' in %(year)s.")
            % {"code": record.region_code, "key": record.indicator_key, "year": record.year},
            file=path,
        )
    if indicator:
        raise ImportRefused(_("indicator '%(key)s' is not in the catalogue.") % {"key": record.indicator_key}, file=path)
    if source:
        raise ImportRefused(_("source '%(key)s' is not in the catalogue.") % {"key": record.source_key}, file=path)
    raise ImportRefused(
        _("region %(code)s has figures but is not described in the file.") % {"code": record.region_code}, file=path
    )
