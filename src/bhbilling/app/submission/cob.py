"""Coordination of benefits for secondary and tertiary 837P claims (loops 2320/2330/2430).

Built from what the earlier payer's 835 said, as posted: the claim payment row of the
earlier claim (``Claim.prior_payer_claim``) gives the paid amount (2320 AMT*D), the
claim-level adjustments (2320 CAS), and per line the SVD paid amount, the CAS and the
adjudication date (2430 DTP*573 = the 835's payment date). The other subscriber and payer
(2330A/2330B) come from the earlier claim's coverage.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bhbilling.app import models as m
from bhbilling.domain.parties import PayerKind
from bhbilling.x12.claim837p import model as x

__all__ = ["prior_adjudication"]
RESPONSIBILITY = {1: "P", 2: "S", 3: "T"}


def _adjustments(items: Sequence[dict]) -> tuple[x.Adjustment, ...]:
    return tuple(x.Adjustment(group=a["group"], reason=a["reason"], amount=Decimal(a["amount"]))
                 for a in items)


def _other_payer(earlier: m.Claim, payment: m.ClaimPayment) -> x.OtherPayer:
    cov = earlier.coverage
    patient = earlier.patient
    if cov.relationship == "18":
        name = x.PersonName(last=patient.last_name, first=patient.first_name)
    else:
        name = x.PersonName(last=cov.subscriber_last_name, first=cov.subscriber_first_name)
    return x.OtherPayer(
        payer_responsibility=RESPONSIBILITY.get(cov.priority, "P"), relationship=cov.relationship,
        claim_filing_indicator=PayerKind(earlier.payer.kind).claim_filing_indicator or "ZZ",
        subscriber_name=name, member_id=cov.member_id,
        payer=x.Payer(name=earlier.payer.name, payer_id=earlier.payer.payer_id),
        paid_amount=payment.paid, adjustments=_adjustments(payment.adjustments),
        group_number=cov.group_number, adjudication_date=payment.remittance.payment_date)


def prior_adjudication(claim: m.Claim) -> tuple[list[x.OtherPayer],
                                                 dict[str, list[x.LineAdjudication]]]:
    """Other payers (earliest first) and, per line control number of ``claim``, the 2430s."""
    chain: list[m.Claim] = []
    earlier = claim.prior_payer_claim
    while earlier is not None:
        chain.insert(0, earlier)
        earlier = earlier.prior_payer_claim
    payers: list[x.OtherPayer] = []
    by_line: dict[str, list[x.LineAdjudication]] = {}
    ours = {ln.line_number: ln.line_control_number for ln in claim.lines.all()}
    for earlier in chain:
        payment = (m.ClaimPayment.unscoped.filter(claim=earlier).exclude(status_code="22")
                   .select_related("remittance").order_by("-id").first())
        if payment is None:
            continue
        payers.append(_other_payer(earlier, payment))
        numbers = {ln.line_control_number: ln.line_number for ln in earlier.lines.all()}
        for line in payment.lines:
            number = numbers.get(line["ref"] or "")
            if number is None or number not in ours:
                continue
            by_line.setdefault(ours[number], []).append(x.LineAdjudication(
                payer_id=earlier.payer.payer_id, paid_amount=Decimal(line["paid"]),
                procedure_code=line["code"], units=Decimal(line["units"]),
                adjudication_date=payment.remittance.payment_date,
                modifiers=tuple(line["modifiers"]), adjustments=_adjustments(line["adjustments"])))
    return payers, by_line
