"""The practice's estimate worklists: due soon, due today, overdue, dispute-eligible.

- A draft is overdue the day after its due date and due today on it. Where the regulation
  sets no deadline (scheduled fewer than 3 business days ahead) the stored date is the
  practice's own target (before the first service) and the row says "target", not "due".
- An issued estimate is "issued late" when it was given after its regulatory due date:
  the record shows it, nothing can undo it.
- Dispute-eligible: issued (or since replaced) estimates whose provider billed $400.00 or
  more above them within their period (``comparison``).
Every row carries its recomputed deadline so screens can print the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from bhbilling.app.estimates.comparison import Comparison, compare_many
from bhbilling.app.estimates.records import estimate_deadline
from bhbilling.app.models import EstimateStatus, GoodFaithEstimate
from bhbilling.domain.estimates import Deadline

__all__ = ["FILTERS", "EstimateRow", "estimate_rows", "filtered", "state_of"]

FILTERS = {"due": "Due in the next 7 days or overdue", "due_today": "Due today",
           "overdue": "Overdue", "dispute": "Dispute-eligible ($400 or more over)", "all": "All"}
SOON_DAYS = 7


@dataclass(frozen=True, slots=True)
class EstimateRow:
    estimate: GoodFaithEstimate
    deadline: Deadline
    state: str
    comparison: Comparison | None = None

    @property
    def urgent(self) -> bool:
        return self.state in ("overdue", "due today")


def state_of(estimate: GoodFaithEstimate, rule: Deadline, today: dt.date) -> str:
    if estimate.status == EstimateStatus.DRAFT:
        if rule.due_on is None:
            return "target passed" if estimate.due_on < today else "target"
        if estimate.due_on < today:
            return "overdue"
        return "due today" if estimate.due_on == today else "due"
    if estimate.status == EstimateStatus.ISSUED:
        late = rule.due_on is not None and estimate.issued_on > rule.due_on
        return "issued late" if late else "issued"
    return str(estimate.status)  # "superseded" or "void"


def estimate_rows(estimates: Iterable[GoodFaithEstimate], today: dt.date, *,
                  compare: bool = True) -> list[EstimateRow]:
    rows = list(estimates)
    comparisons = compare_many([e for e in rows if e.status in (
        EstimateStatus.ISSUED, EstimateStatus.SUPERSEDED)]) if compare else {}
    out = []
    for e in rows:
        rule = estimate_deadline(e)
        out.append(EstimateRow(e, rule, state_of(e, rule, today), comparisons.get(e.pk)))
    return out


def filtered(kind: str, today: dt.date, base: QuerySet | None = None) -> list[EstimateRow]:
    """The rows of one worklist (``FILTERS``), soonest due first."""
    qs = (base if base is not None else GoodFaithEstimate.objects.all()).select_related(
        "patient", "provider", "supersedes")
    drafts = qs.filter(status=EstimateStatus.DRAFT).order_by("due_on", "id")
    if kind == "due":
        return estimate_rows(drafts.filter(due_on__lte=today + dt.timedelta(days=SOON_DAYS)), today)
    if kind == "due_today":
        return estimate_rows(drafts.filter(due_on=today), today)
    if kind == "overdue":
        return [r for r in estimate_rows(drafts.filter(due_on__lt=today), today) if r.state == "overdue"]
    if kind == "dispute":
        issued = qs.filter(status__in=[EstimateStatus.ISSUED, EstimateStatus.SUPERSEDED]).order_by(
            "-period_start", "id")
        return [r for r in estimate_rows(issued, today) if r.comparison and r.comparison.eligible]
    if kind == "all":
        return estimate_rows(qs.order_by("-requested_on", "-id"), today)
    raise ValueError(f"filter: expected one of {', '.join(FILTERS)}, got {kind!r}")
