"""The Wijktoets's entries in the register of personal data (accounts/privacy.py): a saved test
knows the account that saved it. The tests themselves are analyses of open data and stay public
after the account is deleted, without the link to it."""

from django.utils.translation import gettext_lazy as _

from wijkkompas.accounts.privacy import PersonalData
from wijkkompas.wijktoets.models import Wijktoets

PERSONAL_DATA = [
    PersonalData(Wijktoets, ("owner", "title", "description"),
                 _("To show you the tests you saved and let you run them again."),
                 _("Until you delete your account; the test then stays, without your name.")),
]


def export_wijktoetsen(user) -> list[dict]:
    return [
        {"id": test.pk, "title": test.title, "description": test.description, "definition": test.definition,
         "created_at": test.created_at.isoformat()}
        for test in Wijktoets.objects.filter(owner=user).order_by("id")
    ]


def forget_owner(user) -> None:
    Wijktoets.objects.filter(owner=user).update(owner=None)


EXPORTERS = {"wijktoetsen": export_wijktoetsen}
ANONYMISERS = [forget_owner]
