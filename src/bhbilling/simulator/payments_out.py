"""The payer's payment run: adjudicate what is due, act on earlier payments, write 835s.

Steps, per run:
1. Claims whose due date has come are adjudicated in (due date, payer claim number)
   order. A void (CLM05-3 8) reverses the claim it names; a replacement (7) reverses it
   and is adjudicated itself; accumulations of a reversed claim are given back. Interest
   is added to claims paid later than the payer's prompt-payment days.
2. Earlier payments meet the denial mix: a reversal with a corrected payment (at least 14
   days after payment; a correction is not corrected again) or a recoupment of one line
   (at least 30 days after; once per claim).
3. One 835 per payer and submitter, one transaction per payee, each with its own EFT
   trace: reversals and payments (2100), interest (PLB L6), recoupments (PLB WO), and a
   forwarding balance (PLB FB) when the takebacks exceed the payments: the payment is
   then zero and the rest is taken from the payee's next remittance.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from bhbilling.simulator.adjudication import Context, accumulator_key, adjudicate, commit, release
from bhbilling.simulator.adjudication.corrections import corrected, interest_due, recoverable
from bhbilling.simulator.adjudication.edits import line_key
from bhbilling.simulator.adjudication.mix import chance
from bhbilling.simulator.adjudication.model import ZERO, Adjustment, ClaimOutcome, LineOutcome
from bhbilling.simulator.facts import ClaimFacts
from bhbilling.simulator.remit import Payment, ProviderAdjustment, RemitClaim, write_835
from bhbilling.simulator.summary import CycleContext

__all__ = ["payment_run"]

_COST_SHARE = frozenset({"1", "2", "3", "45"})


class _Batch:
    """Remittance items gathered per (payer, submitter, usage) and payee NPI."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str, str, str], dict[str, list]] = {}

    def _slot(self, facts: ClaimFacts) -> dict[str, list]:
        env = facts.envelope
        key = (facts.payer_id, env.sender_id, env.sender_qualifier, env.usage)
        return self.items.setdefault(key, {}).setdefault(facts.billing.npi, [[], [], facts])  # type: ignore

    def claim(self, facts: ClaimFacts, outcome: ClaimOutcome) -> None:
        self._slot(facts)[0].append(RemitClaim(facts, outcome))

    def adjustment(self, facts: ClaimFacts, adj: ProviderAdjustment) -> None:
        self._slot(facts)[1].append(adj)


def _member_missing(facts: ClaimFacts, icn: str, payer, today: dt.date) -> ClaimOutcome:
    """CO-31 on every line: the payer no longer finds the member (the book changed)."""
    lines = tuple(LineOutcome(li.number, li.code, li.modifiers, li.charge, ZERO, li.units, li.units, ZERO,
                              li.service_date, li.control_number, (Adjustment("CO", "31", li.charge),))
                  for li in facts.lines)
    return ClaimOutcome(facts.pcn, icn, "4", payer.claim_filing_code, facts.place_of_service, facts.frequency,
                        lines, facts.received, today, notes=("member not found at adjudication",))


def _reverse(ctx: CycleContext, batch: _Batch, original_icn: str, new_status: str) -> None:
    """Reverse the finalized claim `original_icn` (for a void or a replacement)."""
    record = ctx.state.claims.get(original_icn)
    if record is None or record["status"] not in ("finalized", "pending"):
        return
    if record["status"] == "finalized":
        outcome = ClaimOutcome.from_dict(record["outcome"])
        facts = ClaimFacts.from_dict(record["facts"])
        member = ctx.book.member(facts.payer_id, facts.member_id)
        if member is not None:
            release(ctx.state, f"{facts.payer_id}|{facts.member_id}|{member.plan.start.isoformat()}", outcome)
        batch.claim(facts, outcome.reversed(ctx.today))
        ctx.summary.reversals += 1
    record["status"] = new_status


def _adjudicate_one(ctx: CycleContext, batch: _Batch, icn: str, record: dict) -> None:
    facts = ClaimFacts.from_dict(record["facts"])
    payer = ctx.book.payer(facts.payer_id)
    if facts.frequency in ("7", "8"):
        _reverse(ctx, batch, facts.original_claim_number, "voided" if facts.frequency == "8" else "replaced")
    if facts.frequency == "8":
        record["status"] = "void"
        return
    member = ctx.book.member(facts.payer_id, facts.member_id)
    if member is None:
        outcome = _member_missing(facts, icn, payer, ctx.today)
    else:
        actx = Context(facts, payer, member, ctx.book, ctx.state, ctx.seed, icn, ctx.today)
        outcome = adjudicate(actx)
        interest = interest_due(outcome.paid, facts.received, ctx.today, payer.rules)
        if interest:
            outcome = dataclasses.replace(outcome, interest=interest)
            batch.adjustment(facts, ProviderAdjustment("L6", icn, -interest))
            ctx.summary.interest += interest
        commit(ctx.state, accumulator_key(actx), actx, outcome)
    record.update(status="finalized", outcome=outcome.to_dict())
    batch.claim(facts, outcome)
    s = ctx.summary
    s.claims_adjudicated += 1
    s.charged += outcome.charge
    s.patient_responsibility += outcome.patient_responsibility
    denied = [line for line in outcome.lines  # refused, whoever owes it (PR-119 too)
              if line.paid == 0 and line.adjustments and line.adjustments[0].reason not in _COST_SHARE]
    if len(denied) == len(outcome.lines):
        s.claims_denied += 1
    elif denied:
        s.claims_partly_paid += 1
    else:
        s.claims_paid += 1
    for line in denied:
        adj = line.adjustments[0]
        s.count_reason(f"835 {adj.group}-{adj.reason}")


