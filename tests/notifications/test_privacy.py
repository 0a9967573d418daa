"""The outbox in a person's data export and account deletion (accounts/privacy.py hooks)."""

import pytest

from tests.accounts.factories import UserFactory
from tests.notifications.factories import NotificationFactory
from wijkkompas.accounts import services as account_services
from wijkkompas.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_a_person_downloads_the_e_mails_meant_for_them_and_no_others():
    user = UserFactory()
    NotificationFactory(recipient=user, email=user.email, subject="Nieuws over je inbreng: Bankjes")
    NotificationFactory(recipient=UserFactory(), subject="Iemand anders")
    exported = account_services.export_personal_data(user=user)["notifications"]
    assert [(row["subject"], row["email"], row["status"]) for row in exported] == [
        ("Nieuws over je inbreng: Bankjes", user.email, "pending")
    ]


def test_a_deleted_account_gets_no_more_e_mail_and_its_sent_ones_are_gone():
    user, other = UserFactory(), UserFactory()
    NotificationFactory(recipient=user, email=user.email)
    NotificationFactory(recipient=user, email=user.email, status=Notification.Status.SENT)
    kept = NotificationFactory(recipient=other, email=other.email)
    account_services.delete_account(user=user)
    assert list(Notification.objects.all()) == [kept]
