"""The state machine: which changes exist, who may make them, what each one needs."""

import pytest
from django.core.exceptions import ValidationError

from wijkkompas.accounts.permissions import Role
from wijkkompas.participation.workflow import (
    CLOSING, TRANSITIONS, ReasonCategory, Status, TransitionError, allowed_transitions, check_transition,
)

STAFF = {Role.RESIDENT, Role.PROFESSIONAL}


@pytest.mark.parametrize("key", sorted(TRANSITIONS))
def test_every_closing_transition_needs_a_public_explanation(key):
    if key[1] in CLOSING:
        assert TRANSITIONS[key].needs_explanation


def test_not_adopted_needs_a_reason_and_forwarding_an_organisation():
    assert all(t.needs_reason_category for (_f, to), t in TRANSITIONS.items() if to == Status.NOT_ADOPTED)
    assert all(t.needs_organisation for (_f, to), t in TRANSITIONS.items() if to == Status.FORWARDED)


def test_what_can_follow_received():
    assert allowed_transitions(Status.RECEIVED, STAFF) == [
        Status.IN_PROGRESS, Status.IN_AGENDA, Status.FORWARDED, Status.NOT_ADOPTED, Status.DONE,
    ]
    assert allowed_transitions(Status.RECEIVED, {Role.RESIDENT}) == []


def test_every_closed_contribution_can_be_reopened_by_its_author_only():
    for closed in CLOSING:
        assert allowed_transitions(closed, {Role.RESIDENT}) == [Status.REOPENED]
    assert allowed_transitions(Status.REOPENED, STAFF) == allowed_transitions(Status.RECEIVED, STAFF)


def test_a_representative_may_take_it_into_the_agenda_only():
    assert allowed_transitions(Status.IN_PROGRESS, {Role.REPRESENTATIVE}) == [Status.IN_AGENDA]


def test_a_transition_that_does_not_exist_or_is_not_for_these_roles_is_refused():
    with pytest.raises(TransitionError):
        check_transition(from_status=Status.DONE, to_status=Status.IN_PROGRESS, roles=STAFF, public_text="x")
    with pytest.raises(TransitionError):
        check_transition(from_status=Status.RECEIVED, to_status=Status.DONE, roles={Role.RESIDENT}, public_text="x")


def test_missing_explanation_reason_and_organisation_are_named_by_field():
    with pytest.raises(ValidationError) as refused:
        check_transition(from_status=Status.RECEIVED, to_status=Status.NOT_ADOPTED, roles=STAFF, public_text="  ")
    assert set(refused.value.message_dict) == {"public_text", "reason_category"}
    with pytest.raises(ValidationError) as refused:
        check_transition(from_status=Status.RECEIVED, to_status=Status.FORWARDED, roles=STAFF, public_text="Naar X")
    assert set(refused.value.message_dict) == {"organisation"}


def test_a_complete_transition_passes():
    transition = check_transition(from_status=Status.IN_PROGRESS, to_status=Status.NOT_ADOPTED, roles=STAFF,
                                  public_text="Geen budget dit jaar.", reason_category=ReasonCategory.NO_BUDGET)
    assert transition.needs_reason_category
