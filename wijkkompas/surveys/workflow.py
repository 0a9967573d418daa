"""The lifecycle of a survey period: draft -> open -> closed, one explicit state machine.

A period is prepared as a draft (questions may be added), opened (residents answer and may change
their answer) and closed (answers are final). Every change is a new row of the append-only
history (models.PeriodEvent); nothing reopens a closed period, so published results stay final.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodStatus(models.TextChoices):
    DRAFT = "concept", _("draft")
    OPEN = "open", _("open")
    CLOSED = "gesloten", _("closed")


TRANSITIONS = frozenset({
    (PeriodStatus.DRAFT, PeriodStatus.OPEN),
    (PeriodStatus.OPEN, PeriodStatus.CLOSED),
})


class TransitionError(Exception):
    """A change of status the state machine does not allow."""


def check_transition(*, from_status: str, to_status: str) -> None:
    if (from_status, to_status) not in TRANSITIONS:
        raise TransitionError(f"No transition from {from_status} to {to_status}.")
