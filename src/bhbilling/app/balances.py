"""What is still owed, read from the ledger: per claim (insurance and patient A/R) and per patient.

The ledger is the one source of truth for balances; nothing stores a running balance. A
claim's balance is the sum of debits minus credits on the A/R accounts (1100 insurance,
1200 patient) of the journal entries linked to that claim; a patient's is the same over
entries linked to the patient (every claim entry carries its patient too). Aggregated in
SQL, one query per call, so work lists and aging can ask for thousands of claims at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum

from bhbilling.app import models as m
from bhbilling.domain import ledger as dl

__all__ = ["ClaimBalance", "claim_balances", "patient_balances"]
ZERO = Decimal("0.00")
AR_ACCOUNTS = (dl.INSURANCE_AR, dl.PATIENT_AR)


@dataclass(frozen=True, slots=True)
class ClaimBalance:
    insurance: Decimal = ZERO
    patient: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.insurance + self.patient


def claim_balances(practice_id: int, claim_ids: Iterable[int] | None = None,
                   *, as_of=None) -> dict[int, ClaimBalance]:
    """Balances of the given claims (all claims of the practice when None); zero ones omitted.

    ``as_of`` (a date) counts only entries effective on or before it.
    """
    q = Q(practice_id=practice_id, account__code__in=AR_ACCOUNTS, entry__claim_id__isnull=False)
    if claim_ids is not None:
        q &= Q(entry__claim_id__in=list(claim_ids))
    if as_of is not None:
        q &= Q(entry__effective_date__lte=as_of)
    rows = (m.JournalLine.unscoped.filter(q).values("entry__claim_id", "account__code")
            .annotate(d=Sum("debit"), c=Sum("credit")).order_by())
    found: dict[int, dict[str, Decimal]] = {}
    for row in rows:
        amount = (row["d"] or ZERO) - (row["c"] or ZERO)
        found.setdefault(row["entry__claim_id"], {})[row["account__code"]] = amount
    out = {}
    for claim_id, by_account in found.items():
        bal = ClaimBalance(by_account.get(dl.INSURANCE_AR, ZERO), by_account.get(dl.PATIENT_AR, ZERO))
        if bal.insurance or bal.patient:
            out[claim_id] = bal
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
        amount = (row["d"] or ZERO) - (row["c"] or ZERO)
        if amount:
            out[row["entry__patient_id"]] = amount
    return out
