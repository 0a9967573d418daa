"""Factories for regions. Codes are generated in a range the real CBS data does not use."""

import factory

from wijkkompas.regions.codes import normalise_name
from wijkkompas.regions.models import Level, Region, RegionYear
from wijkkompas.regions.search import search_texts_refresh


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"GM9{n % 1000:03d}")
    level = Level.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    search_name = factory.LazyAttribute(lambda region: normalise_name(region.name))
    municipality_code = factory.LazyAttribute(lambda region: region.code if region.level == Level.MUNICIPALITY else "")
    first_year = 2024
    last_year = 2024

    @factory.post_generation
    def search_index(region, create, extracted, **kwargs):
        """Found by search as an imported region is: the regions services write the search text on import."""
        if create:
            search_texts_refresh(municipality_codes={region.municipality_code or region.code})
            region.refresh_from_db(fields=["search_text"])


class RegionYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionYear
        django_get_or_create = ("region", "year")

    region = factory.SubFactory(RegionFactory)
    year = 2024
    name = factory.LazyAttribute(lambda region_year: region_year.region.name)
    parent = None
    geometry = None
