"""The demo's last step: a day of working the money, so every work list has something on it.

After the weekly billing cycles, for each demo practice, through the product's own
services (so audit events, ledger entries and numbers are real):
- Good Faith Estimates for the self-pay patients (``app.demo.estimates``);
- the denial workbench: the ten highest-priority denials assigned to a biller, and level-1
  appeals drafted for the three best appealable ones whose deadline has not passed;
- A/R follow-up: notes with next-action dates on the five claims at the top of the list;
- one write-off request waiting for a second user's approval (a denial that cannot be
  appealed, else the smallest one, below an appeal's cost);
- a statement run on the demo's "today" (ready and held statements with their reasons).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from bhbilling.app import models as m
from bhbilling.app.appeals.service import start_appeal
from bhbilling.app.demo.estimates import seed_estimates
from bhbilling.app.denials.assignment import assign, workers
from bhbilling.app.denials.queue import workbench
from bhbilling.app.patient_billing.statements import run_statements
from bhbilling.app.receivables.followup import add_note, work_list
from bhbilling.app.tenancy import scoped_to
from bhbilling.app.writeoffs import open_balance, request_write_off
from bhbilling.domain.denials.writeoffs import WriteOffKind

__all__ = ["WorkDone", "work_the_money"]
ACTOR = "demo:workqueue"


@dataclass
class WorkDone:
    estimates: int = 0
    assigned: int = 0
    appeals: int = 0
    notes: int = 0
    write_offs: int = 0
    statements_ready: int = 0
    statements_held: int = 0


def _denials(practice: m.Practice, today: dt.date, now: dt.datetime, done: WorkDone) -> None:
    items = workbench(practice.pk, today=today)
    users = workers(practice.pk)
    if users:
        done.assigned += assign([it.denial for it in items[:10]], users[0], ACTOR)
    appealable = [it for it in items if it.advice.appealable and it.days_left is not None
                  and it.days_left > 0 and not it.denial.appeals.exists()]
    for it in appealable[:3]:
        start_appeal(it.denial, actor=ACTOR, today=today, signer="Billing office")
        done.appeals += 1
    appealed = {it.denial.pk for it in appealable[:3]}
    lost = next((it for it in items if not it.advice.appealable), None)
    kind, reason = WriteOffKind.ADMINISTRATIVE, "Not appealable and not correctable (demo)"
    if lost is None:  # else the smallest one, not worth an appeal's cost
        rest = [it for it in items if it.denial.pk not in appealed]
        lost = min(rest, key=lambda it: (it.denial.amount, it.denial.pk), default=None)
        kind, reason = WriteOffKind.APPEAL_LOST, "Below the practice's appeal threshold (demo)"
    if lost is not None:
        amount = min(lost.denial.amount, open_balance(
            practice.pk, source=m.WriteOff.Source.INSURANCE, claim=lost.denial.claim))
        if amount > 0:
            request_write_off(practice_id=practice.pk, claim=lost.denial.claim, denial=lost.denial,
                              source=m.WriteOff.Source.INSURANCE, amount=amount, reason=reason,
                              kind=kind, actor=ACTOR, now=now)
            done.write_offs += 1


def _follow_up(practice: m.Practice, today: dt.date, now: dt.datetime, done: WorkDone) -> None:
    for n, item in enumerate(work_list([practice.pk], today, limit=5)):
        add_note(item.claim, "Called the payer: claim on file, in process; call back if no 835.",
                 "called payer", today + dt.timedelta(days=7 + n), actor=ACTOR, now=now)
        done.notes += 1


def work_the_money(company_id: int, *, today: dt.date,
                   progress: Callable[[str, int, int], None] | None = None) -> WorkDone:
    done = WorkDone()
    now = dt.datetime.combine(today, dt.time(17, 0), tzinfo=dt.UTC)
    practices = list(m.Practice.unscoped.filter(company_id=company_id).order_by("pk"))
    for n, practice in enumerate(practices, start=1):
        with scoped_to(company_id, practice.pk):
            done.estimates += len(seed_estimates(practice, today).ids)
            _denials(practice, today, now, done)
            _follow_up(practice, today, now, done)
            run = run_statements(practice.pk, today, actor=ACTOR, now=now)
            done.statements_ready += len(run.ready)
            done.statements_held += len(run.held)
        if progress:
            progress("working denials, follow-up, statements, estimates", n, len(practices))
    return done
