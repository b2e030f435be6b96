"""The claim state machine: every allowed move, and the guards on the rest."""

from __future__ import annotations

import itertools

import pytest

from bhbilling.domain.claims import TRANSITIONS, ClaimStatus, IllegalTransition, check_transition

S = ClaimStatus
ALLOWED = sorted(((a, b) for a, targets in TRANSITIONS.items() for b in targets),
                 key=lambda p: (p[0].value, p[1].value))  # stable ids across xdist workers
FORBIDDEN = [(a, b) for a, b in itertools.product(S, S) if b not in TRANSITIONS[a]]


@pytest.mark.parametrize(("src", "dst"), ALLOWED, ids=lambda s: s.value)
def test_every_allowed_move(src, dst):
    assert check_transition(src.value, dst.value) is dst


@pytest.mark.parametrize(("src", "dst"), FORBIDDEN, ids=lambda s: s.value)
def test_every_other_move_is_refused_naming_both_states(src, dst):
    with pytest.raises(IllegalTransition, match=f"'{src.value}' cannot move to '{dst.value}'"):
        check_transition(src.value, dst.value)


def test_the_life_of_claims():
    paths = [
        ["draft", "scrubbed", "ready", "submitted", "acknowledged", "accepted", "paid", "closed"],
        ["draft", "ready", "submitted", "acknowledged", "rejected", "draft", "ready", "submitted"],
        ["draft", "ready", "submitted", "accepted", "denied", "appealed", "paid"],
        ["draft", "ready", "submitted", "accepted", "paid", "accepted", "paid"],  # reversal
    ]
    for path in paths:
        for a, b in itertools.pairwise(path):
            check_transition(a, b)


def test_final_states_and_unknown_states():
    assert TRANSITIONS[S.CLOSED] == TRANSITIONS[S.VOIDED] == frozenset()
    with pytest.raises(IllegalTransition, match="none"):
        check_transition("closed", "paid")
    with pytest.raises(IllegalTransition, match="unknown claim state"):
        check_transition("lost", "paid")
