"""The one write path for imported data: validate, write all-or-nothing, record the run."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkkompas.core.db import execute_many, insert_rows
from wijkkompas.imports.base import ImportBatch, ImportRefused
from wijkkompas.imports.locking import import_transaction
from wijkkompas.imports.models import ImportRun, ImportStatus
from wijkkompas.imports.registry import get_importer
from wijkkompas.indicators.models import Indicator, Observation, Source, Unit
from wijkkompas.indicators.services import catalogue_sync
from wijkkompas.regions.indeling import RegionCheck, RegionRefused
from wijkkompas.regions.models import Region
from wijkkompas.regions.services import focus_areas_upsert, matches_upsert, postcode_areas_replace, regions_upsert
from wijkkompas.scores.selectors import figures_version_forget

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
    _check_whole_counts(batch, path)
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
        batch.observations = [record for record in batch.observations if record.region_code not in check.left_aside]
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
    run.observations_created, run.observations_updated = _observations_upsert(batch, regions, path)


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


def _check_whole_counts(batch: ImportBatch, path: Path) -> None:
    """CBS publishes counts as whole numbers; a fraction means a misread number (`24.430` read as
    24.43 inhabitants), whichever importer read it. Other publishers may estimate counts (the
    Veiligheidsindex weighs its survey), so only sources published by CBS are held to this."""
    counts = set(Indicator.objects.filter(
        key__in={record.indicator_key for record in batch.observations}, unit=Unit.COUNT,
    ).values_list("key", flat=True))
    cbs = set(Source.objects.filter(
        key__in={record.source_key for record in batch.observations}, publisher__startswith="CBS",
    ).values_list("key", flat=True))
    for record in batch.observations:
        if record.indicator_key in counts and record.source_key in cbs and not float(record.value).is_integer():
            raise ImportRefused(
                _("region %(code)s has %(value)s for '%(key)s' in %(year)s, but CBS publishes this count as a whole "
                  "number. Was a thousands separator read as a decimal point?")
                % {"code": record.region_code, "value": f"{record.value:g}", "key": record.indicator_key,
                   "year": record.year},
                file=path,
            )


def _observations_upsert(batch: ImportBatch, regions: dict[str, Region], path: Path) -> tuple[int, int]:
    records = batch.observations
    if not records:
        return 0, 0
    indicators = {i.key: i for i in Indicator.objects.filter(key__in={r.indicator_key for r in records})}
    sources = {s.key: s for s in Source.objects.filter(key__in={r.source_key for r in records})}
    _check_known(records, indicators, sources, regions, path)
    existing = {
        (row.region_id, row.indicator_id, row.year): row
        for row in Observation.objects.filter(
            indicator_id__in={i.pk for i in indicators.values()}, year__in={r.year for r in records}
        ).only("id", "region_id", "indicator_id", "year", "value", "source_id").iterator(chunk_size=5000)
    }
    to_create, to_update = [], []
    for record in records:
        region, indicator, source = regions[record.region_code], indicators[record.indicator_key], sources[record.source_key]
        row = existing.get((region.pk, indicator.pk, record.year))
        if row is None:
            to_create.append((region.pk, indicator.pk, record.year, record.value, source.pk))
        elif row.value != record.value or row.source_id != source.pk:
            to_update.append((record.value, source.pk, row.pk))
    insert_rows(Observation, ["region_id", "indicator_id", "year", "value", "source_id"], to_create)
    execute_many(f"UPDATE {Observation._meta.db_table} SET value = %s, source_id = %s WHERE id = %s", to_update)
    return len(to_create), len(to_update)


def _check_known(records, indicators, sources, regions, path: Path) -> None:
    """Programming errors in an importer's mapping must not write anything either."""
    seen: set[tuple[str, str, int]] = set()
    for record in records:
        key = (record.region_code, record.indicator_key, record.year)
        if key in seen:
            raise ImportRefused(
                _("region %(code)s has two values for '%(key)s' in %(year)s.")
                % {"code": record.region_code, "key": record.indicator_key, "year": record.year},
                file=path,
            )
        seen.add(key)
        if record.indicator_key not in indicators:
            raise ImportRefused(
                _("indicator '%(key)s' is not in the catalogue.") % {"key": record.indicator_key}, file=path
            )
        if record.source_key not in sources:
            raise ImportRefused(_("source '%(key)s' is not in the catalogue.") % {"key": record.source_key}, file=path)
        if record.region_code not in regions:
            raise ImportRefused(
                _("region %(code)s has figures but is not described in the file.") % {"code": record.region_code},
                file=path,
            )
