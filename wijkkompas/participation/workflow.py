"""The lifecycle of a contribution: one explicit state machine, so nothing closes silently.

Every change is a new row in the append-only trail (models.ContributionEvent); this module only
says which changes exist, who may make them and what each one needs. Every closing state needs a
public explanation, "niet overgenomen" also a reason category, "doorgezet" an organisation.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wijkkompas.accounts.permissions import Role


class Status(models.TextChoices):
    RECEIVED = "ontvangen", _("received")
    IN_PROGRESS = "in_behandeling", _("in progress")
    IN_AGENDA = "opgenomen_in_agenda", _("taken into the neighbourhood agenda")
    FORWARDED = "doorgezet", _("forwarded")
    NOT_ADOPTED = "niet_overgenomen", _("not adopted")
    DONE = "afgerond", _("done")
    REOPENED = "heropend", _("reopened")


#: States that close a contribution: each needs a public explanation, and after each the author
#: may rate the answer and, within REOPEN_DAYS, ask to reopen it.
CLOSING = frozenset({Status.IN_AGENDA, Status.NOT_ADOPTED, Status.DONE})
#: States a reopened or new contribution waits in: the staff's queue.
OPEN = frozenset({Status.RECEIVED, Status.IN_PROGRESS, Status.REOPENED})
REOPEN_DAYS = 14


class ReasonCategory(models.TextChoices):
    """Why a contribution was not adopted (required with NOT_ADOPTED)."""

    NOT_MUNICIPAL_TASK = "geen_taak", _("not a task of the municipality or its partners")
    NO_BUDGET = "geen_budget", _("no money or people available")
    NOT_FEASIBLE = "niet_haalbaar", _("not possible in practice")
    OTHER_PRIORITY = "andere_prioriteit", _("other matters come first")
    ALREADY_PLANNED = "al_gepland", _("already planned or done")
    CONFLICTS = "strijdig", _("conflicts with rules or other interests")


@dataclass(frozen=True)
class Transition:
    roles: frozenset[Role]
    needs_explanation: bool = False
    needs_reason_category: bool = False
    needs_organisation: bool = False


_STAFF = frozenset({Role.PROFESSIONAL, Role.MANAGER, Role.ADMINISTRATOR})
#: A residents' representative takes part in making the neighbourhood agenda.
_AGENDA = _STAFF | {Role.REPRESENTATIVE}


def _closing(to: Status, roles: frozenset[Role] = _STAFF) -> Transition:
    return Transition(roles, needs_explanation=True, needs_reason_category=to == Status.NOT_ADOPTED)


def _from_queue(source: Status) -> dict[tuple[Status, Status], Transition]:
    steps = {
        (source, Status.IN_AGENDA): _closing(Status.IN_AGENDA, _AGENDA),
        (source, Status.NOT_ADOPTED): _closing(Status.NOT_ADOPTED),
        (source, Status.DONE): _closing(Status.DONE),
        (source, Status.FORWARDED): Transition(_STAFF, needs_explanation=True, needs_organisation=True),
    }
    if source != Status.IN_PROGRESS:
        steps[(source, Status.IN_PROGRESS)] = Transition(_STAFF)
    return steps


#: Every allowed change of status, by staff through services.change_status. Two more go through
#: their own services: the organisation's answer (FORWARDED -> DONE, answer_forwarded) and the
#: author's reopen request (closing -> REOPENED, request_reopen), listed here as well.
TRANSITIONS: dict[tuple[Status, Status], Transition] = {
    **_from_queue(Status.RECEIVED),
    **_from_queue(Status.IN_PROGRESS),
    **_from_queue(Status.REOPENED),
    # Taken back from an organisation that does not handle it: back in the queue, explained.
    (Status.FORWARDED, Status.IN_PROGRESS): Transition(_STAFF, needs_explanation=True),
    (Status.FORWARDED, Status.DONE): _closing(Status.DONE, _STAFF),
    **{(closed, Status.REOPENED): Transition(frozenset({Role.RESIDENT}), needs_explanation=True) for closed in CLOSING},
}


class TransitionError(Exception):
    """A change of status the state machine does not allow."""


def allowed_transitions(status: str, roles: set[Role] | None = None) -> list[Status]:
    """The states a contribution in `status` may go to (for these roles, when given), in Status order."""
    targets = {
        to for (source, to), transition in TRANSITIONS.items()
        if source == status and (roles is None or transition.roles & roles)
    }
    return [choice for choice in Status if choice in targets]


def check_transition(
    *, from_status: str, to_status: str, roles: set[Role], public_text: str = "",
    reason_category: str = "", organisation=None,
) -> Transition:
    """The transition, when it exists, these roles may make it and it has what it needs.

    Raises TransitionError for a change that does not exist or that these roles may not make,
    and ValidationError (by field, in Dutch) when an explanation, reason or organisation is missing.
    """
    transition = TRANSITIONS.get((from_status, to_status))
    if transition is None:
        raise TransitionError(f"No transition from {from_status} to {to_status}.")
    if not transition.roles & roles:
        raise TransitionError(f"These roles may not change {from_status} to {to_status}.")
    errors = {}
    if transition.needs_explanation and not public_text.strip():
        errors["public_text"] = gettext("Explain in public what was decided and why.")
    if transition.needs_reason_category and reason_category not in ReasonCategory.values:
        errors["reason_category"] = gettext("Choose why it was not adopted.")
    if transition.needs_organisation and organisation is None:
        errors["organisation"] = gettext("Choose the organisation it is forwarded to.")
    if errors:
        raise ValidationError(errors)
    return transition
