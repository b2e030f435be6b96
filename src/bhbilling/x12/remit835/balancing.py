"""The 835's three balancing rules (005010X221A1 section 1.10.2.1), checked to the cent.

Rules, with adjustments that lower the payment positive and those that raise it negative:
- Service line (loop 2110): SVC02 charge - sum(line CAS amounts) = SVC03 paid.
- Claim (loop 2100): CLP03 charge - sum(claim CAS) - sum(CAS of every line) = CLP04
  paid. Without lines only the claim CAS count. An adjustment reported at both levels
  double counts and so, rightly, unbalances the claim.
- Transaction: sum(CLP04) - sum(PLB amounts) = BPR02, with BPR02 negated for a debit
  (BPR03 "D"). PLB amounts are positive when money is taken back (WO, FB, 72...).
AMT and QTY are informational and never balanced. An unbalanced remittance must not be
posted; the report gives each difference exactly (`stated - expected`) and where it is:
the claim's 1-based position in its transaction, the line number, the segment number --
never the patient control number or a name, so a report can be logged.
`BalanceCheck` does the same claim by claim for a streamed transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.kernel.findings import Finding
from bhbilling.x12.remit835.claim_model import ClaimPayment
from bhbilling.x12.remit835.elements import ZERO
from bhbilling.x12.remit835.model import ProviderAdjustment, Remittance, RemittanceHeader

__all__ = [
    "RULE_CLAIM", "RULE_LINE", "RULE_PAYMENT", "BalanceCheck", "BalanceReport", "Imbalance",
    "balance_report", "balances", "claim_imbalances",
]

RULE_PAYMENT = "payment"
RULE_CLAIM = "claim"
RULE_LINE = "line"
_FORMULA = {
    RULE_PAYMENT: "sum of CLP04 minus sum of PLB amounts",
    RULE_CLAIM: "CLP03 minus claim and line CAS amounts",
    RULE_LINE: "SVC02 minus line CAS amounts",
}


@dataclass(frozen=True, slots=True)
class Imbalance:
    """One rule that does not hold: `stated` (BPR02, CLP04 or SVC03) against `expected`."""

    rule: str
    element: str
    segment_number: int
    stated: Decimal
    expected: Decimal
    claim_index: int | None = None
    line_number: int | None = None

    @property
    def difference(self) -> Decimal:
        """stated - expected: positive when the payer states more than the parts add up to."""
        return self.stated - self.expected

    @property
    def location(self) -> str:
        """'claim 3, line 2 (segment 41)' -- positions only, no patient data."""
        parts = []
        if self.claim_index is not None:
            parts.append(f"claim {self.claim_index}")
        if self.line_number is not None:
            parts.append(f"line {self.line_number}")
        where = ", ".join(parts) or "transaction"
        return f"{where} (segment {self.segment_number})"

    def __str__(self) -> str:
        return (f"{self.location}: {self.element} states {self.stated} but "
                f"{_FORMULA[self.rule]} is {self.expected} (difference {self.difference})")

    def to_finding(self, file: str | None = None) -> Finding:
        return Finding(code=f"835-BALANCE-{self.rule.upper()}", message=str(self), file=file,
                       segment=self.segment_number, field=self.element,
                       expected=f"{self.element} = {self.expected}")


@dataclass(frozen=True, slots=True)
class BalanceReport:
    """The balancing outcome of one transaction (ST02 `control_number`)."""

    control_number: str
    payment: Decimal  # BPR02, signed (negative for a debit)
    claims_paid: Decimal  # sum of CLP04
    provider_adjustments: Decimal  # sum of PLB amounts
    claim_count: int
    imbalances: tuple[Imbalance, ...]

    @property
    def balanced(self) -> bool:
        return not self.imbalances

    @property
    def payment_difference(self) -> Decimal:
        """BPR02 - (sum CLP04 - sum PLB); 0.00 when the payment balances."""
        return self.payment - (self.claims_paid - self.provider_adjustments)

    def findings(self, file: str | None = None) -> list[Finding]:
        return [i.to_finding(file) for i in self.imbalances]


def claim_imbalances(claim: ClaimPayment) -> list[Imbalance]:
    """The line rule for each service line, then the claim rule."""
    out: list[Imbalance] = []
    line_cas = ZERO
    for line in claim.lines:
        cas = sum((a.amount for a in line.adjustments), ZERO)
        line_cas += cas
        if line.charge - cas != line.paid:
            out.append(Imbalance(RULE_LINE, "SVC03", line.segment_number, line.paid,
                                 line.charge - cas, claim.index, line.number))
    expected = claim.charge - sum((a.amount for a in claim.adjustments), ZERO) - line_cas
    if expected != claim.paid:
        out.append(Imbalance(RULE_CLAIM, "CLP04", claim.segment_number, claim.paid, expected,
                             claim.index))
    return out


class BalanceCheck:
    """Balance a transaction claim by claim (for `RemittanceStream`): `add` each claim,
    then `finish` with the PLB items."""

    def __init__(self, header: RemittanceHeader) -> None:
        self.header = header
        self.claims_paid = ZERO
        self.claim_count = 0
        self._imbalances: list[Imbalance] = []

    def add(self, claim: ClaimPayment) -> list[Imbalance]:
        """Check one claim; returns its imbalances (also kept for the report)."""
        self.claims_paid += claim.paid
        self.claim_count += 1
        found = claim_imbalances(claim)
        self._imbalances += found
        return found

    def finish(self, provider_adjustments: Iterable[ProviderAdjustment]) -> BalanceReport:
        plb = sum((p.amount for p in provider_adjustments), ZERO)
        payment = self.header.payment.signed_amount
        imbalances = list(self._imbalances)
        expected = self.claims_paid - plb
        if payment != expected:
            imbalances.insert(0, Imbalance(RULE_PAYMENT, "BPR02", self.header.segment_number + 1,
                                           payment, expected))
        return BalanceReport(self.header.control_number, payment, self.claims_paid, plb,
                             self.claim_count, tuple(imbalances))


def balance_report(remittance: Remittance) -> BalanceReport:
    """Every imbalance of one transaction: payment first, then claims in file order."""
    check = BalanceCheck(remittance.header)
    for claim in remittance.claims:
        check.add(claim)
    return check.finish(remittance.provider_adjustments)


def balances(remittance: Remittance) -> bool:
    """True when all three rules hold for every line, claim and the payment."""
    return balance_report(remittance).balanced
