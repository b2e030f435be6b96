"""CARC/RARC -> category, correctable/appealable, action: every code, each category by hand,
RARC and payer-kind overrides, group rules (reference §11)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bhbilling.domain.denials import Category, classify, may_bill_patient
from bhbilling.domain.denials.mapping import carc_rows, default_action
from bhbilling.reference._files import read_csv_rows
from bhbilling.reference.adjustments import CARC_FILE

# the shipped copy of /work/shared/reference/data/x12_carc_claim_adjustment_reason_codes.csv
ALL_CARCS = [row["code"] for row in read_csv_rows(CARC_FILE)]


def test_the_table_maps_exactly_the_x12_list():
    assert len(ALL_CARCS) == 405
    assert sorted(carc_rows()) == sorted(ALL_CARCS)


@pytest.mark.parametrize("code", ALL_CARCS)
def test_every_carc_classifies(code):
    advice = classify("CO", [code], [])
    row = carc_rows()[code]
    assert advice.category is row.category
    assert advice.primary_carc == code
    assert Decimal(0) <= advice.recovery_chance <= Decimal(1)
    assert advice.action.strip()
    assert advice.reason.startswith(f"CO-{code}: ")
    if not row.denial:  # payment adjustments and information are never worked for money
        assert advice.recovery_chance == 0 and not advice.correctable and not advice.appealable


@pytest.mark.parametrize("group, carcs, rarcs, category, correctable, appealable", [
    ("CO", ["27"], [], Category.ELIGIBILITY, True, True),
    ("CO", ["197"], [], Category.AUTHORIZATION, True, True),
    ("CO", ["4"], [], Category.CODING, True, False),
    ("CO", ["50"], [], Category.MEDICAL_NECESSITY, False, True),
    ("CO", ["29"], [], Category.TIMELY_FILING, False, True),
    ("OA", ["18"], [], Category.DUPLICATE, False, False),
    ("CO", ["22"], [], Category.COORDINATION_OF_BENEFITS, True, False),
    ("CO", ["97"], [], Category.BUNDLING, True, True),
    ("CO", ["185"], [], Category.CREDENTIALING, True, True),
    ("PR", ["2"], [], Category.PATIENT_RESPONSIBILITY, False, False),
    ("CO", ["96"], [], Category.NON_COVERED, False, True),
    ("CO", ["45"], [], Category.CONTRACTUAL, False, False),
    ("CO", ["A1"], [], Category.OTHER, False, True),
])
def test_each_category_by_hand(group, carcs, rarcs, category, correctable, appealable):
    advice = classify(group, carcs, rarcs)
    assert (advice.category, advice.correctable, advice.appealable) == (category, correctable, appealable)


def test_hand_checked_actions_and_chances():
    assert classify("CO", ["4"]).action.startswith("Fix the modifier")
    assert classify("CO", ["4"]).recovery_chance == Decimal("0.85")
    assert classify("OA", ["18"]).action.startswith("Do not resubmit")
    assert classify("CO", ["50"]).recovery_chance == Decimal("0.45")
    assert "never psychotherapy notes" in classify("CO", ["50"]).action


def test_co45_is_never_a_denial_even_first_in_the_list():
    advice = classify("CO", ["45", "197"], [])
    assert advice.primary_carc == "197" and advice.category is Category.AUTHORIZATION
    only = classify("CO", ["45"], [])
    assert not only.is_denial and only.category is Category.CONTRACTUAL


def test_rarc_overrides():
    n290 = classify("CO", ["16"], ["N290"])
    assert (n290.category, n290.correctable, n290.appealable) == (Category.CREDENTIALING, True, False)
    assert "rendering provider's NPI" in n290.action
    assert classify("CO", ["16"], ["M76"]).category is Category.CODING
    assert classify("CO", ["16"], []).category is Category.CODING
    n54 = classify("CO", ["16"], ["N54"])
    assert n54.category is Category.AUTHORIZATION
    ma130 = classify("CO", ["16"], ["N290", "MA130"])
    assert ma130.category is Category.CREDENTIALING  # N290 still names the cause
    assert (ma130.correctable, ma130.appealable) == (True, False)
    assert "no appeal rights" in ma130.action
    assert classify("CO", ["151"], ["N362"]).category is Category.MEDICAL_NECESSITY
    assert classify("CO", ["97"], ["M80"]).category is Category.BUNDLING


def test_medicare_timely_filing_is_not_appealable_but_commercial_is():
    medicare = classify("CO", ["29"], [], payer_kind="medicare")
    commercial = classify("CO", ["29"], [], payer_kind="commercial")
    assert medicare.appealable is False and commercial.appealable is True
    assert "42 CFR 424.44" in medicare.action
    assert medicare.category is commercial.category is Category.TIMELY_FILING


def test_pr_group_is_always_patient_responsibility():
    advice = classify("PR", ["96"], ["N425"])
    assert advice.category is Category.PATIENT_RESPONSIBILITY
    assert advice.action == default_action(Category.PATIENT_RESPONSIBILITY)


def test_unknown_carc_is_other_with_lookup_advice():
    advice = classify("CO", ["999"], ["ZZ99"])
    assert advice.category is Category.OTHER
    assert "not in our code list" in advice.action
    assert advice.reason == "CO-999: code not in the X12 list we hold; ZZ99: remark code not in our list"


def test_reason_text_quotes_x12_wording():
    assert classify("CO", ["197"], ["N54"]).reason == (
        "CO-197: Precertification/authorization/notification/pre-treatment absent; "
        "N54: Claim information is inconsistent with pre-certified/authorized services")


@pytest.mark.parametrize("group, carcs, waiver, allowed", [
    ("PR", ["1"], False, True),
    ("CO", ["96"], True, True),
    ("CO", ["96"], False, False),
    ("CO", ["197"], True, False),
    ("OA", ["100"], False, True),
])
def test_who_may_be_billed(group, carcs, waiver, allowed):
    ok, why = may_bill_patient(group, classify(group, carcs), waiver_on_file=waiver)
    assert ok is allowed
    assert (why == "") is allowed


def test_co_refusal_message_is_clear():
    _, why = may_bill_patient("CO", classify("CO", ["197"]))
    assert why.startswith("group CO authorization denials are the provider's liability")
