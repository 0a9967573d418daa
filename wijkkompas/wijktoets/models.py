"""Saved Wijktoetsen and their runs.

A `Wijktoets` is a measure's definition with a title, saved by an account (or an example,
`is_example`). Every run keeps the definition it ran with, the data years, the method version and
the whole result, so an earlier run can be read and compared after new figures arrive.
"""

from django.conf import settings
from django.db import models


class Wijktoets(models.Model):
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=2000)
    definition = models.JSONField(help_text="The measure: level, year, groups (see definition.py).")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="wijktoetsen",
    )
    is_example = models.BooleanField(default=False, help_text="An example (voorbeeld) of the demo content.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class WijktoetsRun(models.Model):
    test = models.ForeignKey(Wijktoets, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveIntegerField(help_text="1 for the first run of the test, then 2, 3, …")
    definition = models.JSONField()
    figures_year = models.PositiveSmallIntegerField()
    score_year = models.PositiveSmallIntegerField(null=True)
    method_version = models.CharField(max_length=20)
    result = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["test", "number"], name="unique_wijktoets_run")]
        ordering = ["test", "number"]

    def __str__(self) -> str:
        return f"{self.test} #{self.number}"
