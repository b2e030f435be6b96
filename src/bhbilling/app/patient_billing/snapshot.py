"""A statement's snapshot (JSON kept on the row) and the PDF made from it.

The snapshot is written once per run and read back for every reprint, so the PDF shows
what the patient was told even after later payments. Money is stored as strings of
dollars and cents ("12.50") and dates as ISO strings: JSON has no exact decimal type.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from bhbilling.app import models as m
from bhbilling.app.patient_billing.plans import PlanView
from bhbilling.documents.addresses import mailing_lines
from bhbilling.documents.pdf import Letterhead
from bhbilling.documents.statement import PlanFacts, StatementFacts, StatementLineFacts, render_statement
from bhbilling.domain.receivables.patient_account import AccountSummary
from bhbilling.domain.receivables.statements import Hold

__all__ = ["build_snapshot", "facts_from_snapshot", "statement_pdf"]

RECENT_PAYMENT_DAYS = 60


def _address(obj: Any, prefix: str = "address_") -> list[str]:
    return list(mailing_lines(obj, prefix))


def _practice(practice: m.Practice) -> dict[str, Any]:
    own = _address(practice)
    pay_to = _address(practice, "pay_to_") if practice.has_pay_to else own
    return {"name": practice.name, "address": own, "phone": practice.phone, "pay_to": pay_to,
            "message": practice.statement_message}


def _recent_payments(patient: m.Patient, run_date: dt.date) -> list[dict[str, str]]:
    since = run_date - dt.timedelta(days=RECENT_PAYMENT_DAYS)
    rows = m.PatientPayment.unscoped.filter(
        patient=patient, kind=m.PaymentKind.PAYMENT, received_on__gt=since,
        received_on__lte=run_date).order_by("received_on", "id")
    return [{"on": r.received_on.isoformat(), "amount": str(r.amount),
             "how": r.get_method_display()} for r in rows]


def build_snapshot(practice: m.Practice, patient: m.Patient, summary: AccountSummary, *,
                   number: str, run_date: dt.date, due: dt.date, plan: PlanView | None,
                   holds: tuple[Hold, ...]) -> dict[str, Any]:
    amount_due = summary.balance
    plan_json = None
    if plan is not None:
        st = plan.status
        amount_due = min(summary.balance, st.amount_due_next)
        plan_json = {"id": plan.plan.pk, "installment": str(plan.plan.installment),
                     "next_due_on": st.next_installment.due_on.isoformat()
                     if st.next_installment else None,
                     "amount_due": str(st.amount_due_next), "past_due": str(st.past_due),
                     "remaining": str(st.remaining), "state": st.state}
    return {
        "number": number, "statement_date": run_date.isoformat(), "due_on": due.isoformat(),
        "account": patient.account_number,
        "patient": {"name": patient.full_name,
                    "address": _address(patient)},
        "practice": _practice(practice),
        "balance": str(summary.balance), "amount_due": str(amount_due),
        "insurance_paid": str(summary.insurance_paid), "credit": str(summary.credit),
        "aging": [{"label": label, "amount": str(amount)} for label, amount in summary.aging],
        "lines": [{"date_of_service": ln.date_of_service.isoformat() if ln.date_of_service else None,
                   "provider": ln.provider, "description": ln.description,
                   "claims": list(ln.claim_numbers), "charge": str(ln.charge),
                   "insurance_paid": str(ln.insurance_paid), "adjustments": str(ln.adjustments),
                   "insurance_pending": str(ln.insurance_pending),
                   "your_payments": str(ln.your_payments), "you_owe": str(ln.you_owe)}
                  for ln in summary.lines],
        "plan": plan_json,
        "recent_payments": _recent_payments(patient, run_date),
        "holds": [{"code": h.code, "text": h.text} for h in holds],
    }


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def facts_from_snapshot(snap: dict[str, Any]) -> StatementFacts:
    practice = snap["practice"]
    plan = snap.get("plan")
    return StatementFacts(
        letterhead=Letterhead(practice["name"], tuple(practice["address"]), practice["phone"]),
        number=snap["number"], statement_date=_date(snap["statement_date"]),
        due_on=_date(snap["due_on"]), account_number=snap["account"],
        patient_name=snap["patient"]["name"], patient_address=tuple(snap["patient"]["address"]),
        balance=Decimal(snap["balance"]), amount_due=Decimal(snap["amount_due"]),
        insurance_paid=Decimal(snap["insurance_paid"]),
        aging=tuple((a["label"], Decimal(a["amount"])) for a in snap["aging"]),
        lines=tuple(StatementLineFacts(
            _date(ln["date_of_service"]), ln["provider"], ln["description"], Decimal(ln["charge"]),
            Decimal(ln["insurance_paid"]), Decimal(ln["adjustments"]),
            Decimal(ln["insurance_pending"]), Decimal(ln["your_payments"]),
            Decimal(ln["you_owe"])) for ln in snap["lines"]),
        how_to_pay=practice["message"], pay_to_name=practice["name"],
        pay_to_address=tuple(practice["pay_to"]),
        plan=PlanFacts(Decimal(plan["installment"]), _date(plan["next_due_on"]),
                       Decimal(plan["amount_due"]), Decimal(plan["past_due"]),
                       Decimal(plan["remaining"]), plan["state"]) if plan else None,
        recent_payments=tuple((_date(p["on"]), Decimal(p["amount"]), p["how"])
                              for p in snap.get("recent_payments", [])))


def statement_pdf(statement: m.Statement) -> bytes:
    """The PDF of a stored statement, from its snapshot (callers audit the export)."""
    return render_statement(facts_from_snapshot(statement.snapshot))
