"""Stored results of the composite score computation (see scores/computation.py).

Scores are recomputed in one batch after every import, so pages read them instead of
computing them per request. `ScoreBasis` keeps which indicators, years and reference
figures went in, so the method page can show it and anyone can recompute a score by hand.
"""

from django.db import models

from wijkkompas.indicators.models import Indicator
from wijkkompas.regions.models import Region

#: Theme key used for the overall score (the mean of the theme scores).
OVERALL = "totaal"


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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "theme"], name="unique_score")
        ]
        indexes = [models.Index(fields=["level", "year", "theme", "value"])]


class ScoreBasis(models.Model):
    """The reference figures one indicator contributed to the scores of one level and year."""

    level = models.CharField(max_length=24)
    year = models.PositiveSmallIntegerField()
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="score_bases")
    mean = models.FloatField()
    std = models.FloatField()
    region_count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["level", "year", "indicator"], name="unique_score_basis")
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
