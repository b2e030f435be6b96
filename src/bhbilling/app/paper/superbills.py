"""Monthly superbills: facts per patient from the month's selected sessions, and their PDFs.

Which sessions: ``selection`` (self-pay and out-of-network services). Money on a superbill:
- charges are the itemized lines' charges;
- paid: the patient's payments less refunds that are linked to one of the superbill's
  self-pay claims, or linked to no claim and received during the month (the patient
  ledger of that month); payments linked to an insurer's claim (copays) never count;
- adjustments: credits (courtesy adjustments) under the same rule;
- balance = charges - paid - adjustments, for these services only.
Payments are shown only on a superbill that lists services. Printing superbills exports
PHI, so each patient's PDF is recorded in the audit trail ("export", no values).
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q

from bhbilling.app import audit
from bhbilling.app.models import Patient, PatientPayment, PaymentKind, Practice
from bhbilling.app.paper.diagnoses import diagnosis_title
from bhbilling.app.paper.selection import Itemized, select_sessions
from bhbilling.documents.addresses import mailing_lines, phone_display
from bhbilling.documents.superbill import (
    SuperbillDiagnosis,
    SuperbillFacts,
    SuperbillPayment,
    SuperbillProvider,
    SuperbillService,
    render_superbills,
)
from bhbilling.domain.coding.labels import CODE_LABELS
from bhbilling.kernel.errors import BhBillingError
from bhbilling.reference.place_of_service import load_places_of_service

__all__ = ["MonthSuperbills", "PatientSuperbill", "month_bounds", "parse_month", "previous_month",
           "superbill_for_patient", "superbill_pdf", "superbills_for_month", "superbills_pdf"]

ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class PatientSuperbill:
    patient_id: int
    facts: SuperbillFacts


@dataclass(frozen=True, slots=True)
class MonthSuperbills:
    year: int
    month: int
    superbills: tuple[PatientSuperbill, ...]
    skipped: tuple[tuple[int, int, str], ...]  # (session id, patient id, what to do)

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def parse_month(text: str) -> tuple[int, int]:
    """``2026-03`` -> (2026, 3); a clear error for anything else."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        dt.date(year, month, 1)
    except (ValueError, TypeError):
        raise BhBillingError(f"month {text!r}: expected YYYY-MM, e.g. 2026-03") from None
    return year, month


def previous_month(today: dt.date) -> str:
    """``YYYY-MM`` of the month before ``today``: superbills are made once a month is over."""
    last = today.replace(day=1) - dt.timedelta(days=1)
    return f"{last.year:04d}-{last.month:02d}"


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, monthrange(year, month)[1])


def _lines(addr: Any) -> tuple[str, ...]:
    return mailing_lines(addr, one_street_line=True)


def _payments(practice_id: int, patient_ids: Iterable[int], claim_ids: Iterable[int],
              first: dt.date, last: dt.date) -> dict[int, list[PatientPayment]]:
    rows = (PatientPayment.unscoped.filter(practice_id=practice_id, patient_id__in=list(patient_ids))
            .filter(Q(claim_id__in=list(claim_ids))
                    | Q(claim__isnull=True, received_on__gte=first, received_on__lte=last))
            .order_by("received_on", "id"))
    out: dict[int, list[PatientPayment]] = defaultdict(list)
    for row in rows:
        out[row.patient_id].append(row)
    return out


