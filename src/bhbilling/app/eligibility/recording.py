"""Record a 271 answer: one ``EligibilityCheck`` per patient it answers, with the raw file.

Why keep both: the summary (``summary_to_dict``) is our reading of the 271; the raw text is
what the payer said (issue 10), kept for appeals and for re-reading with better rules.

Rules:
- The file is read once (``interchange.eligibility.summarize_271`` as of ``on``, the date
  the answer is for); a file that is not a readable 271 raises the reader's ``X12Error``
  naming file, segment and element, and nothing is stored.
- Each member is matched to a patient (``matching``: our TRN trace, else the member id);
  members of no patient of this practice are reported, not stored.
- ``patient`` given (an upload on the patient's page): only that patient's coverages
  match; a file holding one answer that names no member (the payer refused the provider,
  005010X279A1 2100A/2100B AAA) is recorded for that patient, but an answer naming another
  member id is refused, so a wrong file is never filed under the wrong chart.
- The same answer imported twice for the same patient is not stored twice.
- Every stored check is audited ("create"; ids only, never member ids or names).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app.eligibility.matching import Match, match_summary
from bhbilling.app.models import (
    Coverage,
    CoveragePriority,
    EligibilityCheck,
    EligibilityStatus,
    Patient,
    Payer,
    Practice,
)
from bhbilling.domain.eligibility import BenefitSummary, summary_to_dict
from bhbilling.interchange.eligibility import summarize_271
from bhbilling.kernel.errors import BhBillingError

__all__ = ["RecordReport", "primary_coverage", "record_271"]


@dataclass(slots=True)
class RecordReport:
    checks: list[EligibilityCheck] = field(default_factory=list)
    duplicates: int = 0
    unmatched: list[str] = field(default_factory=list)  # why, without PHI


def primary_coverage(patient: Patient, on: dt.date) -> Coverage | None:
    """The primary coverage active on `on`, else the newest primary, else any coverage."""
    rows = list(Coverage.objects.filter(patient=patient).select_related("payer")
                .order_by("priority", "-starts_on", "-id"))
    active = [c for c in rows if c.is_active_on(on)]
    primary = [c for c in active if c.priority == CoveragePriority.PRIMARY]
    return next(iter(primary or active or rows), None)


def _status(summary: BenefitSummary) -> str:
    return summary.status if summary.status in EligibilityStatus.values else EligibilityStatus.UNKNOWN


def _payer(summary: BenefitSummary, coverage: Coverage | None) -> Payer | None:
    if coverage is not None:
        return coverage.payer
    if summary.payer_id:
        return Payer.objects.filter(payer_id=summary.payer_id).first()
    return None


def _describe(n: int, summary: BenefitSummary) -> str:
    who = f"member {n} ({summary.level or 'no member: the payer refused the request'})"
    actions = "; ".join(r.action for r in summary.rejections)
    if not summary.level:
        return f"{who}: {actions or 'no patient named'}"
    return f"{who}: no patient of this practice has that trace or member id"


def _for_given_patient(summaries: list[BenefitSummary], patient: Patient,
                       on: dt.date) -> list[tuple[BenefitSummary, Match | None]]:
    pairs = [(s, match_summary(s, patient)) for s in summaries]
    if any(m is not None for _, m in pairs) or len(summaries) != 1:
        return pairs
    (summary, _), = pairs
    if summary.member_id:
        raise BhBillingError("this 271 answers for a member id that is not on this patient's "
                             "coverage: check that it is the right file")
    return [(summary, Match(patient, primary_coverage(patient, on), "given"))]


@transaction.atomic
def record_271(practice: Practice, data: bytes, file_name: str, *, on: dt.date,
               patient: Patient | None = None, actor: Any = None,
               source: str = "file") -> RecordReport:
    """Store every answer in the 271 `data` that belongs to a patient of `practice`."""
    summaries = summarize_271(data, on=on, file_name=file_name)
    text = data.decode("utf-8", errors="replace")
    if patient is not None:
        pairs = _for_given_patient(summaries, patient, on)
    else:
        pairs = [(s, match_summary(s)) for s in summaries]
    report = RecordReport()
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    for n, (summary, match) in enumerate(pairs, start=1):
        if match is None:
            report.unmatched.append(_describe(n, summary))
            continue
        trace = summary.trace_numbers[0] if summary.trace_numbers else ""
        if EligibilityCheck.objects.filter(patient=match.patient, trace_number=trace,
                                           service_date=on, response_271=text).exists():
            report.duplicates += 1
            continue
        check = EligibilityCheck.objects.create(
            practice=practice, patient=match.patient, coverage=match.coverage,
            payer=_payer(summary, match.coverage), service_date=on, checked_at=now,
            status=_status(summary), summary=summary_to_dict(summary), trace_number=trace[:50],
            response_271=text, source=source[:20], checked_by=user)
        audit.record("create", check, actor=actor,
                     detail={"matched_by": match.method, "status": check.status})
        report.checks.append(check)
    return report
