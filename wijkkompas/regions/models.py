"""Regions: the areas figures are about.

A `Region` is one code (``WK036393``), stable across years, so a time series joins on it.
Its per-year appearance (name, parent, boundary) is a `RegionYear`, because CBS codes,
names and boundaries change between years and each year's own set must be kept.
Areas that are not CBS regions (Amsterdam VM-gebieden, Eindhoven's municipal buurten) are
regions of their own kind, never silently merged into a CBS region.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    COUNTRY = "land", _("country")
    PROVINCE = "provincie", _("province")
    MUNICIPALITY = "gemeente", _("municipality")
    DISTRICT = "wijk", _("district")
    NEIGHBOURHOOD = "buurt", _("neighbourhood")
    SAFETY_AREA = "vm_gebied", _("safety monitor area")
    MUNICIPAL_NEIGHBOURHOOD = "gemeentelijke_buurt", _("municipal neighbourhood")


#: Levels in the CBS hierarchy, from large to small. Other kinds hang under a municipality.
CBS_LEVELS = (Level.COUNTRY, Level.PROVINCE, Level.MUNICIPALITY, Level.DISTRICT, Level.NEIGHBOURHOOD)


class Region(models.Model):
    code = models.CharField(max_length=40, unique=True)
    level = models.CharField(max_length=24, choices=Level.choices, db_index=True)
    name = models.CharField(max_length=200, help_text="Name in the latest year the region appears.")
    search_name = models.CharField(max_length=200, db_index=True, help_text="Lower-case, accent-free name.")
    search_text = models.TextField(
        blank=True, default="",
        help_text="Name, everyday names and municipality, as search matches them (regions/search.py).",
    )
    municipality_code = models.CharField(max_length=8, blank=True, db_index=True)
    province = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        limit_choices_to={"level": Level.PROVINCE},
    )
    first_year = models.PositiveSmallIntegerField(null=True)
    last_year = models.PositiveSmallIntegerField(null=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_cbs_region(self) -> bool:
        return self.level in CBS_LEVELS


class RegionYear(models.Model):
    """A region as it was in one year: its name, parent and boundary that year."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="child_years"
    )
    geometry = models.JSONField(null=True, blank=True, help_text="GeoJSON geometry in WGS84.")
    min_lon = models.FloatField(null=True)
    min_lat = models.FloatField(null=True)
    max_lon = models.FloatField(null=True)
    max_lat = models.FloatField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="unique_region_year")]
        indexes = [models.Index(fields=["year", "parent"])]
        ordering = ["region__code", "year"]

    def __str__(self) -> str:
        return f"{self.name} ({self.region.code}, {self.year})"


class RegionMatch(models.Model):
    """A documented link from an area key in a non-CBS source to a CBS region.

    Only written where the rule that made it is reliable; the rule is stored with it
    so the method page and the API can show why two areas were taken as the same.
    """

    source = models.CharField(max_length=60)
    source_key = models.CharField(max_length=200)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="matches")
    rule = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "source_key"], name="unique_region_match")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_key} -> {self.region.code}"


class FocusArea(models.Model):
    """An NPLV focus area. Its boundary is set by the municipality, so only the municipality is linked."""

    name = models.CharField(max_length=120, unique=True)
    municipality = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="focus_areas")
    name_variant = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PostcodeArea(models.Model):
    """The part of a postcode's addresses that lies in one region, in one year's indeling.

    A 4-digit postcode (``3523``) is linked to wijken, a 6-digit one (``3523AB``) to buurten, as
    CBS counts addresses in its postcode-huisnummer file. A postcode often spans several areas,
    so each row keeps its number of addresses and their share of the postcode's total.
    """

    postcode = models.CharField(max_length=6, help_text="4 digits, or 4 digits and 2 capitals.")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="postcode_areas")
    year = models.PositiveSmallIntegerField()
    address_count = models.PositiveIntegerField()
    share = models.FloatField(help_text="Share of the postcode's addresses in this region, from 0 to 1.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["postcode", "year", "region"], name="unique_postcode_area"),
        ]
        ordering = ["postcode", "-share"]

    def __str__(self) -> str:
        return f"{self.postcode} -> {self.region.code} ({self.year})"
