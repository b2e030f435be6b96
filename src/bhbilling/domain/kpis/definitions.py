"""The revenue-cycle KPIs as data: key, label, formula shown on screen, unit, benchmark, source.

Why data: the dashboard, the monthly PDF, the exports and docs/reports.md all show the same
formula and benchmark text, and the status colour (good / watch / bad) comes from the same
thresholds, so a figure can never be judged by one rule on screen and another on paper.

Benchmarks and their sources are from the team reference, section 12 "Revenue-cycle KPIs"
(``shared/reference/behavioral-health-billing.md``; S-numbers are its source list). Where
§12 gives no threshold for a "watch" band, or no benchmark at all, the definition says so in
``benchmark`` and its ``source`` names the thresholds as this project's own choice.

``value = numerator * scale / denominator`` rounded to cents (0.01); None when the
denominator is zero (shown as "n/a", never 0 %).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

__all__ = ["DEFINITIONS", "Direction", "KpiDefinition", "definition", "ratio_value", "status_for"]

CENT = Decimal("0.01")
REF = "Reference §12"


class Direction(Enum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"
    INFORMATIONAL = "info"  # no benchmark: shown without a status


@dataclass(frozen=True, slots=True)
class KpiDefinition:
    key: str
    label: str
    unit: str  # "%", "days"
    formula: str
    numerator_label: str
    denominator_label: str
    benchmark: str
    source: str
    direction: Direction
    good: Decimal | None = None  # at or beyond this (in the good direction): good
    watch: Decimal | None = None  # at or beyond this: watch; otherwise bad
    scale: Decimal = Decimal(100)
    money_parts: bool = False  # numerator/denominator are dollars (else counts or days)

    def status(self, value: Decimal | None) -> str:
        return status_for(self, value)


def ratio_value(numerator: Decimal, denominator: Decimal, scale: Decimal) -> Decimal | None:
    """numerator * scale / denominator rounded half-up to 0.01; None for a zero denominator."""
    if not denominator:
        return None
    return (Decimal(numerator) * scale / Decimal(denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


def status_for(kpi: KpiDefinition, value: Decimal | None) -> str:
    """"good", "watch" or "bad" against the thresholds; "" when n/a or informational."""
    if value is None or kpi.direction is Direction.INFORMATIONAL or kpi.good is None:
        return ""
    watch = kpi.watch if kpi.watch is not None else kpi.good
    if kpi.direction is Direction.HIGHER_IS_BETTER:
        return "good" if value >= kpi.good else "watch" if value >= watch else "bad"
    return "good" if value <= kpi.good else "watch" if value <= watch else "bad"


D = Decimal
H, L, INFO = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER, Direction.INFORMATIONAL

DEFINITIONS: tuple[KpiDefinition, ...] = (
    KpiDefinition(
        "clean_claim_rate", "Clean claim rate", "%",
        "Claims first submitted in the period that the payer accepted on that first submission "
        "(no rejection by 999/277CA, not a corrected claim) ÷ claims first submitted in the period",
        "accepted on first submission", "claims first submitted",
        "≥ 95 % standard; 97-98 % top performers; < 90 % signals front-end failure",
        f"{REF}, HFMA MAP Key CL-1 [S123, S220]", H, D(95), D(90)),
    KpiDefinition(
        "first_pass_resolution_rate", "First-pass resolution rate", "%",
        "Claims whose first 835 in the period paid them or moved the balance to the patient, with "
        "no denial, on their first submission ÷ claims whose first 835 came in the period",
        "resolved on first 835", "claims adjudicated (first 835)",
        "~85-90 %+ typical target (good ≥ 90 %, watch 85-90 %)",
        f"{REF}: definition [S126]; target [K] (unverified)", H, D(90), D(85)),
    KpiDefinition(
        "denial_rate_count", "Denial rate (claims)", "%",
        "Claims with a denial on an 835 paid in the period ÷ claims remitted in the period "
        "(HFMA AR-5 remittance denial rate)",
        "claims denied", "claims remitted",
        "< 5 % desirable; 5-10 % industry average (AAFP); over 10 % bad",
        f"{REF}, HFMA AR-5 [S125, S128, S220]", L, D(5), D(10)),
    KpiDefinition(
        "denial_rate_dollars", "Denial rate (dollars)", "%",
        "Dollars denied on 835s paid in the period ÷ dollars charged on claims remitted in the period",
        "dollars denied", "dollars remitted (claim charges)",
        "< 5 % desirable; 5-10 % industry average (AAFP); over 10 % bad",
        f"{REF}, HFMA AR-5 [S125, S128, S220]", L, D(5), D(10), money_parts=True),
    KpiDefinition(
        "days_in_ar", "Days in A/R", "days",
        "Claim A/R (insurance 1100 + patient 1200, net of credit balances) at the end date ÷ "
        "average daily gross charges over the 90 days ending on the end date (charges ÷ 90)",
        "A/R at end date", "gross charges, last 90 days",
        "under 35 days high performers (MGMA); 30-45 typical; over 45 bad",
        f"{REF} practice form [S120, S122]", L, D(35), D(45), scale=D(90), money_parts=True),
    KpiDefinition(
        "ar_over_90_share", "A/R over 90 days", "%",
        "Claim A/R at the end date on services more than 90 days before it ÷ all claim A/R "
        "(HFMA AR-1, aged by date of service)",
        "A/R over 90 days", "total A/R",
        "< 10 % (HFMA-cited top quartile); looser sources say 15-20 %, so watch up to 20 %",
        f"{REF}, HFMA AR-1 [S120, S122, S128, S130] [C]; watch band from §13 item 12", L,
        D(10), D(20), money_parts=True),
    KpiDefinition(
        "net_collection_rate", "Net collection rate", "%",
        "Payments (insurance and patient, net of refunds and recoupments) on claims for services "
        "in the period ÷ (their charges - contractual adjustments)",
        "net payments", "charges - contractual adjustments",
        "≥ 95 % (MGMA); 96-99 % best practice; watch 90-95 % (project's band)",
        f"{REF}, MGMA adjusted collection rate [S124, S128, S221]", H, D(95), D(90),
        money_parts=True),
    KpiDefinition(
        "gross_collection_rate", "Gross collection rate", "%",
        "Payments on claims for services in the period ÷ their gross charges",
        "net payments", "gross charges",
        "Informational only (depends on the fee schedule)", f"{REF} [S221]", INFO, money_parts=True),
    KpiDefinition(
        "charge_lag", "Charge lag", "days",
        "Average days from date of service to the claim being created (charge entry), for "
        "original claims created in the period",
        "days, summed", "claims created",
        "≤ 1-2 days best in class; 3-5 MGMA high performers; over 5 endangers short Medicaid windows",
        f"{REF} [S127, S222, S223]", L, D(2), D(5), scale=D(1)),
    KpiDefinition(
        "claim_lag", "Claim lag", "days",
        "Average days from date of service to the claim's first submission, for claims first "
        "submitted in the period",
        "days, summed", "claims first submitted",
        "Same source row as charge lag; project's bands: good ≤ 5 days, watch ≤ 10",
        f"{REF} [S127, S222, S223]; bands are the project's", L, D(5), D(10), scale=D(1)),
    KpiDefinition(
        "submission_to_payment_lag", "Submission to payment", "days",
        "Average days from a claim's first submission to the payment date of its first 835, "
        "for claims whose first 835 came in the period",
        "days, summed", "claims with a first 835",
        "No §12 benchmark; project's bands from the follow-up rule (a 276 goes out when no 835 "
        "came in 30 days): good ≤ 30 days, watch ≤ 45",
        "Project rule (app.claims.followup, 30-day 835 follow-up)", L, D(30), D(45), scale=D(1)),
    KpiDefinition(
        "underpayment_rate", "Underpayments", "%",
        "Dollars short (expected allowed from the payer's fee schedule - allowed on the 835 line, "
        "where lower) ÷ expected allowed, over 835 lines paid in the period that have an "
        "expected rate and were not denied, on claims to the first payer (a secondary pays "
        "what the primary left, not its contract rate)",
        "dollars short", "expected allowed",
        "No published benchmark; every short payment is owed under the contract: good 0 %, "
        "watch up to 1 %",
        "Project rule (payer contract / fee schedule expected_allowed)", L, D(0), D(1),
        money_parts=True),
    KpiDefinition(
        "authorization_use", "Authorization use", "%",
        "Units billed under authorizations that overlap the period (claims carrying the number, "
        "not voided or replaced) ÷ units those authorizations approved",
        "units used", "units approved",
        "Trend metric (no benchmark): high use means renewals are due",
        f"{REF}, HFMA authorization rate row [S121]", INFO),
    KpiDefinition(
        "authorization_rate", "Authorized when required", "%",
        "Claims first submitted in the period that needed an authorization and had one (carried "
        "a number and were not denied for authorization) ÷ claims that needed one (carried a "
        "number, or were denied for a missing/exceeded authorization)",
        "authorized", "needed an authorization",
        "Trend metric (HFMA); no threshold", f"{REF}, HFMA authorization rate [S121]", INFO),
    KpiDefinition(
        "patient_collection_rate", "Patient collections", "%",
        "Patient payments received in the period ÷ patient responsibility assigned in the period "
        "(835 patient shares and self-pay charges posted to patient A/R)",
        "patient payments", "patient responsibility assigned",
        "Trend metric (no §12 benchmark)",
        f"{REF}, HFMA point-of-service collections row [S122] (related trend metric)", INFO,
        money_parts=True),
)

_BY_KEY = {d.key: d for d in DEFINITIONS}


def definition(key: str) -> KpiDefinition:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"unknown KPI {key!r}; known: {', '.join(_BY_KEY)}") from None
