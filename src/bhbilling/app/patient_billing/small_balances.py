"""The small-balance write-off rule: tiny balances cost more to collect than they bring.

A patient balance is written off by the rule when, on ``as_of``:
- it is more than $0.00 and at most the practice's ``small_balance_limit``;
- the patient's last statement was sent more than ``SMALL_BALANCE_AFTER_DAYS`` (60) days
  before, or the patient never got one (balances under the statement minimum are never
  billed, so waiting for a statement would keep them open forever); 60 days is two
  statement cycles, enough time for a patient who got a bill to pay it;
- nothing else is still deciding the balance: no claim of the patient waiting on
  insurance, no hold set by the practice, no open Good Faith Estimate dispute (the same
  facts that hold statements; ``domain.receivables.statements``).
The write-off itself is made by ``app.writeoffs.write_off_by_rule`` (rule
``small_balance``): approved by the rule the practice adopted, posted at once
(Dr 4200 other adjustments, Cr 1200 patient A/R), one write-off per patient.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from bhbilling.app import audit
from bhbilling.app import models as m
from bhbilling.app.patient_billing.holds import account_facts
from bhbilling.app.writeoffs import write_off_by_rule
from bhbilling.domain.receivables.statements import decide

__all__ = ["RULE", "SMALL_BALANCE_AFTER_DAYS", "SmallBalance", "small_balance_candidates",
           "write_off_small_balances"]

RULE = "small_balance"
SMALL_BALANCE_AFTER_DAYS = 60
_BLOCKING = {"patient_hold", "insurance_pending", "gfe_dispute"}


@dataclass(frozen=True, slots=True)
class SmallBalance:
    patient: m.Patient
    balance: Decimal
    last_sent_on: dt.date | None
    write_off: m.WriteOff | None = None


def small_balance_candidates(practice_id: int, as_of: dt.date) -> list[SmallBalance]:
    """The balances the rule would write off on ``as_of`` (nothing is written)."""
    practice = m.Practice.unscoped.get(pk=practice_id)
    limit = practice.small_balance_limit
    cutoff = as_of - dt.timedelta(days=SMALL_BALANCE_AFTER_DAYS)
    chosen = []
    for f in account_facts(practice_id, as_of):
        if not (Decimal("0") < f.balance <= limit):
            continue
        if f.last_sent_on is not None and f.last_sent_on >= cutoff:
            continue
        # the statement rules with no minimum and no cycle: only the blocking holds remain
        decision = decide(f, run_date=as_of, minimum=Decimal("0"), cycle_days=0)
        if any(h.code in _BLOCKING for h in decision.holds):
            continue
        chosen.append(f)
    patients = {p.pk: p for p in m.Patient.unscoped.filter(
        practice_id=practice_id, pk__in=[f.patient_id for f in chosen])}
    return [SmallBalance(patients[f.patient_id], f.balance, f.last_sent_on) for f in chosen]


@transaction.atomic
def write_off_small_balances(practice_id: int, as_of: dt.date, *, actor: Any = None,
                             now: dt.datetime) -> list[SmallBalance]:
    """Write off every candidate's whole balance by the rule; returns what was written off.

    Each write-off is recorded as made by the rule; ``actor`` (who ran it) is recorded once
    for the run, with the number of write-offs.
    """
    done = []
    for c in small_balance_candidates(practice_id, as_of):
        wo = write_off_by_rule(practice_id=practice_id, patient=c.patient, amount=c.balance,
                               rule=RULE, claim=None, now=now)
        done.append(SmallBalance(c.patient, c.balance, c.last_sent_on, wo))
    audit.record("update", object_type="small_balance_rule", object_id=as_of.isoformat(),
                 practice_id=practice_id, actor=actor, detail={"count": len(done)})
    return done
