"""Queue the next payer's claim after an earlier payer's 835 leaves a patient balance.

When the primary payer (coverage priority 1) paid or partly paid and moved an amount to
the patient (CAS group PR), and the patient has a secondary coverage active on the date of
service, a draft secondary claim is built: same lines and charges (the 837P sends the
original charges), ``prior_payer_claim`` pointing at the primary claim so the 837P can
carry loops 2320/2330 and 2430 from the primary's posted 835 (``app.submission.cob``).
The patient balance moves to the secondary payer: Dr insurance A/R (the new lines), Cr
patient A/R. A crossover (CLP02 19/20, NM1*TT) is not queued: the payer forwarded it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bhbilling.app import audit
from bhbilling.app import models as m
from bhbilling.app.claims.build import next_control_number
from bhbilling.app.claims.states import record_creation
from bhbilling.app.ledger import post_entry
from bhbilling.domain import ledger as dl

__all__ = ["patient_share", "queue_secondary"]
ZERO = Decimal(0)


def patient_share(payment: m.ClaimPayment) -> Decimal:
    """PR amounts of the payment, claim level and line level."""
    total = sum((Decimal(a["amount"]) for a in payment.adjustments if a["group"] == "PR"), ZERO)
    for line in payment.lines:
        total += sum((Decimal(a["amount"]) for a in line["adjustments"] if a["group"] == "PR"),
                     ZERO)
    return total


def _next_coverage(claim: m.Claim) -> m.Coverage | None:
    if claim.coverage is None or claim.coverage.priority >= 3:
        return None
    day = claim.lines.order_by("date_of_service").values_list("date_of_service", flat=True).first()
    rows = (m.Coverage.unscoped.filter(patient_id=claim.patient_id,
                                       priority=claim.coverage.priority + 1)
            .select_related("payer").order_by("-starts_on", "-id"))
    return next((c for c in rows if day and c.is_active_on(day)), None)


def queue_secondary(claim: m.Claim, payment: m.ClaimPayment, *, actor: Any = None) -> m.Claim | None:
    share = patient_share(payment)
    if share <= ZERO or m.Claim.unscoped.filter(prior_payer_claim=claim).exists():
        return None
    coverage = _next_coverage(claim)
    if coverage is None or coverage.payer.kind == "self_pay":
        return None
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
    record_creation(nxt, actor, f"secondary after {claim.patient_control_number}'s remittance")
    postings = _moves(payment, {ln.line_control_number: n.line_control_number
                                for ln, n in zip(lines, new_lines, strict=True)})
    if postings:
        post_entry(nxt.practice_id, dl.make_entry(
            f"cob:{nxt.patient_control_number}", payment.remittance.payment_date,
            f"Patient balance of {claim.patient_control_number} billed to {coverage.payer.name}"[:200],
            postings), claim=nxt, patient=nxt.patient)
    return nxt


def _moves(payment: m.ClaimPayment, new_ref: dict[str, str]) -> list[dl.Posting]:
    out: list[dl.Posting] = []
    for line in payment.lines:
        amount = sum((Decimal(a["amount"]) for a in line["adjustments"] if a["group"] == "PR"), ZERO)
        if amount > ZERO:
            out += [dl.debit(dl.INSURANCE_AR, amount, new_ref.get(line["ref"] or "")),
                    dl.credit(dl.PATIENT_AR, amount)]
    claim_level = sum((Decimal(a["amount"]) for a in payment.adjustments if a["group"] == "PR"), ZERO)
    if claim_level > ZERO:
        out += [dl.debit(dl.INSURANCE_AR, claim_level), dl.credit(dl.PATIENT_AR, claim_level)]
    return out
