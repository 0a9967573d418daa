"""The notifications app in the register of personal data (accounts/privacy.py)."""

from django.utils.translation import gettext_lazy as _

from wijkkompas.accounts.privacy import PersonalData
from wijkkompas.notifications.models import Notification


def _export(user) -> list[dict]:
    return [
        {"subject": row["subject"], "email": row["email"], "status": row["status"],
         "created_at": row["created_at"].isoformat(),
         "sent_at": row["sent_at"].isoformat() if row["sent_at"] else None}
        for row in Notification.objects.filter(recipient=user).order_by("created_at", "pk")
        .values("subject", "email", "status", "created_at", "sent_at")
    ]


def _delete(user) -> None:
    """Nothing more is sent to a deleted account, and what was sent is forgotten."""
    Notification.objects.filter(recipient=user).delete()


PERSONAL_DATA = [
    PersonalData(Notification, ("recipient", "email", "subject", "body"),
                 _("To send you an e-mail when something changes in a contribution you sent or follow."),
                 _("90 days after the e-mail was sent, or until you delete your account.")),
]
EXPORTERS = {"notifications": _export}
ANONYMISERS = [_delete]
