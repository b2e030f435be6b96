"""Visit limits per benefit year, counted across every provider of the practice.

Why: a plan's "20 outpatient mental-health visits per year" is the member's allowance, not
one clinician's, so every session of the patient in the practice counts
(``domain.authorizations.count_visits``: one visit per date and provider).

- The limit and its period come from the newest 271 answer of the patient's primary payer
  on the date (``VisitLimit``: EB*F with EB09 VS, HSD*VS).
- The benefit year starts January 1 for a "calendar year" limit, else on the plan's start
  date the payer gave (2100C DTP*346/356), else the coverage's start on file.
- A session's visit status: billed when its primary claim stands, voided when every such
  claim was voided, else the session's own status (completed, scheduled, cancelled, no-show).
- The payer's own "used" figure includes visits at other practices and lags behind claims
  it has not processed; ours includes what the payer has not seen. ``remaining`` takes the
  larger of the two used counts, so the scheduler never sees more visits than there are.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from bhbilling.app.eligibility.recording import primary_coverage
from bhbilling.app.eligibility.stored import latest_check, summary_from_dict
from bhbilling.app.models import (
    Claim,
    ClaimState,
    ClinicalSession,
    EligibilityCheck,
    FrequencyCode,
    Patient,
)
from bhbilling.domain import authorizations as da
from bhbilling.domain.eligibility import VisitLimit

__all__ = ["VisitStatus", "visit_status"]


@dataclass(frozen=True, slots=True)
class VisitStatus:
    count: da.VisitCount
    reported: VisitLimit
    check: EligibilityCheck

    @property
    def used(self) -> int:
        return max(self.count.used, self.reported.used or 0)

    @property
    def remaining(self) -> int:
        return (self.count.limit or 0) - self.used - self.count.scheduled

    @property
    def period(self) -> str:
        return self.reported.period or "benefit year"


def _statuses(patient: Patient) -> dict[int, str]:
    claims: dict[int, list[str]] = defaultdict(list)
    for session_id, state in (Claim.objects.filter(patient=patient, session__isnull=False,
                                                   prior_payer_claim__isnull=True)
                              .exclude(frequency_code=FrequencyCode.VOID)
                              .values_list("session_id", "state")):
        claims[session_id].append(state)
    return {sid: ("billed" if any(s != ClaimState.VOIDED for s in states) else "voided")
            for sid, states in claims.items()}


def _year_start(limit: VisitLimit, coverage_start: dt.date | None, on: dt.date) -> dt.date:
    if "calendar" in limit.period or coverage_start is None:
        return dt.date(on.year, 1, 1)
    return coverage_start


def visit_status(patient: Patient, on: dt.date, *, payer_id: int | None = None,
                 extra: da.Visit | None = None, exclude_session: int | None = None) -> VisitStatus | None:
    """The benefit-year visit count on `on`, or None when no answer gave a visit limit.

    `extra` adds a visit being booked; `exclude_session` leaves out the session it replaces.
    """
    if payer_id is None:
        coverage = primary_coverage(patient, on)
        if coverage is None:
            return None
        payer_id = coverage.payer_id
    else:
        coverage = None
    check = latest_check(patient, payer_id)
    if check is None or not check.summary:
        return None
    summary = summary_from_dict(check.summary)
    limit = summary.visit_limit
    if limit is None or limit.limit is None:
        return None
    start_on_file = summary.coverage_start or (check.coverage.starts_on if check.coverage_id else None) \
        or (coverage.starts_on if coverage is not None else None)
    statuses = _statuses(patient)
    visits = [da.Visit(s.date_of_service, str(s.provider_id), statuses.get(s.pk, s.status))
              for s in ClinicalSession.objects.filter(patient=patient).exclude(pk=exclude_session)]
    if extra is not None:
        visits.append(extra)
    count = da.count_visits(visits, benefit_year_start=_year_start(limit, start_on_file, on), on=on,
                            limit=limit.limit)
    return VisitStatus(count, limit, check)
