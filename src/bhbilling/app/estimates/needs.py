"""Who is owed a Good Faith Estimate (45 CFR 149.610(a)(2), (b)(1); reference §10.1).

An uninsured patient, or an insured one who is not having the service billed to the plan
("self-pay"), is owed an estimate on scheduling and on request. On a given day that is:
- no primary coverage active on the day ("no insurance on file"), or
- a primary coverage whose payer is of the self-pay kind, or
- a session on or after the day marked "do not bill the plan" (paid out of pocket,
  45 CFR 164.522(a)(1)(vi)): for that service the patient is self-pay, or
- the patient asked (any question about cost counts as a request): the caller says so
  with ``asked``, and an open request (a draft estimate triggered by a request) counts too.
The answer says why, so a screen can show it; it never names the patient.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bhbilling.app.models import (
    ClinicalSession,
    Coverage,
    CoveragePriority,
    EstimateStatus,
    EstimateTrigger,
    GoodFaithEstimate,
    Patient,
    PayerKind,
    SessionStatus,
)

__all__ = ["Need", "needs_estimate"]


@dataclass(frozen=True, slots=True)
class Need:
    needed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.needed


def needs_estimate(patient: Patient, on: dt.date, *, asked: bool = False) -> Need:
    """Whether the patient is owed a Good Faith Estimate for services on or after ``on``."""
    if asked:
        return Need(True, "the patient asked for an estimate (a request)")
    primary = [c for c in Coverage.objects.filter(patient_id=patient.pk, priority=CoveragePriority.PRIMARY)
               .select_related("payer").order_by("-starts_on", "-id") if c.is_active_on(on)]
    if not primary:
        return Need(True, f"no insurance active on {on.isoformat()} (uninsured)")
    if primary[0].payer.kind == PayerKind.SELF_PAY:
        return Need(True, "self-pay coverage on file")
    if ClinicalSession.objects.filter(patient_id=patient.pk, no_disclose=True, date_of_service__gte=on
                                      ).exclude(status=SessionStatus.CANCELLED).exists():
        return Need(True, "a session is paid out of pocket and not billed to the plan (self-pay)")
    if GoodFaithEstimate.objects.filter(patient_id=patient.pk, trigger=EstimateTrigger.REQUEST,
                                        status=EstimateStatus.DRAFT).exists():
        return Need(True, "an estimate request is open")
    return Need(False, f"insured ({primary[0].payer.name}) and billing the plan")