def _after_payment(ctx: CycleContext, batch: _Batch, icn: str, record: dict) -> None:
    outcome = ClaimOutcome.from_dict(record["outcome"])
    age = (ctx.today - outcome.adjudicated).days
    if outcome.paid <= 0 or record.get("corrected_by") or record.get("recouped"):
        return
    facts = ClaimFacts.from_dict(record["facts"])
    payer = ctx.book.payer(facts.payer_id)
    mix = ctx.book.mix
    if (age >= 14 and payer is not None and not record.get("corrects")
            and chance(mix.reversal, ctx.seed, "reversal", icn)):
        new_icn = ctx.new_icn()
        fixed = corrected(outcome, new_icn, payer.rules.correction_factor, ctx.today)
        batch.claim(facts, outcome.reversed(ctx.today))
        batch.claim(facts, fixed)
        copy = {k: v for k, v in record.items() if k not in ("remit_trace", "remit_date")}
        record.update(status="reversed", corrected_by=new_icn)
        ctx.state.add_claim(new_icn, {**copy, "icn": new_icn, "status": "finalized",
                                      "outcome": fixed.to_dict(), "corrects": icn})
        ctx.state.drop_paid_lines(icn)
        for line in fixed.lines:
            if not line.denied:
                src = next(li for li in facts.lines if li.number == line.number)
                ctx.state.add_paid_line(line_key(facts.payer_id, facts.member_id, src), new_icn)
        ctx.summary.reversals += 1
    elif age >= 30 and chance(mix.recoupment, ctx.seed, "recoupment", icn):
        amount = recoverable(outcome)
        batch.adjustment(facts, ProviderAdjustment("WO", icn, amount))
        record["recouped"] = str(amount)
        ctx.summary.recoupments += 1
        ctx.summary.recouped += amount


def _write(ctx: CycleContext, batch: _Batch) -> None:
    state = ctx.state
    for (payer_id, sender, qualifier, usage), payees in sorted(batch.items.items()):
        payer = ctx.book.payer(payer_id)
        payments: list[Payment] = []
        for npi, (claims, adjustments, payee_facts) in sorted(payees.items()):
            trace = f"{ctx.today:%Y%m%d}{state.next('trace'):07d}"
            key = f"{payer_id}|{npi}"
            carried = state.amount("forward_balances", key)
            if carried:
                adjustments.append(ProviderAdjustment("FB", trace, carried))
            payment = Payment(npi, trace, tuple(claims), tuple(adjustments), payee_facts.billing)
            short = -payment.total if payment.total < 0 else ZERO
            if short:
                payment = dataclasses.replace(payment, adjustments=(*adjustments,
                                                                    ProviderAdjustment("FB", trace, -short)))
            state.set_amount("forward_balances", key, short)
            for item in claims:
                rec = state.claims.get(item.outcome.icn)
                if rec is not None and item.outcome.status != "22":
                    rec.update(remit_trace=trace, remit_date=ctx.today.isoformat())
            ctx.summary.paid += payment.total
            payments.append(payment)
        control = state.next("interchange")
        ctx.write(f"{ctx.today:%Y%m%d}-{payer_id}-{control:09d}.835", write_835(
            payer, payments, book=ctx.book, receiver_id=sender, receiver_qualifier=qualifier,
            test=usage != "P",
            control_number=control, today=ctx.today))


def payment_run(ctx: CycleContext) -> None:
    """Steps 1-3 of the module docstring."""
    batch = _Batch()
    claims = ctx.state.claims
    due = sorted((rec["due"], icn) for icn, rec in claims.items()
                 if rec["status"] == "pending" and dt.date.fromisoformat(rec["due"]) <= ctx.today)
    earlier = sorted(icn for icn, rec in claims.items() if rec["status"] == "finalized")
    for _, icn in due:
        _adjudicate_one(ctx, batch, icn, claims[icn])
    for icn in earlier:
        _after_payment(ctx, batch, icn, claims[icn])
    ctx.summary.claims_pending = sum(rec["status"] == "pending" for rec in claims.values())
    _write(ctx, batch)
