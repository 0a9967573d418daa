from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    SUCCEEDED = "succeeded", _("imported")
    UNCHANGED = "unchanged", _("already imported, nothing changed")
    FAILED = "failed", _("refused")


class ImportRun(models.Model):
    """One run of an importer on one file, kept whatever the outcome."""

    source = models.CharField(max_length=60, db_index=True, help_text="Importer name in the registry.")
    file_name = models.CharField(max_length=255)
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the file's bytes.")
    status = models.CharField(max_length=12, choices=ImportStatus.choices)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    rows_read = models.PositiveIntegerField(default=0)
    regions_created = models.PositiveIntegerField(default=0)
    observations_created = models.PositiveIntegerField(default=0)
    observations_updated = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    column_report = models.JSONField(
        default=dict, blank=True,
        help_text="For importers that report their columns: imported (column -> indicator), region, left_aside "
        "(column -> reason).",
    )

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.source} {self.file_name} ({self.status})"
