"""Domain ring: every AAA03 reject reason of 005010X279A1 has a plain next step."""

from __future__ import annotations

import pytest

from bhbilling.domain.eligibility.rejections import FOLLOW_UP_LABELS, REJECT_REASONS, explain_rejection

# AAA03 codes the guide allows, by loop (2000A/2100A, 2100B, 2100C, 2100D, 2110C/D).
GUIDE_CODES = {
    "source": ["04", "41", "42", "79", "80", "T4"],
    "receiver": ["15", "41", "43", "44", "45", "46", "47", "48", "50", "51", "79", "97", "T4"],
    "subscriber": ["15", "35", "42", "43", "45", "47", "48", "49", "51", "52", "56", "57", "58", "60",
                   "61", "62", "63", "71", "72", "73", "74", "75", "76", "78"],
    "dependent": ["15", "35", "42", "43", "45", "47", "48", "49", "51", "52", "56", "57", "58", "60",
                  "61", "62", "63", "64", "65", "66", "67", "68", "71", "77"],
    "benefit": ["15", "33", "52", "53", "54", "55", "56", "57", "60", "61", "62", "63", "69", "70", "98",
                "AA", "AE", "AF", "AG", "AO", "CI", "E8", "IA", "MA"],
}


@pytest.mark.parametrize("code", sorted({c for codes in GUIDE_CODES.values() for c in codes}))
def test_every_guide_code_has_a_reason_and_an_action(code):
    reason, action = REJECT_REASONS[code]
    assert reason and action and not action.startswith("the payer refused")


@pytest.mark.parametrize(("code", "action"), [
    ("72", "member id not found: check the card"),
    ("42", "the payer's system did not answer: try again later"),
    ("58", "birth date not accepted: check the patient's date of birth"),
    ("51", "provider not on file with the payer: complete enrollment or use the enrolled NPI"),
])
def test_plain_actions(code, action):
    assert explain_rejection("2100C", code).action == action


def test_follow_up_and_unknown_codes():
    got = explain_rejection("2100B", "50", "N", valid_request=False)
    assert (got.loop, got.code, got.follow_up_code, got.follow_up, got.valid_request) == (
        "2100B", "50", "N", "resubmission not allowed", False)
    unknown = explain_rejection("2110C", "ZZ", "Q")
    assert (unknown.reason, unknown.action, unknown.follow_up) == (
        "reject reason ZZ", "the payer refused the inquiry: call the payer", "")
    assert set(FOLLOW_UP_LABELS) == {"C", "N", "P", "R", "S", "W", "X", "Y"}
