"""Payment plans, pure: the installment schedule and whether the patient keeps up with it.

Model:
- A plan spreads ``total`` (at most the patient's balance when it is agreed) over monthly
  installments of ``installment`` dollars due on ``day_of_month``; the last installment
  takes the remainder so the schedule adds up to the total to the cent. A day beyond the
  month's end (29-31) falls on the month's last day.
- The first installment is due on the first such day on or after ``starts_on``.
- Status as of a date, from the payments made on the plan (applied in order to the
  installments): ``paid`` when the payments cover the total; ``behind`` when an installment
  whose due date has passed is not covered; ``current`` otherwise. An installment is missed
  the day after its due date. After ``DEFAULT_AFTER_MISSED`` (2) missed installments the
  plan is ``defaulted``: statements then ask for the whole balance again. Two is the
  practice's default; the app passes another number when a practice sets one.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.kernel.errors import BhBillingError
from bhbilling.kernel.money import ZERO, format_usd, from_cents, to_cents, to_money

__all__ = ["DEFAULT_AFTER_MISSED", "MAX_INSTALLMENTS", "Installment", "PlanRefused", "PlanStatus",
           "check_plan", "due_date", "plan_status", "schedule"]

DEFAULT_AFTER_MISSED = 2
MAX_INSTALLMENTS = 120  # ten years of monthly payments: anything longer is a typo


class PlanRefused(BhBillingError, ValueError):
    """The plan cannot be agreed as asked; the message names the field and the limit."""


@dataclass(frozen=True, slots=True)
class Installment:
    number: int
    due_on: dt.date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class PlanStatus:
    state: str  # "current", "behind", "paid" or "defaulted"
    paid: Decimal
    due_so_far: Decimal
    past_due: Decimal
    missed: int
    next_installment: Installment | None
    remaining: Decimal

    @property
    def amount_due_next(self) -> Decimal:
        """What the next statement asks for: past-due amount plus the next installment."""
        if self.next_installment is None:
            return self.past_due
        return min(self.past_due + self.next_installment.amount, self.remaining)


def due_date(year: int, month: int, day_of_month: int) -> dt.date:
    """The day in that month, or the month's last day when it is shorter."""
    return dt.date(year, month, min(day_of_month, calendar.monthrange(year, month)[1]))


def check_plan(total: Decimal, installment: Decimal, day_of_month: int, *,
               balance: Decimal) -> tuple[Decimal, Decimal]:
    """(total, installment) as money, or PlanRefused naming the problem."""
    try:
        total, installment = to_money(total), to_money(installment)
    except (TypeError, ValueError):
        raise PlanRefused("total and installment: expected dollars and cents such as "
                          "100.00") from None
    if total <= ZERO:
        raise PlanRefused(f"total: expected more than $0.00, got {format_usd(total)}")
    if total > balance:
        raise PlanRefused(f"total: a plan can cover at most the balance of "
                          f"{format_usd(max(balance, ZERO))}, got {format_usd(total)}")
    if installment <= ZERO:
        raise PlanRefused(f"installment: expected more than $0.00, got {format_usd(installment)}")
    if installment > total:
        raise PlanRefused(f"installment: expected at most the total of {format_usd(total)}, "
                          f"got {format_usd(installment)}")
    if -(-to_cents(total) // to_cents(installment)) > MAX_INSTALLMENTS:
        raise PlanRefused(f"installment: {format_usd(installment)} a month would take more "
                          f"than {MAX_INSTALLMENTS} months; ask for a larger installment")
    if not 1 <= day_of_month <= 31:
        raise PlanRefused(f"day of month: expected 1 to 31, got {day_of_month}")
    return total, installment


def schedule(total: Decimal, installment: Decimal, starts_on: dt.date,
             day_of_month: int) -> list[Installment]:
    """Every installment with its due date; the last one takes the remainder (cents exact)."""
    total_cents, each = to_cents(total), to_cents(installment)
    if total_cents <= 0 or each <= 0:
        raise PlanRefused("total and installment must be more than $0.00")
    count = -(-total_cents // each)
    year, month = starts_on.year, starts_on.month
    if due_date(year, month, day_of_month) < starts_on:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    out = []
    for n in range(1, count + 1):
        cents = each if n < count else total_cents - each * (count - 1)
        out.append(Installment(n, due_date(year, month, day_of_month), from_cents(cents)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def plan_status(installments: list[Installment], payments: Iterable[Decimal], as_of: dt.date,
                *, default_after: int = DEFAULT_AFTER_MISSED) -> PlanStatus:
    """Where the plan stands on ``as_of`` given the amounts paid on it so far."""
    total = sum((i.amount for i in installments), ZERO)
    paid = sum((to_money(p) for p in payments), ZERO)
    remaining = max(total - paid, ZERO)
    due_so_far = sum((i.amount for i in installments if i.due_on <= as_of), ZERO)
    covered = ZERO
    missed = 0
    next_installment = None
    for inst in installments:
        covered += inst.amount
        if covered <= paid:
            continue  # paid in full
        if inst.due_on < as_of:
            missed += 1
        elif next_installment is None:
            next_installment = inst
    past_due = max(sum((i.amount for i in installments if i.due_on < as_of), ZERO) - paid, ZERO)
    if paid >= total:
        state = "paid"
    elif missed >= default_after:
        state = "defaulted"
    elif missed:
        state = "behind"
    else:
        state = "current"
    return PlanStatus(state, paid, due_so_far, past_due, missed, next_installment, remaining)
