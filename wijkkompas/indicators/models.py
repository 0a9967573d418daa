"""The indicator catalogue and the observed values.

An `Indicator` is one measure with a Dutch label, unit, definition, theme and direction,
shared across sources and years so a trend can be drawn through it. A `Source` is the
table a value was published in (publisher, table id, year). An `Observation` is one value
for one region, indicator and year. A suppressed or missing cell has no observation: it
stays missing and is never stored as 0.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkkompas.regions.models import Region


class Theme(models.TextChoices):
    POPULATION = "bevolking", _("Population")
    HOUSING = "wonen", _("Housing")
    INCOME_WORK = "inkomen_werk", _("Income and work")
    EDUCATION = "onderwijs", _("Education")
    SAFETY = "veiligheid", _("Safety")
    FACILITIES = "voorzieningen", _("Facilities")
    HEALTH = "gezondheid", _("Health and care")
    LIVABILITY = "leefbaarheid", _("Livability")
    ENERGY = "energie", _("Energy")
    SURROUNDINGS = "omgeving", _("Area and economy")


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher_better", _("higher is better")
    HIGHER_IS_WORSE = "higher_worse", _("higher is worse")
    NEUTRAL = "neutral", _("neither better nor worse")


class Perspective(models.TextChoices):
    """Where a figure comes from: registers (systeemwereld) or residents' own answers (leefwereld)."""

    REGISTERED = "registered", _("registered figures")
    SURVEY = "survey", _("residents' experience (survey)")
    MODEL = "model", _("model estimate")


class Unit(models.TextChoices):
    COUNT = "count", _("number")
    PERCENT = "percent", _("%")
    PER_1000 = "per_1000", _("per 1,000 inhabitants")
    # The Veiligheidsindex counts some offences per 1,000 homes, shops or businesses, and most per
    # 1,000 people present (residents plus some of those who work, study or visit there).
    PER_1000_HOMES = "per_1000_homes", _("per 1,000 homes")
    PER_1000_PRESENT = "per_1000_present", _("per 1,000 people present")
    PER_1000_SHOPS = "per_1000_shops", _("per 1,000 shops")
    PER_1000_BUSINESSES = "per_1000_businesses", _("per 1,000 businesses")
    PER_KM2 = "per_km2", _("per km²")
    THOUSAND_EURO = "thousand_euro", _("× €1,000")
    KILOMETRE = "km", _("km")
    HECTARE = "ha", _("hectare")
    SQUARE_KILOMETRE = "km2", _("km²")
    KWH = "kwh", _("kWh")
    CUBIC_METRE = "m3", _("m³")
    SCORE = "score", _("score")
    INDEX = "index", _("index")
    AVERAGE = "average", _("average")
    CLASS = "class", _("class")


class Source(models.Model):
    key = models.SlugField(max_length=60, unique=True)
    publisher = models.CharField(max_length=120)
    title = models.CharField(max_length=200)
    table = models.CharField(max_length=60, blank=True, help_text="Table id at the publisher, e.g. 84583NED.")
    year = models.PositiveSmallIntegerField(null=True, help_text="Table year.")
    url = models.URLField(blank=True)
    licence = models.CharField(max_length=120, blank=True)
    note = models.TextField(blank=True)
    method_version = models.CharField(
        max_length=40, blank=True,
        help_text="Version of the instrument or method the figures were made with, e.g. '3.0' for Leefbaarometer "
        "3.0; figures of different versions are not strictly comparable. Empty when the source has one method.",
    )

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.title


class IndicatorQuerySet(models.QuerySet):
    """Which indicators count in the composite scores: those with a direction, unless the
    catalogue keeps them out (`score_exclusion`). The same rule as `Indicator.is_scored`."""

    def scored(self) -> IndicatorQuerySet:
        return self.exclude(direction=Direction.NEUTRAL).filter(score_exclusion="")

    def kept_out_of_scores(self) -> IndicatorQuerySet:
        return self.exclude(direction=Direction.NEUTRAL).exclude(score_exclusion="")


class Indicator(models.Model):
    key = models.SlugField(max_length=80, unique=True)
    label = models.CharField(max_length=200)
    short_label = models.CharField(max_length=80, blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    definition = models.TextField()
    theme = models.CharField(max_length=20, choices=Theme.choices, db_index=True)
    direction = models.CharField(max_length=20, choices=Direction.choices, default=Direction.NEUTRAL)
    perspective = models.CharField(max_length=20, choices=Perspective.choices, default=Perspective.REGISTERED)
    decimals = models.PositiveSmallIntegerField(default=0)
    minimum = models.FloatField(null=True, blank=True, help_text="Lowest valid value; imports refuse less.")
    maximum = models.FloatField(null=True, blank=True, help_text="Highest valid value; imports refuse more.")
    sort_order = models.PositiveIntegerField(default=0)
    score_exclusion = models.CharField(
        max_length=300, blank=True,
        help_text="Why this directional indicator does not count in the composite scores (Dutch); empty when it counts.",
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["theme", "sort_order", "key"]

    def __str__(self) -> str:
        return self.label

    @property
    def is_directional(self) -> bool:
        return self.direction != Direction.NEUTRAL

    @property
    def is_scored(self) -> bool:
        return self.is_directional and not self.score_exclusion


class Observation(models.Model):
    # No single-column indexes on indicator, region and source: the (indicator, year) index and the
    # unique (region, indicator, year) one serve those look-ups, every index slows a national import,
    # and a source is looked up by its observations only when it is deleted. On PostgreSQL the table
    # is partitioned by year (migration 0005, `indicators.partitions`).
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations", db_index=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="observations", db_index=False)
    year = models.PositiveSmallIntegerField()
    value = models.FloatField()
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="observations", db_index=False)
    percentile = models.FloatField(
        null=True, blank=True,
        help_text="Share (0-100) of regions of the same level and year with a lower value; set by scoring.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region", "indicator", "year"], name="unique_observation")
        ]
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self) -> str:
        return f"{self.indicator.key} {self.region.code} {self.year}: {self.value}"
