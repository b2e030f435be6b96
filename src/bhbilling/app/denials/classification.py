"""Give denials their category and appeal deadline: at 835 posting and for older data.

- ``DenialClassifier`` is made once per remittance by the poster: it reads each payer's
  kind and profile appeal window once and returns the fields a new ``Denial`` gets
  (``category``, ``appeal_deadline``). The deadline counts from the 835 date (BPR16),
  taken as the notice of the initial determination (domain.denials.deadlines), and is set
  only for denials that can be appealed (Medicare CO-29 or MA130 have none).
- ``recategorize`` re-applies the mapping and deadline to stored denials (data imported
  before this feature, or after the mapping tables changed). It keeps any deadline a
  denial already has only when ``keep_deadlines`` is set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from bhbilling.app import audit
from bhbilling.app.coding import profile_name_for
from bhbilling.app.models import Denial, Payer
from bhbilling.domain.denials import AppealWindow, DenialAdvice, classify, deadline_for
from bhbilling.payers import ProfileError, appeal_window_for

__all__ = ["DenialClassifier", "advice_for", "recategorize", "window_for"]


def window_for(payer: Payer | None) -> AppealWindow | None:
    """The appeal window of the payer's profile (None: no profile window, e.g. self-pay)."""
    try:
        return appeal_window_for(profile_name_for(payer),
                                 getattr(settings, "BHBILLING_PAYER_PROFILE_DIRS", ()))
    except ProfileError:
        return None


def advice_for(denial: Denial) -> DenialAdvice:
    """The mapping's reading of a stored denial (payer kind from the claim's payer)."""
    payer = denial.claim.payer if denial.claim_id else None
    return classify(denial.group_code, denial.reason_codes or [], denial.remark_codes or [],
                    payer_kind=payer.kind if payer else "")


class DenialClassifier:
    """Category and deadline for new denials of one remittance (payer facts read once)."""

    def __init__(self, notice_date: dt.date) -> None:
        self.notice_date = notice_date
        self._payers: dict[int | None, tuple[str, AppealWindow | None]] = {}

    def _payer(self, payer_id: int | None) -> tuple[str, AppealWindow | None]:
        if payer_id not in self._payers:
            payer = Payer.unscoped.filter(pk=payer_id).first() if payer_id else None
            self._payers[payer_id] = (payer.kind if payer else "", window_for(payer))
        return self._payers[payer_id]

    def fields(self, payer_id: int | None, group: str, reasons: Iterable[str],
               remarks: Iterable[str]) -> dict[str, Any]:
        kind, window = self._payer(payer_id)
        advice = classify(group, list(reasons), list(remarks), payer_kind=kind)
        deadline = (deadline_for(self.notice_date, window)
                    if window is not None and advice.appealable else None)
        return {"category": advice.category.value, "appeal_deadline": deadline}


def recategorize(practice_id: int | None = None, *, keep_deadlines: bool = False,
                 actor: Any = None, progress=None) -> int:
    """Re-apply mapping and deadline to stored denials (one practice or all); how many changed."""
    rows = Denial.unscoped.select_related("claim", "payment__remittance").order_by("id")
    if practice_id is not None:
        rows = rows.filter(practice_id=practice_id)
    classifiers: dict[dt.date, DenialClassifier] = {}
    changed: list[Denial] = []
    for denial in rows.iterator(chunk_size=500):
        notice = denial.payment.remittance.payment_date
        classifier = classifiers.setdefault(notice, DenialClassifier(notice))
        new = classifier.fields(denial.claim.payer_id, denial.group_code,
                                denial.reason_codes or [], denial.remark_codes or [])
        if keep_deadlines and denial.appeal_deadline is not None:
            new["appeal_deadline"] = denial.appeal_deadline
        if (denial.category, denial.appeal_deadline) != (new["category"], new["appeal_deadline"]):
            denial.category, denial.appeal_deadline = new["category"], new["appeal_deadline"]
            changed.append(denial)
        if progress is not None:
            progress()
    if changed:
        Denial.unscoped.bulk_update(changed, ["category", "appeal_deadline"], batch_size=500)
        audit.record_many("update", changed, actor=actor,
                          detail={"fields": ["appeal_deadline", "category"]})
    return len(changed)
