"""Factories for the indicator catalogue and observations. Keys start with 'test_' so they never
collide with the real catalogue."""

import factory

from tests.regions.factories import RegionFactory
from wijkkompas.indicators.models import Direction, Indicator, Observation, Perspective, Source, Theme, Unit


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"test-bron-{n}")
    publisher = "CBS"
    title = factory.Sequence(lambda n: f"Testtabel {n}")
    table = factory.Sequence(lambda n: f"9{n:04d}NED")
    year = 2024
    licence = "CC BY 4.0"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"test_indicator_{n}")
    label = factory.Sequence(lambda n: f"Testindicator {n}")
    unit = Unit.PERCENT
    definition = "Een indicator voor tests."
    theme = Theme.INCOME_WORK
    direction = Direction.NEUTRAL
    perspective = Perspective.REGISTERED
    decimals = 1
    sort_order = factory.Sequence(int)


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    region = factory.SubFactory(RegionFactory)
    year = 2024
    value = 10.0
    source = factory.SubFactory(SourceFactory)
    percentile = None
