"""What is still owed, read from the ledger: per claim (insurance and patient A/R) and per
patient. The ledger is the one source of truth for balances; nothing stores a running
balance. A claim's balance is the sum of debits minus credits on the A/R accounts (1100
insurance, 1200 patient) of the journal lines that belong to that claim: a line tagged
with a claim line (REF*6R) belongs to that line's claim, an untagged line to its entry's
claim. The tag wins because one balanced entry may move a balance from one claim to
another (the next payer's claim, ``app.remittance.secondary``). The ledger stores that
owner on each line (``JournalLine.claim``, set by ``app.ledger`` when posting), so the
sums group by one column. A patient's balance is the same over entries linked to the
patient (every claim entry carries its patient too). Aggregated in SQL, one query per
call, so work lists and aging can ask for thousands of claims at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Q, Sum

from bhbilling.app import models as m
from bhbilling.domain import ledger as dl
from bhbilling.kernel.money import quantize_cents

__all__ = ["ClaimBalance", "claim_balances", "line_balances", "open_claim_balances",
           "patient_balances"]
ZERO = Decimal("0.00")
AR_ACCOUNTS = (dl.INSURANCE_AR, dl.PATIENT_AR)
MONEY = DecimalField(max_digits=14, decimal_places=2)


@dataclass(frozen=True, slots=True)
class ClaimBalance:
    insurance: Decimal = ZERO
    patient: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.insurance + self.patient


def line_balances(practice_id: int, claim_id: int, account: str) -> dict[str, Decimal]:
    """One claim's balance on ``account`` per claim line control number ('' = untagged)."""
    rows = (m.JournalLine.unscoped.filter(practice_id=practice_id, account__code=account)
            .filter(claim_id=claim_id)
            .values("claim_line__line_control_number")
            .annotate(d=Sum("debit"), c=Sum("credit")).order_by())
    return {row["claim_line__line_control_number"] or "":
            quantize_cents((row["d"] or ZERO) - (row["c"] or ZERO)) for row in rows}


def claim_balances(practice_id: int, claim_ids: Iterable[int] | None = None,
                   *, as_of=None) -> dict[int, ClaimBalance]:
    """Balances of the given claims (all claims of the practice when None); zero ones omitted.

    ``as_of`` (a date) counts only entries effective on or before it.
    """
    return open_claim_balances([practice_id], claim_ids, as_of=as_of)


def open_claim_balances(practice_ids: Iterable[int], claim_ids: Iterable[int] | None = None,
                        *, as_of=None) -> dict[int, ClaimBalance]:
    """``claim_balances`` over several practices at once (a billing company's A/R), in one
    grouped query: a row per claim with its insurance and patient sums."""
    q = Q(practice_id__in=list(practice_ids), account__code__in=AR_ACCOUNTS)
    if claim_ids is not None:
        ids = list(claim_ids)  # two indexed conditions rather than one on the expression
        q &= Q(claim_id__in=ids)
    if as_of is not None:
        q &= Q(entry__effective_date__lte=as_of)
    net = ExpressionWrapper(F("debit") - F("credit"), output_field=MONEY)
    rows = (m.JournalLine.unscoped.filter(q, claim_id__isnull=False).values("claim_id")
            .annotate(ins=Sum(net, filter=Q(account__code=dl.INSURANCE_AR)),
                      pat=Sum(net, filter=Q(account__code=dl.PATIENT_AR))).order_by())
    out = {}
    for row in rows:
        bal = ClaimBalance(quantize_cents(row["ins"] or ZERO), quantize_cents(row["pat"] or ZERO))
        if bal.insurance or bal.patient:
            out[row["claim_id"]] = bal
    return out


def patient_balances(practice_id: int, patient_ids: Iterable[int] | None = None,
                     *, as_of=None) -> dict[int, Decimal]:
    """Patient A/R (1200) per patient: what the patients themselves owe; zero ones omitted."""
    q = Q(practice_id=practice_id, account__code=dl.PATIENT_AR, entry__patient_id__isnull=False)
    if patient_ids is not None:
        q &= Q(entry__patient_id__in=list(patient_ids))
    if as_of is not None:
        q &= Q(entry__effective_date__lte=as_of)
    rows = (m.JournalLine.unscoped.filter(q).values("entry__patient_id")
            .annotate(d=Sum("debit"), c=Sum("credit")).order_by())
    out = {}
    for row in rows:
        amount = quantize_cents((row["d"] or ZERO) - (row["c"] or ZERO))
        if amount:
            out[row["entry__patient_id"]] = amount
    return out
