"""Which patient and coverage a 271 member answers for.

Why two ways: our own 270s put a trace on every inquiry (TRN*1, TRN02) that the payer
echoes as TRN*2 in the 271 (005010X279A1 2000C/2000D TRN), so an answer to our question
names its patient exactly. A 271 we did not ask for (a portal download, another system's
inquiry) has only the member id (2100C NM109), which we find through the coverage's blind
index (``Coverage.member_id_index``: equality without decrypting every row).

Rules:
- Trace first: ``BHB-<patient>-<coverage>-<ISA13>`` written by ``trace_number``; the
  patient and coverage are looked up through the practice-scoped managers, so another
  practice's ids never match.
- Then the member id. One family shares the subscriber's member id, so several coverages
  can match: the birth date (2100C/2100D DMG02) and then the last name narrow them; a
  tie is left unmatched rather than guessed.
Nothing here logs or echoes member ids, names or dates (PHI).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bhbilling.app.fields import blind_index
from bhbilling.app.models import Coverage, Patient
from bhbilling.domain.eligibility import BenefitSummary

__all__ = ["Match", "match_summary", "parse_trace", "trace_number"]

_TRACE = re.compile(r"BHB-(\d+)-(\d+)-(\d+)")


def trace_number(patient_id: int, coverage_id: int, interchange: int) -> str:
    """TRN02 of our 270 inquiry: patient, coverage and the file's ISA13 (unique per file)."""
    return f"BHB-{patient_id}-{coverage_id}-{interchange}"


def parse_trace(value: str) -> tuple[int, int] | None:
    """(patient id, coverage id) from one of our trace numbers, else None."""
    found = _TRACE.fullmatch(value.strip())
    return (int(found.group(1)), int(found.group(2))) if found else None


@dataclass(frozen=True, slots=True)
class Match:
    """The patient (and coverage, when known) a summary belongs to, and how we knew."""

    patient: Patient
    coverage: Coverage | None
    method: str  # "trace" | "member_id" | "given"


def _by_trace(summary: BenefitSummary) -> Match | None:
    for trace in summary.trace_numbers:
        ids = parse_trace(trace)
        if ids is None:
            continue
        coverage = (Coverage.objects.select_related("patient", "payer")
                    .filter(pk=ids[1], patient_id=ids[0]).first())
        if coverage is not None:
            return Match(coverage.patient, coverage, "trace")
    return None


def _narrow(coverages: list[Coverage], summary: BenefitSummary) -> list[Coverage]:
    if len(coverages) > 1 and summary.birth_date is not None:
        same_dob = [c for c in coverages if c.patient.date_of_birth == summary.birth_date]
        coverages = same_dob or coverages
    if len(coverages) > 1 and summary.member_name:
        words = set(summary.member_name.upper().split())
        named = [c for c in coverages if c.patient.last_name.upper() in words]
        coverages = named or coverages
    return coverages


def _by_member_id(summary: BenefitSummary, patient: Patient | None) -> Match | None:
    if not summary.member_id:
        return None
    rows = (Coverage.objects.select_related("patient", "payer")
            .filter(member_id_index=blind_index(summary.member_id)).order_by("priority", "-starts_on"))
    if patient is not None:
        rows = rows.filter(patient=patient)
    coverages = list(rows)
    # Several coverages of one patient (e.g. renewed plan years) are one patient: newest wins.
    if len({c.patient_id for c in coverages}) > 1:
        coverages = _narrow(coverages, summary)
    if not coverages or len({c.patient_id for c in coverages}) != 1:
        return None
    payer_match = [c for c in coverages if summary.payer_id and c.payer.payer_id == summary.payer_id]
    chosen = (payer_match or coverages)[0]
    return Match(chosen.patient, chosen, "member_id")


def match_summary(summary: BenefitSummary, patient: Patient | None = None) -> Match | None:
    """The patient/coverage `summary` answers for (see the module docstring), or None.

    With `patient` given (a 271 uploaded on that patient's page) only that patient's
    coverages can match.
    """
    found = _by_trace(summary)
    if found is not None and (patient is None or found.patient.pk == patient.pk):
        return found
    return _by_member_id(summary, patient)
