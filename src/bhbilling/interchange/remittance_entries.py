"""835 claim payments -> balanced journal entries, denial facts and the claim's outcome.

Pure (x12 + domain), so the posting rules are tested without a database and property
tests can compare ledger totals with remittance totals. The rules (005010X221A1 section
1.10.2 on balancing; CAS group codes from the X12 external code list 1033):

- SVC03/CLP04 paid: Dr cash clearing, Cr insurance A/R.
- CAS group CO contractual (e.g. CARC 45): Dr contractual adjustments, Cr insurance A/R.
- CAS group PR (1 deductible, 2 coinsurance, 3 copay...): Dr patient A/R, Cr insurance A/R:
  the balance moves to the patient.
- CAS groups OA, PI, CR: Dr other adjustments, Cr insurance A/R.
- A denial (a line, or a line-less claim, paid nothing for a reason other than patient
  responsibility or a pure contractual reduction) is NOT written off: its A/R stays open
  and a denial record carries the CARC/RARC codes to the workbench, where a person decides
  (appeal, correct, write off). Its non-PR adjustments are therefore left out of the entry.
- Claim-level CAS on a claim that has lines reduces the line payments (CLP04 = the sum
  of SVC03 less claim CAS): Dr its account, Cr cash.
- CARC 23 (impact of prior payer adjudication) on a secondary payer's 835 is not posted:
  the earlier payer's 835 already posted that part; the secondary claim's A/R is only the
  balance moved to it.
- For the same reason a secondary claim's line takes credits only up to its open insurance
  balance (``open_balances``): paid first, then the patient's share (PR), then the other
  adjustments. A secondary payer that adjudicates the whole charge again with its own CO-45
  (no CARC 23, e.g. when the primary paid nothing) would otherwise take the primary's
  contractual twice and leave an insurance credit balance.
- Negative amounts (reversals, CLP02 22) swap the sides, so every posting is positive.
- PLB: a positive amount was taken back from the provider (Dr provider-level account, Cr
  cash), a negative one was added (Dr cash, Cr account). L6 interest goes to interest
  income; every other reason (WO, FB, 72, J1, CS...) to payer recoupments payable, linked
  to the claim the PLB reference names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.domain import ledger as dl
from bhbilling.x12.remit835 import Adjustment, ClaimPayment, ProviderAdjustment, ServicePayment

__all__ = ["CONTRACTUAL_REASONS", "DenialFact", "claim_entry", "claim_outcome", "denials",
           "group_account", "provider_adjustment_entry"]

ZERO = Decimal(0)
#: CARCs that reduce a payment by contract rather than deny it
CONTRACTUAL_REASONS = frozenset({"45", "253", "237", "104", "131", "144", "59", "94", "23"})
#: CARC 23, "the impact of prior payer(s) adjudication", on a secondary payer's 835 restates
#: what the earlier payer paid and adjusted; that was posted from the earlier 835
PRIOR_PAYER_REASON = "23"
DENIED_STATUS = "4"


def group_account(group: str) -> str:
    return {"CO": dl.CONTRACTUAL_ADJUSTMENTS, "PR": dl.PATIENT_AR}.get(group, dl.OTHER_ADJUSTMENTS)


def _pair(debit_account: str, credit_account: str, amount: Decimal, ref: str | None) -> list[dl.Posting]:
    """Dr/Cr for a signed amount: a negative amount swaps the sides."""
    if amount == ZERO:
        return []
    if amount < ZERO:
        debit_account, credit_account, amount = credit_account, debit_account, -amount
    return [dl.debit(debit_account, amount, ref), dl.credit(credit_account, amount, ref)]


def _is_denied(paid: Decimal, adjustments: Sequence[Adjustment]) -> bool:
    """Zero pay with a reason that is neither the patient's share nor a contract reduction."""
    return paid == ZERO and any(a.group != "PR" and a.reason not in CONTRACTUAL_REASONS
                                and a.amount > ZERO for a in adjustments)


def _postings(paid: Decimal, adjustments: Sequence[Adjustment], ref: str | None,
              cap: Decimal | None = None) -> list[dl.Posting]:
    """Postings of one line (or line-less claim); ``cap`` = its open insurance balance on a
    secondary claim: adjustments beyond what is left after payment are not posted."""
    out = _pair(dl.CASH_CLEARING, dl.INSURANCE_AR, paid, ref)
    denied = _is_denied(paid, adjustments)
    left = None if cap is None else cap - paid
    ordered = adjustments if cap is None else sorted(adjustments, key=lambda a: a.group != "PR")
    for adj in ordered:
        if (denied and adj.group != "PR") or adj.reason == PRIOR_PAYER_REASON:
            continue
        amount = adj.amount
        if left is not None and amount > ZERO:
            amount = min(amount, max(left, ZERO))
            left -= amount
        out += _pair(group_account(adj.group), dl.INSURANCE_AR, amount, ref)
    return out


