"""The column report of an import run in words, for `import_data` and anyone reading a run."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _


def reason_text(reason: str) -> str:
    return {
        "no_indicator": _("no indicator in the catalogue"),
        "not_a_figure": _("describes the region, not a figure"),
        "other_unit": _("CBS gives another unit than the catalogue indicator"),
    }.get(reason, reason)


def column_report_lines(report: dict[str, Any]) -> list[str]:
    """A few lines: which columns were imported (and into which indicator), which describe the
    region, and each column left aside with its reason. Nothing for a run without a report."""
    if not report:
        return []
    imported, region, left_aside = report.get("imported", {}), report.get("region", []), report.get("left_aside", {})
    lines = [
        _("Columns: %(imported)s imported, %(region)s describe the region, %(aside)s left aside.")
        % {"imported": len(imported), "region": len(region), "aside": len(left_aside)},
        _("Imported: %(columns)s.") % {"columns": ", ".join(f"{column} → {key}" for column, key in imported.items())},
    ]
    if region:
        lines.append(_("Region: %(columns)s.") % {"columns": ", ".join(region)})
    lines.extend(
        _("Left aside: %(column)s (%(reason)s).") % {"column": column, "reason": reason_text(reason)}
        for column, reason in left_aside.items()
    )
    return lines
