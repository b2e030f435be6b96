"""Patient statements, pure: who gets one on a run date, and why the others are held.

Rules, checked in this order for every patient whose ledger balance is not zero:

1. A credit balance (the patient paid more than they owe) gets no statement: it goes to
   the refund review list, where a person refunds it or keeps it for the next visit.
2. A balance below the practice's statement minimum gets no statement (printing and
   postage cost more than it brings; the small-balance write-off rule deals with it).
3. Otherwise a statement is made, and held (kept, not sent) for each reason that applies;
   every reason is reported so the biller sees all of them at once:
   - ``patient_hold``: the practice set a hold on the patient (a reason, optionally with an
     end date). The hold applies before ``statement_hold_until`` and ends on that day.
   - ``insurance_pending``: a claim of the patient with an insurance balance is still with
     the payer (submitted, acknowledged, accepted or appealed): what the patient owes is
     not known until the payer answers, and billing the patient first is the most common
     cause of patient complaints and refunds.
   - ``gfe_dispute``: a Good Faith Estimate dispute is open. Under the No Surprises Act
     patient-provider dispute resolution (45 CFR 149.620), the provider must not move the
     disputed bill to collections or charge late fees while the dispute is pending, so
     statements for the balance are held.
   - ``recent_statement``: a statement was sent within the statement cycle (28 days by
     default, the usual monthly cycle that never sends two statements in one month).
4. A statement is due ``DUE_AFTER_DAYS`` (21) days after its date, the common
   "due upon receipt, within 3 weeks" practice term that leaves a week of mail each way
   inside a monthly cycle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.kernel.money import ZERO, format_usd

__all__ = ["DUE_AFTER_DAYS", "STATEMENT_CYCLE_DAYS", "WAITING_ON_INSURANCE", "AccountFacts",
           "Decision", "Hold", "decide", "due_on", "next_number"]

STATEMENT_CYCLE_DAYS = 28
DUE_AFTER_DAYS = 21
#: claim states in which the payer has not answered yet (the insurance part is not the patient's)
WAITING_ON_INSURANCE = frozenset({"submitted", "acknowledged", "accepted", "appealed"})
NUMBER_PREFIX = "ST"


@dataclass(frozen=True, slots=True)
class Hold:
    code: str  # patient_hold, insurance_pending, gfe_dispute, recent_statement
    text: str


@dataclass(frozen=True, slots=True)
class AccountFacts:
    """What the rules need to know about one patient's account on the run date."""

    patient_id: int
    balance: Decimal
    hold_reason: str = ""
    hold_until: dt.date | None = None
    claims_waiting: tuple[str, ...] = ()  # claim numbers still with the payer, with a balance
    gfe_dispute_open: bool = False
    last_sent_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    patient_id: int
    action: str  # "statement" (ready), "held", "refund_review" or "none"
    holds: tuple[Hold, ...] = ()
    note: str = ""

    @property
    def reason_text(self) -> str:
        return "; ".join(h.text for h in self.holds)


def _holds(facts: AccountFacts, run_date: dt.date, cycle_days: int) -> list[Hold]:
    holds = []
    hold_active = facts.hold_until is None or run_date < facts.hold_until
    if (facts.hold_reason.strip() or facts.hold_until) and hold_active:
        until = f" until {facts.hold_until:%m/%d/%Y}" if facts.hold_until else ""
        holds.append(Hold("patient_hold",
                          f"held by the practice{until}: {facts.hold_reason.strip() or 'no reason'}"))
    if facts.claims_waiting:
        shown = ", ".join(facts.claims_waiting[:3])
        more = f" and {len(facts.claims_waiting) - 3} more" if len(facts.claims_waiting) > 3 else ""
        holds.append(Hold("insurance_pending",
                          f"waiting on insurance: claim {shown}{more} not answered yet"))
    if facts.gfe_dispute_open:
        holds.append(Hold("gfe_dispute", "Good Faith Estimate dispute open (45 CFR 149.620)"))
    if facts.last_sent_on is not None and (run_date - facts.last_sent_on).days < cycle_days:
        next_on = facts.last_sent_on + dt.timedelta(days=cycle_days)
        holds.append(Hold("recent_statement",
                          f"statement sent {facts.last_sent_on:%m/%d/%Y}; next one from "
                          f"{next_on:%m/%d/%Y} ({cycle_days}-day cycle)"))
    return holds


def decide(facts: AccountFacts, *, run_date: dt.date, minimum: Decimal,
           cycle_days: int = STATEMENT_CYCLE_DAYS) -> Decision:
    """What the statement run does for this patient (see the module docstring)."""
    if facts.balance < ZERO:
        return Decision(facts.patient_id, "refund_review",
                        note=f"credit balance {format_usd(-facts.balance)}: review for refund")
    if facts.balance == ZERO:
        return Decision(facts.patient_id, "none", note="nothing owed")
    if facts.balance < minimum:
        return Decision(facts.patient_id, "none",
                        note=f"balance {format_usd(facts.balance)} is below the statement "
                             f"minimum of {format_usd(minimum)}")
    holds = _holds(facts, run_date, cycle_days)
    return Decision(facts.patient_id, "held" if holds else "statement", tuple(holds))


def due_on(run_date: dt.date) -> dt.date:
    return run_date + dt.timedelta(days=DUE_AFTER_DAYS)


def next_number(highest: str | None) -> str:
    """The number after ``highest`` (``ST000041`` -> ``ST000042``); ``ST000001`` first."""
    seq = 0
    if highest and highest.startswith(NUMBER_PREFIX) and highest[len(NUMBER_PREFIX):].isdigit():
        seq = int(highest[len(NUMBER_PREFIX):])
    return f"{NUMBER_PREFIX}{seq + 1:06d}"
