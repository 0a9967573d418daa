"""The example content: loaded through the services, labelled, idempotent, removable, off by setting."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from tests.regions.factories import RegionFactory, RegionYearFactory
from wijkkompas.accounts.models import Organisation, RoleAssignment, User
from wijkkompas.participation.demo import DEMO_EMAIL_DOMAIN, load_example_content, remove_example_content
from wijkkompas.participation.demo_data import AREAS
from wijkkompas.participation.models import Contribution, ContributionEvent
from wijkkompas.participation.workflow import Status
from wijkkompas.regions.models import Level

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_areas(settings):
    """The three example wijken and their gemeenten, as regions (the real ones come with the bundled data)."""
    settings.DEMO_CONTENT = True
    for area in AREAS:
        gemeente = RegionFactory(code=area.municipality_code, level=Level.MUNICIPALITY, name=f"Gemeente {area.municipality_code}")
        wijk = RegionFactory(code=area.region_code, level=Level.DISTRICT, name=f"Wijk {area.region_code}",
                             municipality_code=gemeente.code)
        RegionYearFactory(region=gemeente)
        RegionYearFactory(region=wijk, parent=gemeente)


def test_example_content_goes_through_the_state_machine_and_is_marked_as_example(demo_areas):
    made = load_example_content()

    assert made == sum(len(area.contributions) for area in AREAS)
    assert not Contribution.objects.filter(is_example=False).exists()
    statuses = set(Contribution.objects.values_list("status", flat=True))
    assert {Status.RECEIVED, Status.IN_PROGRESS, Status.IN_AGENDA, Status.FORWARDED, Status.DONE, Status.REOPENED} <= statuses
    assert Contribution.objects.exclude(channel="online").exists(), "assisted input is part of the demo"
    forwarded_answered = Contribution.objects.get(title="Donkere onderdoorgang bij het metrostation")
    assert list(forwarded_answered.events.values_list("kind", flat=True))[:2] == ["submitted", "status_changed"]
    assert forwarded_answered.satisfied is True


def test_loading_twice_adds_nothing(demo_areas):
    load_example_content()
    events = ContributionEvent.objects.count()

    assert load_example_content() == 0
    assert ContributionEvent.objects.count() == events


def test_one_command_removes_the_content_organisations_and_roles(demo_areas):
    load_example_content()

    call_command("demo_content", "--remove")

    assert not Contribution.objects.exists()
    assert not ContributionEvent.objects.exists()
    assert not Organisation.objects.exists()
    assert not RoleAssignment.objects.exists()
    assert not User.objects.filter(email__endswith=DEMO_EMAIL_DOMAIN, is_active=True).exists()


def test_removal_leaves_real_contributions_alone(demo_areas):
    from tests.participation.factories import ContributionFactory

    load_example_content()
    real = ContributionFactory()

    remove_example_content()

    assert list(Contribution.objects.all()) == [real]


def test_off_in_a_deployment_by_one_setting(demo_areas, settings):
    settings.DEMO_CONTENT = False

    call_command("demo_content")

    assert not Contribution.objects.exists()
    with pytest.raises(ImproperlyConfigured):
        load_example_content()
