"""Statement runs: decide who gets a statement, keep a snapshot of it, mark it sent.

- ``run_statements`` applies the pure rules (``domain.receivables.statements``) to every
  patient with a balance on the run date. A patient gets at most one open statement
  (ready or held): a later run refreshes it (date, amounts, reasons) instead of adding
  another, and removes it when the patient no longer qualifies (balance paid, credit).
  Sent statements are never changed. Runs of one practice are serialized by locking the
  practice row, so statement numbers (``ST000001``...) stay unique and gap-free in order.
- The snapshot holds everything the PDF prints (lines, aging, insurance paid, plan
  installment), so a reprint matches the paper the patient holds even after later postings.
- Credit balances go to the refund review list; balances under the practice's statement
  minimum are skipped (and left to the small-balance write-off rule).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max

from bhbilling.app import audit
from bhbilling.app import models as m
from bhbilling.app.patient_billing.account import patient_ledger
from bhbilling.app.patient_billing.holds import account_facts
from bhbilling.app.patient_billing.plans import refresh_status
from bhbilling.app.patient_billing.snapshot import build_snapshot
from bhbilling.domain.receivables.patient_account import summarize
from bhbilling.domain.receivables.statements import Decision, decide, due_on, next_number
from bhbilling.kernel.errors import BhBillingError

__all__ = ["RunResult", "StatementRefused", "mark_sent", "refund_review", "run_statements"]
OPEN = (m.StatementStatus.READY, m.StatementStatus.HELD)


class StatementRefused(BhBillingError):
    """The statement cannot be changed that way; the message says why."""


@dataclass
class RunResult:
    run_date: dt.date
    ready: list[m.Statement] = field(default_factory=list)
    held: list[m.Statement] = field(default_factory=list)
    refund_review: list[tuple[int, Decimal]] = field(default_factory=list)  # (patient id, credit)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (patient id, why)
    removed: int = 0


def _user(actor: Any):
    return actor if getattr(actor, "is_authenticated", False) else None


def _plan(patient: m.Patient, run_date: dt.date, actor: Any):
    plan = (m.PaymentPlan.unscoped.filter(patient=patient, status__in=[
        m.PaymentPlanStatus.ACTIVE, m.PaymentPlanStatus.DEFAULTED]).order_by("-created_at", "-id")
        .first())
    if plan is None:
        return None
    view = refresh_status(plan, as_of=run_date, actor=actor)
    return view if plan.status == m.PaymentPlanStatus.ACTIVE else None


def _write(practice: m.Practice, patient: m.Patient, decision: Decision, run_date: dt.date,
           row: m.Statement | None, number: str, actor: Any, now: dt.datetime) -> m.Statement:
    ledger = patient_ledger(practice.pk, patient, as_of=run_date)
    summary = summarize(list(ledger.services), list(ledger.movements), run_date)
    due = due_on(run_date)
    number = row.number if row is not None else number
    snapshot = build_snapshot(practice, patient, summary, number=number, run_date=run_date,
                              due=due, plan=_plan(patient, run_date, actor),
                              holds=decision.holds)
    status = m.StatementStatus.HELD if decision.action == "held" else m.StatementStatus.READY
    values = dict(statement_date=run_date, due_on=due, balance=summary.balance, snapshot=snapshot,
                  status=status, hold_reason=decision.reason_text[:200])
    if row is None:
        row = m.Statement.unscoped.create(practice=practice, patient=patient, number=number,
                                          created_by=_user(actor), created_at=now, **values)
        audit.record("create", row, actor=actor, detail={"status": status})
    else:
        for name, value in values.items():
            setattr(row, name, value)
        row.save(update_fields=list(values))
        audit.record("update", row, actor=actor, detail={"fields": sorted(values)})
    return row


@transaction.atomic
def run_statements(practice_id: int, run_date: dt.date, *, actor: Any = None,
                   now: dt.datetime) -> RunResult:
    """Statements (ready or held, with reasons) for every patient who owes on ``run_date``."""
    practice = m.Practice.unscoped.select_for_update().get(pk=practice_id)
    result = RunResult(run_date)
    open_rows: dict[int, m.Statement] = {}
    for row in m.Statement.unscoped.filter(practice_id=practice_id, status__in=OPEN).order_by("id"):
        if row.patient_id in open_rows:  # an older duplicate: the newest one is kept
            _remove(open_rows[row.patient_id], actor)
            result.removed += 1
        open_rows[row.patient_id] = row
    highest = (m.Statement.unscoped.filter(practice_id=practice_id)
               .aggregate(n=Max("number"))["n"])
    facts = account_facts(practice_id, run_date)
    patients = {p.pk: p for p in m.Patient.unscoped.filter(
        practice_id=practice_id, pk__in=[f.patient_id for f in facts])}
    wanted = set()
    for f in facts:
        decision = decide(f, run_date=run_date, minimum=practice.statement_minimum)
        if decision.action == "refund_review":
            result.refund_review.append((f.patient_id, -f.balance))
            continue
        if decision.action == "none":
            result.skipped.append((f.patient_id, decision.note))
            continue
        wanted.add(f.patient_id)
        row = open_rows.get(f.patient_id)
        if row is None:
            highest = next_number(highest)
        stored = _write(practice, patients[f.patient_id], decision, run_date, row, highest,
                        actor, now)
        (result.held if stored.status == m.StatementStatus.HELD else result.ready).append(stored)
    for patient_id, row in open_rows.items():
        if patient_id not in wanted:
            _remove(row, actor)
            result.removed += 1
    return result


def _remove(row: m.Statement, actor: Any) -> None:
    """An open statement that was never sent and no longer applies is deleted (audited)."""
    audit.record("delete", row, actor=actor, detail={"status": row.status})
    row.delete()


@transaction.atomic
def mark_sent(statement: m.Statement, *, sent_on: dt.date, actor: Any = None) -> m.Statement:
    """A ready statement was mailed or handed over on ``sent_on``; held ones cannot be sent."""
    row = m.Statement.unscoped.select_for_update().get(pk=statement.pk)
    if row.status == m.StatementStatus.SENT:
        raise StatementRefused(f"statement {row.number} was already sent on {row.sent_on:%m/%d/%Y}")
    if row.status == m.StatementStatus.HELD:
        raise StatementRefused(f"statement {row.number} is held ({row.hold_reason}); clear the "
                               "hold and run statements again before sending")
    if sent_on < row.statement_date:
        raise StatementRefused(f"sent on: expected {row.statement_date:%m/%d/%Y} (the statement "
                               f"date) or later, got {sent_on:%m/%d/%Y}")
    row.status, row.sent_on = m.StatementStatus.SENT, sent_on
    row.save(update_fields=["status", "sent_on"])
    audit.record("update", row, actor=actor, detail={"fields": ["sent_on", "status"]})
    return row


def refund_review(practice_id: int, as_of: dt.date) -> list[tuple[m.Patient, Decimal]]:
    """Patients with a credit balance on ``as_of`` (they paid more than they owe), largest first."""
    facts = [f for f in account_facts(practice_id, as_of) if f.balance < 0]
    patients = {p.pk: p for p in m.Patient.unscoped.filter(
        practice_id=practice_id, pk__in=[f.patient_id for f in facts])}
    return sorted(((patients[f.patient_id], -f.balance) for f in facts), key=lambda r: -r[1])
