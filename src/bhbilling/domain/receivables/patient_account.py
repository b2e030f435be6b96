"""A patient's account, pure: open items per service, credits applied oldest first, aging.

Model:
- Every change of patient A/R (account 1200) is a ``Movement``: positive when the patient
  owes more (an 835 moved coinsurance to them, a refund paid out a credit), negative when
  they owe less (a payment, a courtesy credit, a write-off, a balance billed on to a
  secondary payer). A movement belongs to a service (a claim and the claims that continue
  it: replacement, secondary) or to the account as a whole (a payment not tied to a claim).
- Within a service, decreases settle its oldest increases first. Credits not tied to a
  service, and services that were overpaid, settle the oldest open items of the account
  (first in, first out), which is how patient accounting applies unapplied payments.
- What is left open is aged by the date the amount became the patient's (the day it was
  posted to patient A/R, not the date of service: the patient could not pay it earlier),
  with the A/R buckets of ``aging`` (0-30 ... 120+).
- Each statement line shows, for one service: the charge, what insurance paid, the
  adjustments (charge minus insurance paid, minus what moved to the patient, minus what
  still sits with insurance), what is still with insurance, the patient's own payments and
  credits, and what they owe. The line adds up, and the lines add up to the ledger balance.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.domain.receivables.aging import BUCKETS, age_in_days, bucket_for
from bhbilling.kernel.money import ZERO

__all__ = ["AccountSummary", "Movement", "ServiceFacts", "StatementLine", "summarize"]


@dataclass(frozen=True, slots=True)
class Movement:
    on: dt.date
    amount: Decimal  # signed: positive = the patient owes more
    service: str | None  # the service (claim chain) key, None = on account
    from_insurance: bool = False  # the same entry moved insurance A/R (835 PR, COB, move)


@dataclass(frozen=True, slots=True)
class ServiceFacts:
    """One service as billed: the claim chain's first date of service, provider and codes."""

    key: str
    date_of_service: dt.date
    provider: str
    codes: tuple[str, ...]  # "90837 (psychotherapy, 60 min)": our labels, never AMA text
    claim_numbers: tuple[str, ...]
    charge: Decimal
    insurance_paid: Decimal
    insurance_pending: Decimal


@dataclass(frozen=True, slots=True)
class StatementLine:
    service: str | None
    date_of_service: dt.date | None
    provider: str
    description: str
    claim_numbers: tuple[str, ...]
    charge: Decimal
    insurance_paid: Decimal
    adjustments: Decimal
    insurance_pending: Decimal
    your_payments: Decimal
    you_owe: Decimal


@dataclass(frozen=True, slots=True)
class AccountSummary:
    lines: tuple[StatementLine, ...]
    credit: Decimal  # credit left after settling every open item (>= 0)
    balance: Decimal  # sum of every movement: the ledger balance
    aging: tuple[tuple[str, Decimal], ...]  # (bucket label, amount) for BUCKETS, in order
    insurance_paid: Decimal  # on the services shown


@dataclass(slots=True)
class _Item:
    service: str | None
    on: dt.date
    amount: Decimal


def _open_items(movements: list[Movement]) -> tuple[list[_Item], Decimal, dict]:
    """Open items after each service settled itself, the pooled credit, per-service sums."""
    by_service: dict[str | None, list[Movement]] = defaultdict(list)
    for mv in movements:
        by_service[mv.service].append(mv)
    items: list[_Item] = []
    pool = ZERO
    sums: dict[str | None, dict[str, Decimal]] = {}
    for service, rows in by_service.items():
        moved = sum((m.amount for m in rows if m.from_insurance), ZERO)
        own = sum((m.amount for m in rows if not m.from_insurance), ZERO)
        sums[service] = {"moved": moved, "own": own}
        if service is None:  # the account as a whole: net it first
            net = moved + own
            if net > ZERO:
                items.append(_Item(None, max(m.on for m in rows if m.amount > ZERO), net))
            else:
                pool += -net
            continue
        ups = [_Item(service, m.on, m.amount) for m in sorted(rows, key=lambda r: r.on)
               if m.amount > ZERO]
        down = -sum((m.amount for m in rows if m.amount < ZERO), ZERO)
        for item in ups:
            used = min(item.amount, down)
            item.amount -= used
            down -= used
        pool += down
        items += [i for i in ups if i.amount > ZERO]
    return items, pool, sums


def summarize(services: list[ServiceFacts], movements: list[Movement],
              as_of: dt.date) -> AccountSummary:
    """Statement lines, leftover credit and aging of one patient's account on ``as_of``."""
    items, pool, sums = _open_items(movements)
    applied: dict[str | None, Decimal] = defaultdict(lambda: ZERO)
    for item in sorted(items, key=lambda i: (i.on, i.service or "")):
        used = min(item.amount, pool)
        item.amount -= used
        pool -= used
        applied[item.service] += used
    owed: dict[str | None, Decimal] = defaultdict(lambda: ZERO)
    aging = {b.key: ZERO for b in BUCKETS}
    for item in items:
        owed[item.service] += item.amount
        aging[bucket_for(age_in_days(item.on, as_of)).key] += item.amount
    facts = {s.key: s for s in services}
    lines = []
    for service, amount in owed.items():
        if amount <= ZERO:
            continue
        moved, own = sums[service]["moved"], sums[service]["own"]
        paid_by_patient = -own + applied[service]
        f = facts.get(service) if service is not None else None
        if f is None:
            lines.append(StatementLine(service, None, "", "Other charges on your account"
                                       if service is None else f"Service {service}", (),
                                       ZERO, ZERO, ZERO, ZERO, paid_by_patient, amount))
            continue
        adjustments = f.charge - f.insurance_paid - moved - f.insurance_pending
        lines.append(StatementLine(service, f.date_of_service, f.provider, "; ".join(f.codes),
                                   f.claim_numbers, f.charge, f.insurance_paid, adjustments,
                                   f.insurance_pending, paid_by_patient, amount))
    lines.sort(key=lambda ln: (ln.date_of_service or dt.date.max, ln.service or ""))
    balance = sum((m.amount for m in movements), ZERO)
    return AccountSummary(tuple(lines), pool, balance,
                          tuple((b.label, aging[b.key]) for b in BUCKETS),
                          sum((ln.insurance_paid for ln in lines), ZERO))
