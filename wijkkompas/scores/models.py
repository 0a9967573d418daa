"""Stored results of the composite score computation (see scores/computation.py).

Scores are recomputed in one batch after every import, so pages read them instead of
computing them per request. `ScoreBasis` keeps which indicators, years and reference
figures went in, so the method page can show it and anyone can recompute a score by hand.
"""

from django.db import models

from wijkkompas.indicators.models import Indicator
from wijkkompas.regions.models import Region
from wijkkompas.scores.computation import METHOD_VERSION, OVERALL

__all__ = ["OVERALL", "METHOD_VERSION", "Score", "ScoreBasis", "PercentileCheck", "PeerGroup"]


def current_method_version() -> str:
    """The default of `method_version` (a function, so a new version needs no migration)."""
    return METHOD_VERSION


class CurrentMethodManager(models.Manager):
    """The rows of the current method version (`computation.METHOD_VERSION`): what pages read.
    Rows of older versions stay in the table, findable through `all_versions`."""

    def get_queryset(self):
        return super().get_queryset().filter(method_version=METHOD_VERSION)


class Score(models.Model):
    # No constraint in the database: scores are made from observations of known regions only, and
    # checking millions of rows one by one at each recomputation costs more than the rest of it. The
    # unique (region, year, theme) index serves look-ups by region.
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="scores", db_constraint=False,
                               db_index=False)
    level = models.CharField(max_length=24, help_text="The region's level, kept here for fast rankings.")
    year = models.PositiveSmallIntegerField()
    theme = models.CharField(max_length=20, help_text=f"Theme key, or '{OVERALL}' for the overall score.")
    value = models.FloatField(help_text="Mean of direction-aware z-scores; higher is better, 0 is average.")
    indicator_count = models.PositiveSmallIntegerField()
    rank = models.PositiveIntegerField(help_text="1 = lowest score (most vulnerable) among its peers.")
    peer_count = models.PositiveIntegerField()
    weight = models.FloatField(null=True, help_text="For a theme that went into the overall score, its weight "
                                                    "in it (the weights add up to 1); value x weight is its share.")
    method_version = models.CharField(max_length=12, default=current_method_version)

    objects = CurrentMethodManager()
    all_versions = models.Manager()

    class Meta:
        base_manager_name = "all_versions"
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "theme", "method_version"], name="unique_score_version")
        ]
        indexes = [models.Index(fields=["method_version", "level", "year", "theme", "value"])]

    @property
    def contribution(self) -> float | None:
        """This theme's share of the overall score (value x weight); None when it did not go in."""
        return None if self.weight is None else self.value * self.weight

    @property
    def weight_percent(self) -> float | None:
        return None if self.weight is None else self.weight * 100


class ScoreBasis(models.Model):
    """The reference figures one indicator contributed to the scores of one level and year."""

    level = models.CharField(max_length=24)
    year = models.PositiveSmallIntegerField()
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="score_bases")
    mean = models.FloatField()
    std = models.FloatField()
    region_count = models.PositiveIntegerField()
    method_version = models.CharField(max_length=12, default=current_method_version)

    objects = CurrentMethodManager()
    all_versions = models.Manager()

    class Meta:
        base_manager_name = "all_versions"
        constraints = [
            models.UniqueConstraint(fields=["level", "year", "indicator", "method_version"],
                                    name="unique_score_basis_version")
        ]
        ordering = ["level", "year", "indicator__theme", "indicator__key"]


class PercentileCheck(models.Model):
    """The observations of a year whose stored percentiles were last found right, as a fingerprint
    (`services.percentiles_fingerprint`), so a recomputation can pass over the years nothing touched."""

    year = models.PositiveSmallIntegerField(unique=True)
    fingerprint = models.CharField(max_length=200)


class PeerGroup(models.Model):
    """Whom a percentile compares with: the regions of one level that have a figure for one
    indicator in one year (`services.peer_groups_refresh`). Pages, API and CSV name it, so "higher
    than 80%" always says of which areas: all of the Netherlands, one municipality, or whoever has
    the figure."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="peer_groups",
                                  db_constraint=False, db_index=False)
    year = models.PositiveSmallIntegerField()
    level = models.CharField(max_length=24)
    region_count = models.PositiveIntegerField()
    municipality_count = models.PositiveIntegerField()
    #: The municipality's code when all the regions lie in one; empty otherwise.
    municipality_code = models.CharField(max_length=10, blank=True)
    national = models.BooleanField(help_text="The regions lie in nearly every municipality of that year "
                                             "(services.NATIONAL_SHARE), so the comparison is national.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "level"], name="unique_peer_group")
        ]
