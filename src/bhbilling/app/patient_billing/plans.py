"""Payment plans: agree one, see where it stands, keep its stored status in step.

The schedule and the status rules are pure (``domain.receivables.plans``); the stored
``PaymentPlan.status`` follows them: ``completed`` once the payments cover the total,
``defaulted`` after the missed installments the rule allows, back to ``active`` if a late
payment catches up. A patient has at most one active plan. Payments count towards a plan
when they are recorded with it (``PatientPayment.plan``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum

from bhbilling.app import audit
from bhbilling.app import models as m
from bhbilling.app.balances import patient_balances
from bhbilling.domain.receivables.plans import (
    Installment,
    PlanRefused,
    PlanStatus,
    check_plan,
    plan_status,
    schedule,
)
from bhbilling.kernel.money import ZERO

__all__ = ["PlanRefused", "PlanView", "active_plan", "cancel_plan", "create_plan", "plan_view",
           "refresh_status"]

_STORED = {"paid": m.PaymentPlanStatus.COMPLETED, "defaulted": m.PaymentPlanStatus.DEFAULTED,
           "current": m.PaymentPlanStatus.ACTIVE, "behind": m.PaymentPlanStatus.ACTIVE}


@dataclass(frozen=True, slots=True)
class PlanView:
    plan: m.PaymentPlan
    installments: tuple[Installment, ...]
    status: PlanStatus


def _user(actor: Any):
    return actor if getattr(actor, "is_authenticated", False) else None


def _installments(plan: m.PaymentPlan) -> list[Installment]:
    return schedule(plan.total, plan.installment, plan.starts_on, plan.day_of_month)


def _paid(plan: m.PaymentPlan) -> Decimal:
    total = (m.PatientPayment.unscoped.filter(plan=plan, kind=m.PaymentKind.PAYMENT)
             .aggregate(s=Sum("amount"))["s"]) or ZERO
    refunded = (m.PatientPayment.unscoped.filter(plan=plan, kind=m.PaymentKind.REFUND)
                .aggregate(s=Sum("amount"))["s"]) or ZERO
    return total - refunded


def plan_view(plan: m.PaymentPlan, as_of: dt.date) -> PlanView:
    installments = _installments(plan)
    return PlanView(plan, tuple(installments), plan_status(installments, [_paid(plan)], as_of))


def active_plan(patient: m.Patient) -> m.PaymentPlan | None:
    return (m.PaymentPlan.unscoped.filter(practice_id=patient.practice_id, patient=patient,
                                          status=m.PaymentPlanStatus.ACTIVE)
            .order_by("-created_at", "-id").first())


@transaction.atomic
def create_plan(patient: m.Patient, *, total: Decimal | str, installment: Decimal | str,
                day_of_month: int, starts_on: dt.date, note: str = "", actor: Any = None,
                now: dt.datetime) -> m.PaymentPlan:
    """A plan for at most the current balance, installments > 0 on a day of the month."""
    m.Patient.unscoped.select_for_update().filter(pk=patient.pk).first()
    if active_plan(patient) is not None:
        raise PlanRefused("patient: already has an active payment plan; cancel it before "
                          "agreeing a new one")
    balance = patient_balances(patient.practice_id, [patient.pk]).get(patient.pk, ZERO)
    money_total, money_installment = check_plan(total, installment, day_of_month, balance=balance)
    plan = m.PaymentPlan.unscoped.create(
        practice_id=patient.practice_id, patient=patient, total=money_total,
        installment=money_installment, day_of_month=day_of_month, starts_on=starts_on,
        note=note.strip()[:200], created_by=_user(actor), created_at=now)
    audit.record("create", plan, actor=actor, detail={"installments": len(_installments(plan))})
    return plan


@transaction.atomic
def cancel_plan(plan: m.PaymentPlan, *, actor: Any = None) -> m.PaymentPlan:
    if plan.status == m.PaymentPlanStatus.CANCELLED:
        return plan
    plan.status = m.PaymentPlanStatus.CANCELLED
    plan.save(update_fields=["status"])
    audit.record("update", plan, actor=actor, detail={"fields": ["status"], "to": "cancelled"})
    return plan


def refresh_status(plan: m.PaymentPlan, *, as_of: dt.date, actor: Any = None) -> PlanView:
    """Store the status the rules give on ``as_of`` (a cancelled plan stays cancelled)."""
    view = plan_view(plan, as_of)
    wanted = _STORED[view.status.state]
    if plan.status != m.PaymentPlanStatus.CANCELLED and plan.status != wanted:
        plan.status = wanted
        plan.save(update_fields=["status"])
        audit.record("update", plan, actor=actor, detail={"fields": ["status"], "to": wanted})
    return view
