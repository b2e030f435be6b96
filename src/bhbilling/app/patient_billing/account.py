"""The patient ledger: every journal entry that moved the patient's A/R (1200), explained.

The ledger is the only source of the balance (``app.balances.patient_balances`` sums the
same lines), so the page total, the statement total and the balance shown everywhere else
agree by construction. Each row says what happened in words a patient understands:
insurance paid and moved an amount to them, a balance went on to the next payer, a
payment, refund, credit or write-off. Claims are grouped into services: a claim and the
claims that continue it (a replacement, frequency 7, or the next payer's claim) are one
service on a statement.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from bhbilling.app import models as m
from bhbilling.app.balances import claim_balances
from bhbilling.domain import ledger as dl
from bhbilling.domain.coding.labels import label
from bhbilling.domain.receivables.patient_account import Movement, ServiceFacts
from bhbilling.kernel.errors import TenantScopeError
from bhbilling.kernel.money import ZERO, format_usd

__all__ = ["LedgerRow", "PatientLedger", "patient_ledger"]

_METHOD = dict(m.PaymentMethod.choices)


@dataclass(frozen=True, slots=True)
class LedgerRow:
    on: dt.date
    entry_id: int
    claim_number: str
    date_of_service: dt.date | None
    codes: str
    description: str
    amount: Decimal  # signed: positive = the patient owes more
    balance: Decimal  # running balance after this row
    insurance_paid: Decimal | None  # what the payer paid in this entry (835), if any


@dataclass(frozen=True, slots=True)
class PatientLedger:
    rows: tuple[LedgerRow, ...]
    balance: Decimal
    services: tuple[ServiceFacts, ...]
    movements: tuple[Movement, ...]
    claim_payments: tuple[m.ClaimPayment, ...]


def _root(claim: m.Claim, by_id: dict[int, m.Claim]) -> m.Claim:
    seen = set()
    while claim.pk not in seen:
        seen.add(claim.pk)
        parent_id = claim.original_claim_id or claim.prior_payer_claim_id
        if parent_id is None or parent_id not in by_id:
            return claim
        claim = by_id[parent_id]
    return claim


def _services(practice_id: int, claims: list[m.Claim], roots: dict[int, m.Claim]) -> list[ServiceFacts]:
    ids = [c.pk for c in claims]
    charges: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in (m.JournalLine.unscoped.filter(practice_id=practice_id, claim_id__in=ids,
                                              account__code=dl.GROSS_CHARGES)
                .values("claim_id").annotate(d=Sum("debit"), c=Sum("credit")).order_by()):
        charges[row["claim_id"]] = (row["c"] or ZERO) - (row["d"] or ZERO)
    paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in (m.ClaimPayment.unscoped.filter(practice_id=practice_id, claim_id__in=ids)
                .values("claim_id").annotate(p=Sum("paid")).order_by()):
        paid[row["claim_id"]] = row["p"] or ZERO
    pending = claim_balances(practice_id, ids)
    chains: dict[int, list[m.Claim]] = defaultdict(list)
    for c in claims:
        chains[roots[c.pk].pk].append(c)
    out = []
    for root_id, members in chains.items():
        root = roots[root_id]
        members.sort(key=lambda c: c.pk)
        billed = [c for c in members if c.frequency_code != m.FrequencyCode.VOID and c.lines.all()]
        latest = next((c for c in reversed(billed) if c.frequency_code == m.FrequencyCode.REPLACEMENT),
                      root)
        lines = list(latest.lines.all()) or list(root.lines.all())
        dos = min((ln.date_of_service for ln in lines), default=None) or root.created_at.date()
        out.append(ServiceFacts(
            key=root.patient_control_number, date_of_service=dos,
            provider=root.rendering_provider.display_name,
            codes=tuple(dict.fromkeys(label(ln.code) for ln in lines)),
            claim_numbers=tuple(c.patient_control_number for c in members),
            charge=sum((charges[c.pk] for c in members), ZERO),
            insurance_paid=sum((paid[c.pk] for c in members), ZERO),
            insurance_pending=sum((pending[c.pk].insurance for c in members if c.pk in pending),
                                  ZERO)))
    return out


def _describe(entry: m.JournalEntry, amount: Decimal, accounts: set[str],
              cp: m.ClaimPayment | None, pp: m.PatientPayment | None, claim: m.Claim | None) -> str:
    on_claim = f" (claim {claim.patient_control_number})" if claim else ""
    if pp is not None:
        how = _METHOD.get(pp.method, "")
        ref = f" {pp.reference}" if pp.reference and pp.method in ("check", "card", "eft") else ""
        what = {"payment": f"Payment received{', ' + how.lower() if how else ''}{ref}",
                "refund": f"Refund paid to you{', ' + how.lower() if how else ''}{ref}",
                "credit": "Courtesy credit"}[pp.kind]
        return what + on_claim
    if cp is not None:
        payer = cp.remittance.payer_name
        if cp.is_reversal:
            return f"{payer} took back its payment{on_claim}; {format_usd(abs(amount))} adjusted"
        moved = (f"; {format_usd(amount)} is your share (deductible, coinsurance or copay)"
                 if amount > 0 else f"; {format_usd(-amount)} taken off your share")
        return f"{payer} paid {format_usd(cp.paid)}{on_claim}{moved}"
    if dl.INSURANCE_AR in accounts:
        if amount < 0:
            return f"Balance billed to your next insurance{on_claim}"
        return f"Balance moved to you by the billing office{on_claim}"
    if accounts & {dl.OTHER_ADJUSTMENTS, dl.BAD_DEBT}:
        return f"Balance written off{on_claim}: {entry.memo}"[:200]
    return (entry.memo or "Adjustment") + ("" if claim is None or claim.patient_control_number
                                            in entry.memo else on_claim)


def patient_ledger(practice_id: int, patient: m.Patient, *,
                   as_of: dt.date | None = None) -> PatientLedger:
    """Every patient A/R movement of ``patient`` in date order, with a running balance;
    ``as_of`` leaves out entries effective after that day (a statement's date)."""
    if patient.practice_id != practice_id:
        raise TenantScopeError("the patient belongs to another practice")
    ar_lines = m.JournalLine.unscoped.filter(
        practice_id=practice_id, account__code=dl.PATIENT_AR, entry__patient_id=patient.pk)
    if as_of is not None:
        ar_lines = ar_lines.filter(entry__effective_date__lte=as_of)
    ar_lines = list(ar_lines.select_related("entry"))
    entry_ids = sorted({ln.entry_id for ln in ar_lines})
    net: dict[int, Decimal] = defaultdict(lambda: ZERO)
    entries: dict[int, m.JournalEntry] = {}
    for ln in ar_lines:
        net[ln.entry_id] += ln.debit - ln.credit
        entries[ln.entry_id] = ln.entry
    accounts: dict[int, set[str]] = defaultdict(set)
    for row in (m.JournalLine.unscoped.filter(practice_id=practice_id, entry_id__in=entry_ids)
                .values_list("entry_id", "account__code")):
        accounts[row[0]].add(row[1])
    cps = {cp.entry_id: cp for cp in m.ClaimPayment.unscoped.filter(
        practice_id=practice_id, entry_id__in=entry_ids).select_related("remittance")}
    pps = {pp.entry_id: pp for pp in m.PatientPayment.unscoped.filter(
        practice_id=practice_id, entry_id__in=entry_ids)}
    claims = list(m.Claim.unscoped.filter(practice_id=practice_id, patient_id=patient.pk)
                  .select_related("rendering_provider").prefetch_related("lines"))
    by_id = {c.pk: c for c in claims}
    roots = {c.pk: _root(c, by_id) for c in claims}
    services = _services(practice_id, claims, roots)
    facts = {s.key: s for s in services}
    rows, movements, running = [], [], ZERO
    for entry_id in sorted(entries, key=lambda i: (entries[i].effective_date,
                                                   entries[i].posted_at, i)):
        entry, amount = entries[entry_id], net[entry_id]
        if amount == ZERO:
            continue
        claim = by_id.get(entry.claim_id) if entry.claim_id else None
        service = roots[claim.pk].patient_control_number if claim else None
        running += amount
        f = facts.get(service) if service else None
        cp = cps.get(entry_id)
        rows.append(LedgerRow(entry.effective_date, entry_id,
                              claim.patient_control_number if claim else "",
                              f.date_of_service if f else None, "; ".join(f.codes) if f else "",
                              _describe(entry, amount, accounts[entry_id], cp,
                                        pps.get(entry_id), claim),
                              amount, running, cp.paid if cp else None))
        movements.append(Movement(entry.effective_date, amount, service,
                                  dl.INSURANCE_AR in accounts[entry_id]))
    claim_payments = tuple(m.ClaimPayment.unscoped.filter(
        practice_id=practice_id, claim_id__in=list(by_id)).select_related("remittance", "claim")
        .order_by("remittance__payment_date", "id"))
    return PatientLedger(tuple(rows), running, tuple(services), tuple(movements), claim_payments)