def claim_entry(cp: ClaimPayment, line_refs: Sequence[str | None], *, key: str, on: dt.date,
                memo: str, open_balances: Mapping[str, Decimal] | None = None) -> dl.JournalEntry | None:
    """The entry for one CLP; ``line_refs[i]`` is our REF*6R for ``cp.lines[i]`` (or None).

    ``open_balances`` (a secondary claim's open insurance balance per REF*6R, '' for
    untagged) caps what each line takes (module note). None when nothing moves (e.g. a
    zero-pay denial with no patient share).
    """
    if len(line_refs) != len(cp.lines):
        raise ValueError("one line reference (or None) per SVC line")
    caps = None if open_balances is None or cp.is_reversal else open_balances
    postings: list[dl.Posting] = []
    if cp.lines:
        for line, ref in zip(cp.lines, line_refs, strict=True):
            cap = None if caps is None or ref is None else caps.get(ref, ZERO)
            postings += _postings(line.paid, line.adjustments, ref, cap)
        # Claim-level CAS beside lines: CLP04 = sum(SVC03) - claim CAS, so the adjustment is
        # taken out of the line payments (Dr its account, Cr cash), untagged.
        for adj in cp.adjustments:
            if adj.reason == PRIOR_PAYER_REASON:
                continue
            postings += _pair(group_account(adj.group), dl.CASH_CLEARING, adj.amount, None)
    else:
        cap = None if caps is None else sum(caps.values(), ZERO)
        postings = _postings(cp.paid, cp.adjustments, None, cap)
    if len(postings) < 2:
        return None
    return dl.make_entry(key, on, memo[:200], postings)


@dataclass(frozen=True, slots=True)
class DenialFact:
    """A denied line (or line-less claim): what was denied, why, and the line it was."""

    line_index: int | None
    procedure_code: str
    amount: Decimal
    group: str
    reasons: tuple[str, ...]
    remarks: tuple[str, ...]


def _remarks(cp: ClaimPayment, line: ServicePayment | None) -> tuple[str, ...]:
    codes: list[str] = []
    for remarks in (cp.outpatient, cp.inpatient):
        if remarks is not None:
            codes += list(remarks.remark_codes)
    if line is not None:
        codes += [r.code for r in line.remarks]
    return tuple(dict.fromkeys(codes))


def _fact(index: int | None, code: str, adjustments: Sequence[Adjustment],
          remarks: tuple[str, ...]) -> DenialFact:
    denying = [a for a in adjustments if a.group != "PR" and a.reason not in CONTRACTUAL_REASONS
               and a.amount > ZERO]
    return DenialFact(index, code, sum((a.amount for a in denying), ZERO), denying[0].group,
                      tuple(dict.fromkeys(a.reason for a in denying)), remarks)


def denials(cp: ClaimPayment) -> list[DenialFact]:
    """Denied lines of a claim payment; a reversal never creates denials."""
    if cp.is_reversal:
        return []
    if not cp.lines:
        if _is_denied(cp.paid, cp.adjustments):
            return [_fact(None, "", cp.adjustments, _remarks(cp, None))]
        return []
    return [_fact(i, ln.code, ln.adjustments + (cp.adjustments if len(cp.lines) == 1 else ()),
                  _remarks(cp, ln))
            for i, ln in enumerate(cp.lines) if _is_denied(ln.paid, ln.adjustments)]


def claim_outcome(cp: ClaimPayment) -> str:
    """The claim state an 835 claim payment leads to (domain.claims ClaimStatus values)."""
    if cp.is_reversal:
        return "accepted"  # payment taken back: the claim waits for its correction
    denied = denials(cp)
    if cp.status == DENIED_STATUS or (denied and cp.paid == ZERO and (
            not cp.lines or len(denied) == len(cp.lines))):
        return "denied"
    if denied:
        return "partially_paid"
    return "paid"


def provider_adjustment_entry(item: ProviderAdjustment, *, key: str, on: dt.date,
                              memo: str) -> dl.JournalEntry | None:
    """PLB item: positive = taken back (Dr account, Cr cash); negative = added (Dr cash)."""
    account = dl.INTEREST_INCOME if item.reason == "L6" else dl.RECOUPMENTS_PAYABLE
    postings = _pair(account, dl.CASH_CLEARING, item.amount, None)
    if not postings:
        return None
    return dl.make_entry(key, on, memo[:200], postings)
