"""Write 270 eligibility inquiries: a batch for the sessions ahead, or one patient on demand.

Model (005010X279A1 section 1.4.3): one interchange per run, one GS*HS group, one
transaction per payer (split at 99 inquiries), one inquiry per patient and coverage, dated
the patient's first scheduled session in the window (DTP*291). The patient's primary
coverage active on that date is asked; a patient with no coverage, or self-pay, is listed
as skipped with why. Service types (EQ01) come from ``service_types_for``.

Control numbers: the company's clearinghouse row keeps the ISA13/GS06/ST02 counters
(``app/models/submission.py``); they are taken under SELECT ... FOR UPDATE in the same
database transaction that writes the file, exactly as 837P batches take theirs
(``app/submission/batches.py``), so a 270 and an 837P from one sender never share an ISA13
and a rolled-back run gives its numbers back.

Each inquiry's TRN02 is ``matching.trace_number`` (patient, coverage, ISA13), so the 271
the payer sends back is filed under the right patient without a pending row. No
clearinghouse connection sends these yet: the file is written to a directory (CLI) or
offered for download (web), and the 271 that comes back is imported.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction

from bhbilling.app import audit
from bhbilling.app.eligibility.matching import trace_number
from bhbilling.app.eligibility.recording import primary_coverage
from bhbilling.app.models import (
    Clearinghouse,
    ClinicalSession,
    Coverage,
    Patient,
    PayerKind,
    Practice,
    SessionStatus,
    UsageIndicator,
)
from bhbilling.app.submission.batches import default_clearinghouse
from bhbilling.app.submission.control_numbers import allocate
from bhbilling.app.submission.mapping import delimiters_of
from bhbilling.kernel.errors import BhBillingError
from bhbilling.x12.elig270 import (
    MAX_INQUIRIES_PER_TRANSACTION,
    MENTAL_HEALTH_INQUIRY,
    Dependent,
    InformationReceiver,
    InformationSource,
    Inquiry,
    PersonName,
    Subscriber,
    Transaction270,
    write_270,
)
from bhbilling.x12.values import X12WriteError

__all__ = ["InquiryFile", "InquiryRun", "Planned", "plan_for_patient", "plan_for_sessions",
           "run_inquiries", "scheduled_sessions", "service_types_for", "write_inquiries"]

# The plan plus substance-use services (AI/AK) for SUD programs, whose payers answer there.
SUD_INQUIRY = (*MENTAL_HEALTH_INQUIRY, "AI", "AK")
# 270 2100D INS02 allows 01 spouse, 19 child, 34 other adult only.
_DEPENDENT_RELATIONSHIP = {"01": "01", "19": "19", "53": "34"}


@dataclass(frozen=True, slots=True)
class Planned:
    patient: Patient
    coverage: Coverage
    service_date: dt.date


@dataclass(slots=True)
class InquiryFile:
    file_name: str
    content: str
    interchange_number: int
    inquiries: int
    payers: int
    patients: list[int] = field(default_factory=list)


@dataclass(slots=True)
class InquiryRun:
    file: InquiryFile | None = None
    sessions: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (patient id, why)


def service_types_for(practice: Practice, coverage: Coverage) -> tuple[str, ...]:
    """EQ01 codes for this payer: the setting ``BHBILLING_ELIGIBILITY_SERVICE_TYPES``
    (payer id -> codes) when it names the payer, else 30/MH/A6/A8, plus AI/AK for SUD."""
    configured = getattr(settings, "BHBILLING_ELIGIBILITY_SERVICE_TYPES", {}) or {}
    codes = configured.get(coverage.payer.payer_id)
    if codes:
        return tuple(codes)
    sud = practice.part2_program or practice.kind == Practice.Kind.SUD_PROGRAM
    return SUD_INQUIRY if sud else MENTAL_HEALTH_INQUIRY


def scheduled_sessions(on: dt.date, days: int):
    """Scheduled sessions of the current practice from `on` to `on` + `days` (inclusive)."""
    if days < 0:
        raise BhBillingError("--days must be 0 or more")
    return (ClinicalSession.objects.filter(status=SessionStatus.SCHEDULED,
                                           date_of_service__gte=on,
                                           date_of_service__lte=on + dt.timedelta(days=days))
            .select_related("patient").order_by("date_of_service", "id"))


def _askable(coverage: Coverage | None) -> str:
    if coverage is None:
        return "no insurance on file (self-pay): nothing to ask"
    if coverage.payer.kind == PayerKind.SELF_PAY:
        return "self-pay: nothing to ask"
    return ""


def plan_for_sessions(sessions: Iterable[ClinicalSession]) -> tuple[list[Planned], list[tuple[int, str]]]:
    """One inquiry per patient, dated their first session; skipped patients with why."""
    first: dict[int, ClinicalSession] = {}
    for s in sessions:
        if s.patient_id not in first or s.date_of_service < first[s.patient_id].date_of_service:
            first[s.patient_id] = s
    planned, skipped = [], []
    for session in first.values():
        day = session.date_of_service
        coverage = next((c for c in Coverage.objects.filter(patient_id=session.patient_id)
                         .select_related("payer").order_by("priority", "-starts_on")
                         if c.is_active_on(day)), None)
        why = _askable(coverage)
        if why:
            skipped.append((session.patient_id, why))
        else:
            planned.append(Planned(session.patient, coverage, day))
    return planned, skipped


def plan_for_patient(patient: Patient, on: dt.date) -> Planned:
    """The on-demand inquiry: the primary coverage on `on` (else the newest one on file)."""
    coverage = primary_coverage(patient, on)
    why = _askable(coverage)
    if why:
        raise BhBillingError(f"patient {patient.pk}: {why}")
    return Planned(patient, coverage, on)


def _person(first: str, middle: str, last: str) -> PersonName:
    return PersonName(last=last, first=first, middle=middle)


def _sex(value: str) -> str:
    return value if value in ("M", "F") else ""


def _inquiry(item: Planned, trace: str, originator: str, codes: Sequence[str]) -> Inquiry:
    patient, cov = item.patient, item.coverage
    if cov.relationship == "18":
        sub = Subscriber(cov.member_id, _person(patient.first_name, patient.middle_name,
                                                patient.last_name),
                         patient.date_of_birth, _sex(patient.sex), cov.group_number)
        return Inquiry(trace, originator, sub, item.service_date, tuple(codes))
    sub = Subscriber(cov.member_id, _person(cov.subscriber_first_name, "", cov.subscriber_last_name),
                     cov.subscriber_date_of_birth, _sex(cov.subscriber_sex), cov.group_number)
    dep = Dependent(_person(patient.first_name, patient.middle_name, patient.last_name),
                    patient.date_of_birth, _sex(patient.sex),
                    _DEPENDENT_RELATIONSHIP.get(cov.relationship, ""))
    return Inquiry(trace, originator, sub, item.service_date, tuple(codes), dependent=dep)


def _chunks(planned: Sequence[Planned]) -> list[list[Planned]]:
    by_payer: dict[int, list[Planned]] = defaultdict(list)
    for item in planned:
        by_payer[item.coverage.payer_id].append(item)
    return [items[i:i + MAX_INQUIRIES_PER_TRANSACTION] for items in by_payer.values()
            for i in range(0, len(items), MAX_INQUIRIES_PER_TRANSACTION)]


def write_inquiries(practice: Practice, planned: Sequence[Planned], *, now: dt.datetime,
                    clearinghouse: Clearinghouse | None = None, actor: Any = None,
                    usage: str | None = None,
                    progress: Callable[[int, int], None] | None = None) -> InquiryFile:
    """One 270 interchange asking about every planned patient (see the module docstring)."""
    if not planned:
        raise BhBillingError("no patient to ask about")
    ch = clearinghouse or default_clearinghouse(practice.company_id)
    chunks = _chunks(planned)
    receiver = InformationReceiver(practice.npi, organization_name=practice.legal_name or practice.name,
                                   taxonomy=practice.taxonomy)
    originator = "1" + practice.tin
    with transaction.atomic():
        ch, isa13, gs06, st = allocate(ch.pk, len(chunks))
        transactions, done = [], 0
        for k, items in enumerate(chunks):
            inquiries = []
            for item in items:
                trace = trace_number(item.patient.pk, item.coverage.pk, isa13)
                codes = service_types_for(practice, item.coverage)
                inquiries.append(_inquiry(item, trace, originator, codes))
                done += 1
                if progress:
                    progress(done, len(planned))
            payer = items[0].coverage.payer
            transactions.append(Transaction270(st + k, f"{isa13}-{k + 1}",
                                               InformationSource(payer.name, payer.payer_id),
                                               receiver, tuple(inquiries)))
        indicator = usage or ch.usage_indicator
        text = write_270(transactions, sender_id=ch.sender_id, receiver_id=ch.receiver_id,
                         interchange_control_number=isa13, group_control_number=gs06, created=now,
                         test=indicator == UsageIndicator.TEST, delimiters=delimiters_of(ch),
                         sender_qualifier=ch.sender_qualifier, receiver_qualifier=ch.receiver_qualifier,
                         line_break=ch.line_breaks)
        patients = [item.patient for item in planned]
        audit.record_many("export", patients, actor=actor, detail={"what": "270", "isa13": isa13})
    name = f"270-{practice.npi}-{isa13:09d}{'-TEST' if indicator == UsageIndicator.TEST else ''}.x12"
    return InquiryFile(name, text, isa13, len(planned), len({i.coverage.payer_id for i in planned}),
                       [p.pk for p in patients])


def _writable(practice: Practice, planned: Sequence[Planned]) -> tuple[list[Planned], list[tuple[int, str]]]:
    """Inquiries the 270 can carry; one that cannot (e.g. no subscriber name on a
    dependent's coverage) is listed with the writer's reason, the rest still go."""
    good, skipped = [], []
    for item in planned:
        try:
            _inquiry(item, "BHB-0-0-0", "1" + practice.tin, service_types_for(practice, item.coverage))
        except X12WriteError as exc:
            skipped.append((item.patient.pk, str(exc)))
            continue
        good.append(item)
    return good, skipped


def run_inquiries(practice: Practice, *, on: dt.date, days: int, now: dt.datetime,
                  actor: Any = None, usage: str | None = None,
                  progress: Callable[[int, int], None] | None = None) -> InquiryRun:
    """The batch: every patient with a session scheduled from `on` to `on` + `days`."""
    sessions = list(scheduled_sessions(on, days))
    planned, skipped = plan_for_sessions(sessions)
    planned, unwritable = _writable(practice, planned)
    run = InquiryRun(sessions=len(sessions), skipped=skipped + unwritable)
    if planned:
        run.file = write_inquiries(practice, planned, now=now, actor=actor, usage=usage,
                                   progress=progress)
    return run
