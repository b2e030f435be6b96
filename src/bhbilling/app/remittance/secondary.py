"""Bill the next payer: after an earlier payer's 835 left a patient share, or denied a claim
as not its responsibility.

COB (``queue_secondary``): when the earlier payer (coverage priority 1, or 2 for the
tertiary step) paid or partly paid and moved an amount to the patient (CAS group PR), and
the patient has a coverage of the next priority active on the date of service, a draft
claim is built for it: same lines and charges (the 837P sends the original charges),
``prior_payer_claim`` pointing at the earlier claim so the 837P carries loops 2320/2330 and
2430 of every earlier payer from their posted 835s (``app.submission.cob`` walks the chain).
The patient share moves to the next payer: Dr insurance A/R on the new claim's lines, Cr
patient A/R on the earlier claim's lines. A crossover (CLP02 19/20, NM1*TT) is not queued:
the payer forwarded the claim itself (X12 835 005010X221A1, CLP02 and loop 1000 NM1*TT).

Denied as not its responsibility (``bill_next_payer``, denial workbench): CARC 22 ("may be
covered by another payer per COB") or 109 ("not covered by this payer") on the primary
means the whole claim goes to the next payer: a draft claim with the full charges, and the
denied claim's open insurance A/R moves onto it in one balanced entry (Dr 1100 on the new
claim's lines, Cr 1100 on the denied claim's lines; ``app.balances`` counts each tagged line
for its own claim). Reference §8 (COB) and §11 (CARC 22/109).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app import models as m
from bhbilling.app.balances import line_balances
from bhbilling.app.claims.build import next_control_number
from bhbilling.app.claims.states import move, record_creation
from bhbilling.app.ledger import post_entry
from bhbilling.domain import ledger as dl
from bhbilling.domain.claims import IllegalTransition, check_transition
from bhbilling.kernel.errors import BhBillingError

__all__ = ["BILLABLE_STATES", "NextPayerError", "bill_next_payer", "next_coverage", "patient_share",
           "queue_secondary"]
ZERO = Decimal(0)
#: states of a claim whose balance may go to the next payer: the payer answered
BILLABLE_STATES = ("denied", "partially_paid", "paid", "appealed")


class NextPayerError(BhBillingError, ValueError):
    """The claim's balance cannot be billed to a next payer (says which claim and why)."""


def patient_share(payment: m.ClaimPayment) -> Decimal:
    """PR amounts of the payment, claim level and line level."""
    total = sum((Decimal(a["amount"]) for a in payment.adjustments if a["group"] == "PR"), ZERO)
    for line in payment.lines:
        total += sum((Decimal(a["amount"]) for a in line["adjustments"] if a["group"] == "PR"),
                     ZERO)
    return total


def _service_day(claim: m.Claim) -> dt.date | None:
    return claim.lines.order_by("date_of_service").values_list("date_of_service", flat=True).first()


def next_coverage(claim: m.Claim) -> m.Coverage | None:
    """The patient's coverage one priority after the claim's, active on the date of service."""
    if claim.coverage is None or claim.coverage.priority >= 3:
        return None
    day = _service_day(claim)
    rows = (m.Coverage.unscoped.filter(practice_id=claim.practice_id, patient_id=claim.patient_id,
                                       priority=claim.coverage.priority + 1)
            .select_related("payer").order_by("-starts_on", "-id"))
    return next((c for c in rows if day and c.is_active_on(day)), None)


def _open_next_claim(claim: m.Claim) -> m.Claim | None:
    return (m.Claim.unscoped.filter(prior_payer_claim=claim).exclude(state="voided")
            .order_by("id").first())


def _build_next(claim: m.Claim, coverage: m.Coverage, actor: Any, reason: str,
                at: dt.datetime | None = None) -> tuple[m.Claim, list[m.ClaimLine], list[m.ClaimLine]]:
    """The next payer's draft claim, line for line; returns (claim, old lines, new lines)."""
    lines = list(claim.lines.order_by("line_number"))
    session_id = claim.session_id or claim.pk
    nxt = m.Claim.unscoped.create(
        practice_id=claim.practice_id, patient_id=claim.patient_id, coverage=coverage,
        payer=coverage.payer, rendering_provider_id=claim.rendering_provider_id,
        session_id=claim.session_id,
        patient_control_number=next_control_number(claim.practice_id, session_id),
        state=m.ClaimState.DRAFT, place_of_service=claim.place_of_service,
        diagnoses=claim.diagnoses, prior_authorization=claim.prior_authorization,
        decision_id=claim.decision_id, prior_payer_claim=claim, total_charge=claim.total_charge)
    new_lines = [m.ClaimLine(practice_id=nxt.practice_id, claim=nxt, line_number=ln.line_number,
                             code=ln.code, modifiers=ln.modifiers, units=ln.units, charge=ln.charge,
                             place_of_service=ln.place_of_service,
                             diagnosis_pointers=ln.diagnosis_pointers,
                             date_of_service=ln.date_of_service,
                             line_control_number=f"{nxt.patient_control_number}.{ln.line_number}")
                 for ln in lines]
    m.ClaimLine.unscoped.bulk_create(new_lines)
    audit.record_many("create", new_lines, actor=actor)
    record_creation(nxt, actor, reason, at=at)
    return nxt, lines, new_lines


