"""Payments, refunds and credits: limits, the card-number guard, and the entry each posts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.domain import ledger as dl
from bhbilling.domain.receivables.payments import (
    PaymentRefused,
    PaymentRequest,
    check_request,
    contains_card_number,
    entry_for,
    luhn_ok,
)

D = Decimal
ON = dt.date(2026, 6, 10)


def req(kind="payment", amount="25.00", method="check", reference="1042", note=""):
    return PaymentRequest(kind, amount, method, reference, ON, note)


@pytest.mark.parametrize("number", ["4111111111111111", "5555555555554444", "378282246310005",
                                    "6011111111111117", "4222222222222"])
def test_luhn_accepts_test_card_numbers(number):
    assert luhn_ok(number)


@pytest.mark.parametrize("text", ["4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111",
                                  "visa 4111111111111111 exp 12/29", "ref 378282246310005"])
def test_card_numbers_are_found_however_written(text):
    assert contains_card_number(text)


@pytest.mark.parametrize("text", ["4111111111111112",  # fails Luhn
                                  "411111111111",  # 12 digits: too short for a card
                                  "41111111111111111111",  # 20 digits: too long
                                  "1042", "ch_3PqXyZ1234", "visa ending 1111", ""])
def test_references_that_are_not_card_numbers_pass(text):
    assert not contains_card_number(text)


def test_a_card_number_in_the_reference_is_refused_with_a_clear_message():
    with pytest.raises(PaymentRefused, match="reference: looks like a full card number; store only"):
        check_request(req(method="card", reference="4111 1111 1111 1111"), balance=D("50"))
    with pytest.raises(PaymentRefused, match="note: looks like a full card number"):
        check_request(req(note="card 5555555555554444"), balance=D("50"))


def test_a_card_payment_needs_a_processor_reference_or_last_four():
    with pytest.raises(PaymentRefused, match="reference: a card payment needs"):
        check_request(req(method="card", reference=" "), balance=D("50"))
    assert check_request(req(method="card", reference="1111"), balance=D("50")).reference == "1111"


def test_amount_must_be_positive_whole_cents_and_method_known():
    with pytest.raises(PaymentRefused, match=r"amount: expected more than \$0.00, got \$0.00"):
        check_request(req(amount="0"), balance=D("10"))
    with pytest.raises(PaymentRefused, match="amount: expected dollars and cents"):
        check_request(req(amount="12.345"), balance=D("10"))
    with pytest.raises(PaymentRefused, match="amount: expected dollars and cents"):
        check_request(req(amount=12.5), balance=D("10"))  # floats never become money
    with pytest.raises(PaymentRefused, match="method: expected one of cash, check, card"):
        check_request(req(method="bitcoin"), balance=D("10"))


def test_a_payment_may_exceed_the_balance_and_leave_a_credit():
    assert check_request(req(amount="80.00"), balance=D("20.00")).amount == D("80.00")


def test_refund_is_limited_to_the_credit_balance():
    assert check_request(req("refund", "15.00"), balance=D("-15.00")).amount == D("15.00")
    with pytest.raises(PaymentRefused, match=r"at most the credit balance of \$15.00, got \$15.01"):
        check_request(req("refund", "15.01"), balance=D("-15.00"))
    with pytest.raises(PaymentRefused, match=r"at most the credit balance of \$0.00"):
        check_request(req("refund", "1.00"), balance=D("30.00"))


def test_credit_is_limited_to_what_is_owed_and_needs_no_method():
    checked = check_request(req("credit", "30.00", method=""), balance=D("30.00"))
    assert checked.method == ""
    with pytest.raises(PaymentRefused, match=r"at most the balance owed of \$30.00, got \$30.01"):
        check_request(req("credit", "30.01", method=""), balance=D("30.00"))


@pytest.mark.parametrize(("kind", "debit", "credit"), [
    ("payment", dl.CASH_CLEARING, dl.PATIENT_AR),
    ("refund", dl.PATIENT_AR, dl.CASH_CLEARING),
    ("credit", dl.OTHER_ADJUSTMENTS, dl.PATIENT_AR),
])
def test_each_kind_posts_one_balanced_entry_on_the_right_sides(kind, debit, credit):
    checked = check_request(req(kind, "20.00", method="cash" if kind != "credit" else ""),
                            balance=D("-20.00") if kind == "refund" else D("20.00"))
    entry = entry_for(checked, f"patient-{kind}:7", "P1-S2")
    assert entry.entry_key == f"patient-{kind}:7"
    assert entry.effective_date == ON
    assert [(p.account_code, p.debit, p.credit) for p in entry.postings] == [
        (debit, D("20.00"), D("0.00")), (credit, D("0.00"), D("20.00"))]
    assert "P1-S2" in entry.memo
