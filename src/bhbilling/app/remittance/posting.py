"""Post one balanced 835 transaction: payment, claim payments, denials, PLB items.

Called inside the file's database transaction by ``importer.import_remittance_file``;
nothing here commits. Entry keys derive from the payment trace (TRN03 payer id + TRN02
trace) and the CLP/PLB position, so a repeat can never post twice even by another route.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app import models as m
from bhbilling.app.balances import line_balances
from bhbilling.app.claims.states import move, move_many
from bhbilling.app.denials.classification import DenialClassifier
from bhbilling.app.ledger import EntryToPost, as_domain, post_entries, post_entry
from bhbilling.app.remittance.matching import match_claim, match_lines, service_date, suggestions
from bhbilling.app.remittance.secondary import queue_secondary
from bhbilling.domain import ledger as dl
from bhbilling.domain.claims import IllegalTransition, check_transition
from bhbilling.interchange.remittance_entries import (
    claim_entry,
    claim_outcome,
    denials,
    provider_adjustment_entry,
)
from bhbilling.x12.remit835 import ClaimPayment, Remittance

__all__ = ["PostingTotals", "finish_claim_payment", "post_remittance"]
ZERO = Decimal(0)
CHUNK = 500  # claims loaded, posted and moved together


@dataclass(slots=True)
class PostingTotals:
    claims_matched: int = 0
    claims_unmatched: int = 0
    paid: Decimal = ZERO
    adjusted: Decimal = ZERO  # CO, OA, PI, CR actually posted
    to_patient: Decimal = ZERO  # PR
    denials: int = 0
    provider_adjustments: Decimal = ZERO
    secondary_claims: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: PostingTotals) -> None:
        for name in ("claims_matched", "claims_unmatched", "paid", "adjusted", "to_patient",
                     "denials", "provider_adjustments", "secondary_claims"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.notes += other.notes


def _payer(company_id: int, rem: Remittance) -> m.Payer | None:
    ident = rem.payer.identifier
    if not ident:
        return None
    return m.Payer.unscoped.filter(company_id=company_id, payer_id=ident).first()


def _line_json(cp: ClaimPayment, refs: list[str | None]) -> list[dict[str, Any]]:
    return [{"ref": ref, "control_number": ln.control_number, "code": ln.procedure.code,
             "modifiers": list(ln.modifiers), "date": ln.date.isoformat() if ln.date else None,
             "charge": str(ln.charge), "paid": str(ln.paid), "units": str(ln.units),
             "allowed": str(ln.allowed) if ln.allowed is not None else None,
             "adjustments": [{"group": a.group, "reason": a.reason, "amount": str(a.amount)}
                             for a in ln.adjustments],
             "remarks": [r.code for r in ln.remarks]}
            for ln, ref in zip(cp.lines, refs, strict=True)]


def _original_payment(claim: m.Claim) -> m.ClaimPayment | None:
    """The latest payment on the claim not yet reversed (what a CLP02 22 takes back)."""
    for payment in m.ClaimPayment.unscoped.filter(claim=claim, entry__isnull=False).exclude(
            status_code="22").order_by("-id"):
        if not m.JournalEntry.unscoped.filter(reverses_id=payment.entry_id).exists():
            return payment
    return None


def _reversal_entry(claim: m.Claim, cp: ClaimPayment, key: str, on: dt.date):
    original = _original_payment(claim)
    if original is None or original.paid != -cp.paid:
        return None
    return dl.reverse(as_domain(original.entry), key, on,
                      memo=f"835 reversal of claim {claim.patient_control_number}")


def _totals_from(entry: dl.JournalEntry | None, totals: PostingTotals) -> None:
    if entry is None:
        return
    for p in entry.postings:
        if p.account_code == dl.CASH_CLEARING:
            continue
        if p.account_code == dl.PATIENT_AR:
            totals.to_patient += p.debit - p.credit
        elif p.account_code in (dl.CONTRACTUAL_ADJUSTMENTS, dl.OTHER_ADJUSTMENTS):
            totals.adjusted += p.debit - p.credit


def _post_claim(practice: m.Practice, rem: m.Remittance, cp: ClaimPayment, key_base: str,
                on: dt.date, actor: Any, totals: PostingTotals) -> None:
    claim, method = match_claim(practice.pk, cp)
    row = m.ClaimPayment(
        practice=practice, remittance=rem, claim=claim, position=cp.index,
        patient_control_number=cp.patient_control_number[:38],
        payer_claim_number=cp.payer_claim_number[:50], status_code=cp.status, charge=cp.charge,
        paid=cp.paid, patient_responsibility=cp.patient_responsibility or ZERO,
        adjustments=[{"group": a.group, "reason": a.reason, "amount": str(a.amount)}
                     for a in cp.adjustments],
        patient_name=(cp.patient.display if cp.patient else "")[:120],
        service_date=service_date(cp), match_method=method,
        crossover_to=(cp.crossover_carrier.display if cp.crossover_carrier else "")[:60])
    key = f"{key_base}:clp{cp.index}"
    totals.paid += cp.paid
    if claim is None:
        row.lines = _line_json(cp, [None] * len(cp.lines))
        row.suggestions = suggestions(practice.pk, cp)
        entry = None
        if cp.paid != ZERO:  # the money arrived: hold it as unapplied until matched
            entry = post_entry(practice.pk, dl.make_entry(
                key, on, "835 payment not matched to a claim",
                [dl.debit(dl.CASH_CLEARING, abs(cp.paid)) if cp.paid > 0 else
                 dl.credit(dl.CASH_CLEARING, abs(cp.paid)),
                 dl.credit(dl.UNAPPLIED_PAYMENTS, abs(cp.paid)) if cp.paid > 0 else
                 dl.debit(dl.UNAPPLIED_PAYMENTS, abs(cp.paid))]))
        row.entry = entry
        row.save()
        totals.claims_unmatched += 1
        return
    finish_claim_payment(row, cp, claim, key, on, actor, totals)


def finish_claim_payment(row: m.ClaimPayment, cp: ClaimPayment, claim: m.Claim, key: str,
                         on: dt.date, actor: Any, totals: PostingTotals) -> None:
    """Post a matched claim payment: entry (or reversal), denials, state, next payer."""
    rem = row.remittance
    practice = claim.practice
    refs = match_lines(claim, cp)
    row.lines = _line_json(cp, refs)
    memo = f"835 {rem.trace_number}: claim {claim.patient_control_number}"
    entry = _reversal_entry(claim, cp, key, on) if cp.is_reversal else None
    if entry is None:
        # a secondary claim's lines hold only the balance moved to them (module note)
        open_balances = (line_balances(claim.practice_id, claim.pk, dl.INSURANCE_AR)
                         if claim.prior_payer_claim_id else None)
        entry = claim_entry(cp, refs, key=key, on=on, memo=memo, open_balances=open_balances)
    _totals_from(entry, totals)
    row.entry = post_entry(practice.pk, entry, claim=claim, patient=claim.patient) if entry else None
    row.save()
    totals.claims_matched += 1
    if cp.payer_claim_number and not claim.payer_claim_number:
        claim.payer_claim_number = cp.payer_claim_number[:50]
        m.Claim.unscoped.filter(pk=claim.pk).update(payer_claim_number=claim.payer_claim_number)
    classifier = DenialClassifier(on)
    for fact in denials(cp):
        m.Denial.unscoped.create(
            practice=practice, claim=claim, payment=row,
            line_control_number=(refs[fact.line_index] or "") if fact.line_index is not None else "",
            procedure_code=fact.procedure_code, amount=fact.amount, group_code=fact.group,
            reason_codes=list(fact.reasons), remark_codes=list(fact.remarks),
            created_at=timezone.now(),
            **classifier.fields(claim.payer_id, fact.group, fact.reasons, fact.remarks))
        totals.denials += 1
    target = claim_outcome(cp)
    try:
        move(claim, target, actor=actor, reason=f"835 trace {rem.trace_number}, CLP02 {cp.status}")
    except IllegalTransition as exc:
        totals.notes.append(f"claim {claim.patient_control_number}: {exc}")
    if (target in ("paid", "partially_paid") and not cp.is_crossover
            and queue_secondary(claim, row, actor=actor) is not None):
        totals.secondary_claims += 1


def _post_chunk(practice: m.Practice, rem: m.Remittance, chunk: list[ClaimPayment],
                key_base: str, on: dt.date, actor: Any, totals: PostingTotals) -> None:
    """The fast path for claims found by CLP01: one query to load them with their lines,
    bulk inserts for entries, payments and denials, one state update per target state.
    Reversals and claims not found by CLP01 take the one-by-one path."""
    found = {c.patient_control_number: c for c in m.Claim.objects.filter(
        practice_id=practice.pk,
        patient_control_number__in=[cp.patient_control_number for cp in chunk])
        .select_related("patient", "coverage").prefetch_related("lines")}
    fast = []
    for cp in chunk:
        claim = found.get(cp.patient_control_number)
        if claim is None or cp.is_reversal or claim.prior_payer_claim_id:
            _post_claim(practice, rem, cp, key_base, on, actor, totals)
        else:
            fast.append((cp, claim))
    if not fast:
        return
    items, payments, facts, by_state, renumbered = [], [], [], defaultdict(list), []
    for cp, claim in fast:
        refs = match_lines(claim, cp)
        lines = {ln.line_control_number: ln for ln in claim.lines.all()}
        payment = m.ClaimPayment(
            practice=practice, remittance=rem, claim=claim, position=cp.index,
            patient_control_number=cp.patient_control_number[:38],
            payer_claim_number=cp.payer_claim_number[:50], status_code=cp.status,
            charge=cp.charge, paid=cp.paid, patient_responsibility=cp.patient_responsibility or ZERO,
            adjustments=[{"group": a.group, "reason": a.reason, "amount": str(a.amount)}
                         for a in cp.adjustments], lines=_line_json(cp, refs),
            patient_name=(cp.patient.display if cp.patient else "")[:120],
            service_date=service_date(cp), match_method="pcn",
            crossover_to=(cp.crossover_carrier.display if cp.crossover_carrier else "")[:60])
        entry = claim_entry(cp, refs, key=f"{key_base}:clp{cp.index}", on=on,
                            memo=f"835 {rem.trace_number}: claim {claim.patient_control_number}")
        _totals_from(entry, totals)
        totals.paid += cp.paid
        if entry is not None:
            items.append((payment, EntryToPost(entry, claim, claim.patient, lines)))
        payments.append(payment)
        facts += [(payment, claim, refs, f) for f in denials(cp)]
        by_state[claim_outcome(cp)].append(claim)
        if cp.payer_claim_number and not claim.payer_claim_number:
            claim.payer_claim_number = cp.payer_claim_number[:50]
            renumbered.append(claim)
    stored = post_entries(practice.pk, [it for _p, it in items])
    for (payment, _it), entry_row in zip(items, stored, strict=True):
        payment.entry = entry_row
    m.ClaimPayment.unscoped.bulk_create(payments)
    audit.record_many("create", payments, actor=actor)
    now = timezone.now()
    classifier = DenialClassifier(on)  # category + appeal deadline (app.denials)
    m.Denial.unscoped.bulk_create([m.Denial(
        practice=practice, claim=claim, payment=payment,
        line_control_number=(refs[f.line_index] or "") if f.line_index is not None else "",
        procedure_code=f.procedure_code, amount=f.amount, group_code=f.group,
        reason_codes=list(f.reasons), remark_codes=list(f.remarks), created_at=now,
        **classifier.fields(claim.payer_id, f.group, f.reasons, f.remarks))
        for payment, claim, refs, f in facts])
    totals.denials += len(facts)
    totals.claims_matched += len(fast)
    if renumbered:
        m.Claim.unscoped.bulk_update(renumbered, ["payer_claim_number"])
    _move_by_state(by_state, rem, actor, totals)
    _queue_next_payers(fast, payments, actor, totals)


def _move_by_state(by_state: dict[str, list[m.Claim]], rem: m.Remittance, actor: Any,
                   totals: PostingTotals) -> None:
    for target, claims in by_state.items():
        legal = []
        for claim in claims:
            try:
                check_transition(claim.state, target)
                legal.append(claim)
            except IllegalTransition as exc:
                totals.notes.append(f"claim {claim.patient_control_number}: {exc}")
        if legal:
            move_many(legal, target, actor=actor, reason=f"835 trace {rem.trace_number}")


def _queue_next_payers(fast, payments, actor: Any, totals: PostingTotals) -> None:
    """Secondary claims only where a next coverage can exist (one query for the chunk)."""
    candidates = [(cp, claim, pay) for (cp, claim), pay in zip(fast, payments, strict=True)
                  if not cp.is_crossover and claim.state in ("paid", "partially_paid")
                  and claim.coverage is not None and claim.coverage.priority < 3]
    if not candidates:
        return
    with_next = set(m.Coverage.unscoped.filter(
        patient_id__in={c.patient_id for _cp, c, _p in candidates}, priority__gte=2)
        .values_list("patient_id", "priority"))
    for _cp, claim, payment in candidates:
        if ((claim.patient_id, claim.coverage.priority + 1) in with_next
                and queue_secondary(claim, payment, actor=actor) is not None):
            totals.secondary_claims += 1


def _link_plb_claim(practice_id: int, reference: str) -> m.Claim | None:
    if not reference:
        return None
    rows = m.Claim.unscoped.filter(practice_id=practice_id)
    return (rows.filter(patient_control_number=reference).first()
            or rows.filter(payer_claim_number=reference).first())


def post_remittance(practice: m.Practice, file: m.RemittanceFile, rem: Remittance, *,
                    actor: Any = None) -> PostingTotals:
    h = rem.header
    on = h.payment.date
    row = m.Remittance.unscoped.create(
        practice=practice, file=file, payer=_payer(practice.company_id, rem),
        payer_name=h.payer.name[:60], payer_identifier=h.payer.identifier[:80],
        trace_number=h.trace.number[:50], trace_originator=h.trace.originator[:10],
        amount=h.payment.signed_amount, method=h.payment.method[:3], payment_date=on,
        control_number=h.control_number[:9], posted_at=timezone.now(),
        deposit=m.Deposit.unscoped.filter(practice=practice, trace_number=h.trace.number).first())
    totals = PostingTotals()
    key_base = f"era:{h.trace.originator}:{h.trace.number}"
    claims = list(rem.claims)
    for start in range(0, len(claims), CHUNK):
        _post_chunk(practice, row, claims[start:start + CHUNK], key_base, on, actor, totals)
    for n, item in enumerate(rem.provider_adjustments, start=1):
        claim = _link_plb_claim(practice.pk, item.reference)
        entry = provider_adjustment_entry(item, key=f"{key_base}:plb{n}", on=on,
                                          memo=f"835 PLB {item.reason} {item.reference}"[:200])
        stored = post_entry(practice.pk, entry, claim=claim) if entry else None
        m.ProviderAdjustment.unscoped.create(practice=practice, remittance=row,
                                             reason=item.reason[:2], reference=item.reference[:50],
                                             amount=item.amount, claim=claim, entry=stored)
        totals.provider_adjustments += item.amount
    return totals