def queue_secondary(claim: m.Claim, payment: m.ClaimPayment, *, actor: Any = None) -> m.Claim | None:
    """The next payer's draft claim for the patient share of ``payment``, or None."""
    share = patient_share(payment)
    if share <= ZERO or m.Claim.unscoped.filter(prior_payer_claim=claim).exists():
        return None
    coverage = next_coverage(claim)
    if coverage is None or coverage.payer.kind == "self_pay":
        return None
    nxt, lines, new_lines = _build_next(
        claim, coverage, actor, f"next payer after {claim.patient_control_number}'s remittance")
    postings = _moves(payment, {ln.line_control_number: n.line_control_number
                                for ln, n in zip(lines, new_lines, strict=True)},
                      lines[0].line_control_number, new_lines[0].line_control_number)
    if postings:
        post_entry(nxt.practice_id, dl.make_entry(
            f"cob:{nxt.patient_control_number}", payment.remittance.payment_date,
            f"Patient balance of {claim.patient_control_number} billed to {coverage.payer.name}"[:200],
            postings), claim=nxt, patient=nxt.patient, other_claims=[claim])
    return nxt


def _moves(payment: m.ClaimPayment, new_ref: dict[str, str], first_old: str,
           first_new: str) -> list[dl.Posting]:
    """Dr insurance A/R on the new claim's line, Cr patient A/R on the earlier claim's line."""
    out: list[dl.Posting] = []
    for line in payment.lines:
        amount = sum((Decimal(a["amount"]) for a in line["adjustments"] if a["group"] == "PR"), ZERO)
        old = line["ref"] or ""
        if amount > ZERO:
            if old not in new_ref:
                old = first_old
            out += [dl.debit(dl.INSURANCE_AR, amount, new_ref[old]),
                    dl.credit(dl.PATIENT_AR, amount, old)]
    claim_level = sum((Decimal(a["amount"]) for a in payment.adjustments if a["group"] == "PR"), ZERO)
    if claim_level > ZERO:
        out += [dl.debit(dl.INSURANCE_AR, claim_level, first_new),
                dl.credit(dl.PATIENT_AR, claim_level, first_old)]
    return out


def _transfer(balances: dict[str, Decimal], pairs: dict[str, str], first_old: str
              ) -> list[tuple[str, Decimal]]:
    """(old line ref, amount) to move: line by line when every line owes, else in one sum."""
    tagged = {ref: amt for ref, amt in balances.items() if amt != ZERO}
    if all(ref in pairs and amt > ZERO for ref, amt in tagged.items()):
        return sorted(tagged.items())
    return [(first_old, sum(balances.values(), ZERO))]


def _day(now: dt.datetime) -> dt.date:
    return now.date() if timezone.is_naive(now) else timezone.localtime(now).date()


def bill_next_payer(claim: m.Claim, *, actor: Any, now: dt.datetime) -> m.Claim:
    """Move a claim's open insurance balance to the next payer's new draft claim.

    For a claim the payer answered (denied, paid, partly paid or appealed) whose payer is
    not responsible for what is left (CARC 22, 109). Raises ``NextPayerError`` when the
    claim is in another state, owes nothing to insurance, already went to the next payer,
    or the patient has no coverage of the next priority active on the date of service.
    The denied claim is closed when nothing is left on it.
    """
    pcn = claim.patient_control_number
    if claim.state not in BILLABLE_STATES:
        raise NextPayerError(f"claim {pcn} is {claim.state}: only a claim the payer answered "
                             f"({', '.join(BILLABLE_STATES)}) can go to the next payer")
    already = _open_next_claim(claim)
    if already is not None:
        raise NextPayerError(f"claim {pcn} was already billed to the next payer on claim "
                             f"{already.patient_control_number}")
    balances = line_balances(claim.practice_id, claim.pk, dl.INSURANCE_AR)
    owed = sum(balances.values(), ZERO)
    if owed <= ZERO:
        raise NextPayerError(f"claim {pcn} has no open insurance balance to bill to the next payer")
    coverage = next_coverage(claim)
    priority = claim.coverage.priority + 1 if claim.coverage else 2
    if coverage is None or coverage.payer.kind == "self_pay":
        raise NextPayerError(f"claim {pcn}: the patient has no coverage of priority {priority} "
                             "active on the date of service; add it or move the balance to the patient")
    with transaction.atomic():
        nxt, lines, new_lines = _build_next(
            claim, coverage, actor, f"billed to next payer after {pcn} (not the payer's "
            "responsibility)", at=now)
        pairs = {o.line_control_number: n.line_control_number
                 for o, n in zip(lines, new_lines, strict=True)}
        postings: list[dl.Posting] = []
        for old_ref, amount in _transfer(balances, pairs, lines[0].line_control_number):
            postings += [dl.debit(dl.INSURANCE_AR, amount, pairs[old_ref]),
                         dl.credit(dl.INSURANCE_AR, amount, old_ref)]
        post_entry(claim.practice_id, dl.make_entry(
            f"nextpayer:{nxt.patient_control_number}", _day(now),
            f"Insurance balance of {pcn} billed to {coverage.payer.name}"[:200], postings),
            claim=nxt, patient=nxt.patient, other_claims=[claim])
        audit.record("update", claim, actor=actor,
                     detail={"billed_to_next_payer": nxt.patient_control_number, "amount": str(owed)})
        left = line_balances(claim.practice_id, claim.pk, dl.PATIENT_AR)
        if not sum(left.values(), ZERO):
            try:
                check_transition(claim.state, "closed")
            except IllegalTransition:
                pass
            else:
                move(claim, "closed", actor=actor, at=now,
                     reason=f"balance billed to the next payer on {nxt.patient_control_number}")
    return nxt