def _facts(practice: Practice, patient: Patient, items: list[Itemized],
           payments: list[PatientPayment], first: dt.date, last: dt.date,
           today: dt.date) -> SuperbillFacts:
    places = load_places_of_service()
    diagnoses: list[str] = []
    providers: dict[int, Any] = {}
    services = []
    for item in items:
        for ln in item.lines:
            refs = []
            for code in ln.diagnoses:
                if code not in diagnoses:
                    diagnoses.append(code)
                refs.append(diagnoses.index(code) + 1)
            providers.setdefault(ln.provider.pk, ln.provider)
            place = places.get(ln.place_of_service)
            services.append(SuperbillService(
                date=item.session.date_of_service, place_of_service=ln.place_of_service,
                place_name=place.name if place else "", code=ln.code,
                label=CODE_LABELS.get(ln.code, ""), units=ln.units, charge=ln.charge,
                provider_npi=ln.provider.npi, modifiers=ln.modifiers, diagnosis_refs=tuple(refs)))
    paid, credits = [], ZERO
    for p in payments if services else []:
        method = f" ({p.get_method_display().lower()})" if p.method else ""
        if p.kind == PaymentKind.CREDIT:
            credits += p.amount
        else:
            sign = -1 if p.kind == PaymentKind.REFUND else 1
            paid.append(SuperbillPayment(p.received_on, f"{p.get_kind_display()}{method}",
                                         sign * p.amount))
    return SuperbillFacts(
        practice_name=practice.legal_name or practice.name, practice_address=_lines(practice),
        practice_phone=phone_display(practice.phone), practice_npi=practice.npi,
        practice_tin=practice.tin, patient_name=patient.full_name,
        patient_birth_date=patient.date_of_birth, patient_address=_lines(patient),
        account_number=patient.account_number, period_start=first, period_end=last,
        issued_on=today,
        providers=tuple(SuperbillProvider(f"{p.first_name} {p.last_name}", p.credential, p.npi)
                        for p in providers.values()),
        services=tuple(services),
        diagnoses=tuple(SuperbillDiagnosis(code, diagnosis_title(code)) for code in diagnoses),
        payments=tuple(paid), credits=credits)


def _build(practice_id: int, year: int, month: int, today: dt.date,
           patient_id: int | None = None) -> MonthSuperbills:
    first, last = month_bounds(year, month)
    selection = select_sessions(practice_id, first, last, patient_id)
    by_patient: dict[int, list[Itemized]] = defaultdict(list)
    for item in selection.chosen:
        by_patient[item.session.patient_id].append(item)
    if patient_id is not None:
        by_patient.setdefault(patient_id, [])
    claim_ids = [item.claim.pk for item in selection.chosen if item.claim is not None]
    payments = _payments(practice_id, by_patient, claim_ids, first, last)
    practice = Practice.unscoped.get(pk=practice_id)
    patients = Patient.unscoped.filter(practice_id=practice_id).in_bulk([*by_patient])
    ordered = sorted(by_patient, key=lambda pid: (patients[pid].last_name, patients[pid].first_name, pid))
    bills = tuple(PatientSuperbill(pid, _facts(practice, patients[pid], by_patient[pid],
                                               payments.get(pid, []), first, last, today))
                  for pid in ordered)
    skipped = tuple((s.pk, s.patient_id, why) for s, why in selection.skipped)
    return MonthSuperbills(year, month, bills, skipped)


def superbills_for_month(practice_id: int, year: int, month: int, *, today: dt.date) -> MonthSuperbills:
    """One superbill per patient with self-pay or out-of-network services in the month."""
    return _build(practice_id, year, month, today)


def superbill_for_patient(practice_id: int, patient_id: int, year: int, month: int, *,
                          today: dt.date) -> PatientSuperbill:
    """The patient's superbill for the month (no services listed when none qualify)."""
    if not Patient.unscoped.filter(practice_id=practice_id, pk=patient_id).exists():
        raise BhBillingError(f"patient {patient_id}: not a patient of practice {practice_id}")
    return _build(practice_id, year, month, today, patient_id).superbills[0]


def superbill_pdf(bill: PatientSuperbill, *, practice_id: int, actor: Any = None) -> bytes:
    """One patient's superbill as PDF, recorded as an export of the patient's data."""
    data = render_superbills([bill.facts], title="Superbill")
    patient = Patient.unscoped.get(practice_id=practice_id, pk=bill.patient_id)
    audit.record("export", patient, actor=actor,
                 detail={"what": "superbill", "services": len(bill.facts.services)})
    return data


def superbills_pdf(month: MonthSuperbills, *, practice_id: int, actor: Any = None) -> bytes:
    """Every superbill of the month in one PDF (a new page per patient), each export audited."""
    if not month.superbills:
        raise BhBillingError(f"{month.label}: no patient has self-pay or out-of-network services "
                             "that month")
    data = render_superbills([b.facts for b in month.superbills],
                             title=f"Superbills {month.label}")
    patients = Patient.unscoped.filter(practice_id=practice_id,
                                       pk__in=[b.patient_id for b in month.superbills])
    audit.record_many("export", patients, actor=actor,
                      detail={"what": "superbill", "month": month.label})
    return data
