"""The denial workbench queue of one practice: what to work first, with the advice to do it.

Order (issue #8): expected recovery = dollars at stake x chance of recovery (the CARC/RARC
mapping's estimate), highest first; then the appeal deadline, soonest first (no deadline
last); then the oldest denial. Only open and in-progress denials are work unless a status
filter asks for others. Reading the queue is audit-logged as one "list" event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.app import audit
from bhbilling.app.models import Denial, DenialStatus
from bhbilling.domain.denials import Category, DenialAdvice, days_left, priority_key, priority_score
from bhbilling.domain.denials.mapping import classify
from bhbilling.reference import adjustments

__all__ = ["ACTIVE", "QueueFilters", "QueueItem", "code_texts", "item_for", "workbench"]

ACTIVE = (DenialStatus.OPEN, DenialStatus.IN_PROGRESS)


@dataclass(frozen=True, slots=True)
class QueueFilters:
    """Blank/None means no filter. ``assignee_id`` 0 means "unassigned"."""

    category: str = ""
    payer_id: int | None = None
    assignee_id: int | None = None
    status: str = ""  # "" = open work (open + in progress); "all" = every status


@dataclass(frozen=True, slots=True)
class QueueItem:
    denial: Denial
    advice: DenialAdvice
    category: Category  # stored category when set (posting/recategorize), else the mapping's
    score: Decimal  # expected dollars recovered
    days_left: int | None
    codes: tuple[tuple[str, str], ...]  # (code, X12 wording) for CARCs then RARCs


def code_texts(denial: Denial) -> tuple[tuple[str, str], ...]:
    """Each CARC (with its group) and RARC with the X12 wording, for the table."""
    out = []
    for code in denial.reason_codes or []:
        known = adjustments.carc(code)
        out.append((f"{denial.group_code}-{code}", known.description if known else "(unknown code)"))
    for code in denial.remark_codes or []:
        known = adjustments.rarc(code)
        out.append((code, known.description if known else "(unknown code)"))
    return tuple(out)


def item_for(denial: Denial, today: dt.date) -> QueueItem:
    payer = denial.claim.payer
    advice = classify(denial.group_code, denial.reason_codes or [], denial.remark_codes or [],
                      payer_kind=payer.kind if payer else "")
    try:
        category = Category(denial.category) if denial.category else advice.category
    except ValueError:
        category = advice.category
    return QueueItem(denial, advice, category, priority_score(denial.amount, advice.recovery_chance),
                     days_left(denial.appeal_deadline, today), code_texts(denial))


def workbench(practice_id: int, filters: QueueFilters = QueueFilters(), *, today: dt.date,
              actor=None) -> list[QueueItem]:
    """The practice's denials to work, highest priority first."""
    rows = (Denial.unscoped.filter(practice_id=practice_id)
            .select_related("claim__patient", "claim__payer", "assigned_to", "payment__remittance"))
    if filters.status != "all":
        rows = rows.filter(status__in=[filters.status] if filters.status else ACTIVE)
    if filters.payer_id:
        rows = rows.filter(claim__payer_id=filters.payer_id)
    if filters.assignee_id == 0:
        rows = rows.filter(assigned_to__isnull=True)
    elif filters.assignee_id:
        rows = rows.filter(assigned_to_id=filters.assignee_id)
    items = [item_for(d, today) for d in rows]
    if filters.category:
        items = [it for it in items if it.category.value == filters.category]
    items.sort(key=lambda it: priority_key(it.denial.amount, it.advice.recovery_chance,
                                           it.denial.appeal_deadline, it.denial.pk))
    audit.record("list", object_type="denial", practice_id=practice_id, actor=actor,
                 detail={"count": len(items)})
    return items
