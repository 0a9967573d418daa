"""Writes to the indicator catalogue."""

from dataclasses import asdict

from django.db import transaction

from wijkkompas.indicators.catalogue import load_catalogue
from wijkkompas.indicators.models import Indicator, Source


@transaction.atomic
def catalogue_sync() -> bool:
    """Make the database catalogue equal to the TOML catalogue (insert or update; never delete).

    Runs before every import, so it compares first and writes only what differs. Returns
    whether anything changed.
    """
    catalogue = load_catalogue()
    sources_changed = _sync(Source, [asdict(spec) for spec in catalogue.sources.values()])
    indicators_changed = _sync(Indicator, [asdict(spec) for spec in catalogue.indicators.values()])
    return sources_changed or indicators_changed


def _sync(model, wanted: list[dict]) -> bool:
    stored = {row.key: row for row in model.objects.filter(key__in=[entry["key"] for entry in wanted])}
    fields = [name for name in wanted[0] if name != "key"] if wanted else []
    to_create, to_update = [], []
    for entry in wanted:
        row = stored.get(entry["key"])
        if row is None:
            to_create.append(model(**entry))
        elif any(getattr(row, name) != entry[name] for name in fields):
            for name in fields:
                setattr(row, name, entry[name])
            to_update.append(row)
    model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, fields)
    return bool(to_create or to_update)
