"""Patient payments, refunds and credits, pure: what may be recorded and what it posts.

Model:
- Three kinds move patient A/R (account 1200). A payment is money in: Dr cash clearing,
  Cr patient A/R. A refund is money back out of a credit balance: Dr patient A/R, Cr cash
  clearing. A credit is a courtesy adjustment the practice grants: Dr other adjustments
  (4200), Cr patient A/R. Amounts are positive; the kind says which way they move.
- A refund may return at most the patient's credit balance (what they paid beyond what
  they owe); a credit may reduce at most what they owe. Anything larger would create money
  out of nothing on one side of the books, so it is refused with the limit named.
- Card payments keep only the processor's reference or the last four digits. A full card
  number (PAN) must never be stored (PCI DSS v4.0 requirement 3.3/3.4: cardholder data is
  not kept unless needed, and never in clear text), so any reference or note holding 13 to
  19 digits that pass the Luhn check (ISO/IEC 7812-1) is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.domain import ledger as dl
from bhbilling.kernel.errors import BhBillingError
from bhbilling.kernel.money import ZERO, format_usd, to_money

__all__ = ["KINDS", "METHODS", "PaymentRefused", "PaymentRequest", "check_request",
           "contains_card_number", "entry_for", "luhn_ok"]

KINDS = ("payment", "refund", "credit")
METHODS = ("cash", "check", "card", "eft", "other")
_DIGIT_RUN = re.compile(r"\d[\d \-]{11,}\d")


class PaymentRefused(BhBillingError, ValueError):
    """The payment, refund or credit cannot be recorded; the message names field and limit."""


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check of ISO/IEC 7812-1 over a string of digits."""
    if not digits.isascii() or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def contains_card_number(text: str) -> bool:
    """True when ``text`` holds 13-19 digits that pass Luhn, written together or grouped
    with spaces or dashes (``4111 1111 1111 1111``)."""
    candidates = [re.sub(r"\D", "", run) for run in _DIGIT_RUN.findall(text or "")]
    candidates += re.findall(r"\d+", text or "")
    return any(13 <= len(digits) <= 19 and luhn_ok(digits) for digits in candidates)


@dataclass(frozen=True, slots=True)
class PaymentRequest:
    """What a person asked to record, before it is stored."""

    kind: str
    amount: Decimal
    method: str
    reference: str
    received_on: dt.date
    note: str = ""


def check_request(req: PaymentRequest, *, balance: Decimal) -> PaymentRequest:
    """The request with its amount as money, or PaymentRefused naming the problem.

    ``balance`` is the patient A/R balance from the ledger (negative = credit balance).
    """
    if req.kind not in KINDS:
        raise PaymentRefused(f"kind: expected one of {', '.join(KINDS)}, got {req.kind!r}")
    try:
        amount = to_money(req.amount)
    except (TypeError, ValueError):
        raise PaymentRefused(f"amount: expected dollars and cents such as 25.00, got "
                             f"{req.amount!r}") from None
    if amount <= ZERO:
        raise PaymentRefused(f"amount: expected more than $0.00, got {format_usd(amount)}")
    if req.kind != "credit" and req.method not in METHODS:
        raise PaymentRefused(f"method: expected one of {', '.join(METHODS)}, got {req.method!r}")
    for name, text in (("reference", req.reference), ("note", req.note)):
        if contains_card_number(text):
            raise PaymentRefused(
                f"{name}: looks like a full card number; store only the processor's reference "
                "or the last 4 digits (card numbers are never kept)")
    if req.method == "card" and req.kind == "payment" and not req.reference.strip():
        raise PaymentRefused("reference: a card payment needs the processor's reference or "
                             "the card's last 4 digits")
    if req.kind == "refund":
        credit = -balance if balance < ZERO else ZERO
        if amount > credit:
            raise PaymentRefused(
                f"amount: a refund can return at most the credit balance of "
                f"{format_usd(credit)}, got {format_usd(amount)}")
    if req.kind == "credit" and amount > max(balance, ZERO):
        raise PaymentRefused(
            f"amount: a credit can reduce at most the balance owed of "
            f"{format_usd(max(balance, ZERO))}, got {format_usd(amount)}")
    return PaymentRequest(req.kind, amount, req.method if req.kind != "credit" else "",
                          req.reference.strip(), req.received_on, req.note.strip())


_MEMO = {"payment": "Patient payment", "refund": "Refund to patient",
         "credit": "Courtesy credit"}


def entry_for(req: PaymentRequest, key: str, claim_number: str = "") -> dl.JournalEntry:
    """The balanced entry for a checked request (see the module docstring for the sides)."""
    if req.kind == "payment":
        postings = [dl.debit(dl.CASH_CLEARING, req.amount), dl.credit(dl.PATIENT_AR, req.amount)]
    elif req.kind == "refund":
        postings = [dl.debit(dl.PATIENT_AR, req.amount), dl.credit(dl.CASH_CLEARING, req.amount)]
    else:
        postings = [dl.debit(dl.OTHER_ADJUSTMENTS, req.amount),
                    dl.credit(dl.PATIENT_AR, req.amount)]
    how = f" by {req.method}" if req.method else ""
    on_claim = f" on claim {claim_number}" if claim_number else ""
    return dl.make_entry(key, req.received_on, f"{_MEMO[req.kind]}{how}{on_claim}"[:200], postings)
