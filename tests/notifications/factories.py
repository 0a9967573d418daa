"""Factories for a contribution with its trail, enough to notify about."""

import factory

from tests.accounts.factories import UserFactory
from tests.regions.factories import RegionFactory
from wijkkompas.indicators.models import Theme
from wijkkompas.notifications.models import Notification
from wijkkompas.participation.models import Contribution, ContributionEvent, EventKind, Follow, Kind
from wijkkompas.participation.workflow import Status


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    kind = Kind.IDEA
    title = factory.Sequence(lambda n: f"Meer bankjes in het park {n}")
    text = "Ouderen kunnen nergens even zitten."
    theme = Theme.SAFETY
    region = factory.SubFactory(RegionFactory)
    author = factory.SubFactory(UserFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContributionEvent

    contribution = factory.SubFactory(ContributionFactory)
    kind = EventKind.STATUS_CHANGED
    from_status = Status.RECEIVED
    to_status = Status.IN_PROGRESS
    public_text = "We kijken ernaar met de gemeente."
    actor = factory.SubFactory(UserFactory)


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    contribution = factory.SubFactory(ContributionFactory)
    user = factory.SubFactory(UserFactory)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    email = factory.Sequence(lambda n: f"ontvanger{n}@example.org")
    subject = "Nieuws over je inbreng"
    body = "Er is nieuws."
    dedupe_key = factory.Sequence(lambda n: f"test:{n}")
