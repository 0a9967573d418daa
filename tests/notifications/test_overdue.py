"""Municipal managers hear once a day about forwarded input that waits past its term."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from tests.participation.factories import ContributionFactory, OrganisationFactory, make_area, staff
from wijkkompas.accounts.permissions import Role
from wijkkompas.notifications.models import Notification
from wijkkompas.notifications.services import deliver_pending, notify_overdue
from wijkkompas.participation.workflow import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(area_with_manager):
    gemeente, _wijk, buurt, _manager = area_with_manager
    organisation = OrganisationFactory(name="Woningcorporatie Test", municipality=gemeente)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = ContributionFactory(region=buurt, title="Schimmel in het portiek", status=Status.FORWARDED,
                               forwarded_to=organisation, forward_due=yesterday)
    ContributionFactory(region=buurt, title="Nog op tijd", status=Status.FORWARDED, forwarded_to=organisation,
                        forward_due=timezone.localdate() + datetime.timedelta(days=3))
    return late


@pytest.fixture
def area_with_manager():
    gemeente, wijk, buurt = make_area()
    return gemeente, wijk, buurt, staff(Role.MANAGER, gemeente, mfa=True)


def test_the_manager_gets_one_e_mail_listing_what_is_overdue(overdue, area_with_manager):
    manager = area_with_manager[3]

    assert notify_overdue() == 1
    deliver_pending()

    [message] = mail.outbox
    assert message.to == [manager.email]
    assert "Schimmel in het portiek" in message.body and "Woningcorporatie Test" in message.body
    assert f"/inbreng/{overdue.pk}/" in message.body
    assert "Nog op tijd" not in message.body


def test_a_second_run_on_the_same_day_writes_nothing(overdue):
    notify_overdue()

    assert notify_overdue() == 0
    assert Notification.objects.count() == 1
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert notify_overdue(today=tomorrow) == 1


def test_managers_elsewhere_and_other_roles_hear_nothing(overdue):
    other_gemeente = make_area(2)[0]
    staff(Role.MANAGER, other_gemeente, mfa=True)
    staff(Role.PROFESSIONAL, overdue.region)

    notify_overdue()

    assert Notification.objects.count() == 1  # only the manager of the area itself
