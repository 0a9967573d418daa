"""Writes to the indicator catalogue."""

from django.db import transaction

from wijkkompas.indicators.catalogue import load_catalogue
from wijkkompas.indicators.models import Indicator, Source


@transaction.atomic
def catalogue_sync() -> None:
    """Make the database catalogue equal to the TOML catalogue (insert or update; never delete)."""
    catalogue = load_catalogue()
    for spec in catalogue.sources.values():
        Source.objects.update_or_create(
            key=spec.key,
            defaults={
                "publisher": spec.publisher, "title": spec.title, "table": spec.table, "year": spec.year,
                "url": spec.url, "licence": spec.licence, "note": spec.note,
            },
        )
    for spec in catalogue.indicators.values():
        Indicator.objects.update_or_create(
            key=spec.key,
            defaults={
                "label": spec.label, "short_label": spec.short_label, "unit": spec.unit,
                "definition": spec.definition, "theme": spec.theme, "direction": spec.direction,
                "perspective": spec.perspective, "decimals": spec.decimals, "minimum": spec.minimum,
                "maximum": spec.maximum, "sort_order": spec.sort_order,
            },
        )
