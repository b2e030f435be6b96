"""The monthly superbill: what a self-pay or out-of-network patient files with their plan.

A superbill is an itemized receipt with everything a health plan needs to reimburse the
patient: the billing provider (practice name, address, type-2 NPI, TIN), the rendering
clinician (name, credential, type-1 NPI), the patient, and per session the date, place of
service, procedure code and modifiers, units, ICD-10-CM diagnoses and charge, with what the
patient paid and what is still owed. Procedure codes show the number and our own short
label only (CPT descriptors are AMA property); ICD-10-CM titles are public (CDC/NCHS).

``render_superbills`` puts several patients in one PDF, each starting on a new page; the
page footer carries no patient data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from bhbilling.documents.pdf import build_pdf, money, para, table
from bhbilling.kernel.errors import BhBillingError

__all__ = ["SuperbillDiagnosis", "SuperbillError", "SuperbillFacts", "SuperbillPayment", "SuperbillProvider",
           "SuperbillService", "render_superbill", "render_superbills"]

ZERO = Decimal("0.00")


class SuperbillError(BhBillingError, ValueError):
    """The facts are inconsistent; the message names the field."""


@dataclass(frozen=True, slots=True)
class SuperbillProvider:
    name: str
    credential: str
    npi: str


@dataclass(frozen=True, slots=True)
class SuperbillService:
    date: dt.date
    place_of_service: str
    place_name: str
    code: str
    label: str  # our short label, never the CPT descriptor
    units: Decimal
    charge: Decimal
    provider_npi: str
    modifiers: tuple[str, ...] = ()
    diagnosis_refs: tuple[int, ...] = (1,)  # 1-based positions in SuperbillFacts.diagnoses


@dataclass(frozen=True, slots=True)
class SuperbillDiagnosis:
    code: str
    description: str


@dataclass(frozen=True, slots=True)
class SuperbillPayment:
    date: dt.date
    description: str  # "Payment (card)", "Refund (check)"
    amount: Decimal  # refunds negative


@dataclass(frozen=True, slots=True)
class SuperbillFacts:
    practice_name: str
    practice_address: tuple[str, ...]
    practice_npi: str
    practice_tin: str
    patient_name: str
    patient_birth_date: dt.date | None
    patient_address: tuple[str, ...]
    account_number: str
    period_start: dt.date
    period_end: dt.date
    issued_on: dt.date
    practice_phone: str = ""
    providers: tuple[SuperbillProvider, ...] = ()
    services: tuple[SuperbillService, ...] = ()
    diagnoses: tuple[SuperbillDiagnosis, ...] = ()
    payments: tuple[SuperbillPayment, ...] = ()
    credits: Decimal = ZERO  # courtesy adjustments on these services

    def __post_init__(self) -> None:
        for service in self.services:
            if any(not 1 <= ref <= len(self.diagnoses) for ref in service.diagnosis_refs):
                raise SuperbillError(f"service {service.code} on {service.date.isoformat()}: "
                                     f"diagnosis_refs must be 1..{len(self.diagnoses)}")
            if not isinstance(service.charge, Decimal):
                raise SuperbillError(f"service {service.code}: charge must be a Decimal")
        if any(not isinstance(p.amount, Decimal) for p in self.payments):
            raise SuperbillError("payments: amounts must be Decimal")

    @property
    def total_charges(self) -> Decimal:
        return sum((s.charge for s in self.services), ZERO)

    @property
    def total_paid(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)

    @property
    def balance(self) -> Decimal:
        return self.total_charges - self.total_paid - self.credits


def _mdy(day: dt.date | None) -> str:
    return day.strftime("%m/%d/%Y") if day else ""


def _tin(tin: str) -> str:
    digits = "".join(ch for ch in tin if ch.isdigit())
    return f"{digits[:2]}-{digits[2:]}" if len(digits) == 9 else tin


def _parties(f: SuperbillFacts) -> Flowable:
    practice = "\n".join(x for x in (f.practice_name, *f.practice_address, f.practice_phone,
                                     f"NPI (organization): {f.practice_npi}",
                                     f"Tax ID (EIN): {_tin(f.practice_tin)}") if x)
    patient = "\n".join(x for x in (f.patient_name, f"Date of birth: {_mdy(f.patient_birth_date)}",
                                    *f.patient_address, f"Account: {f.account_number}") if x)
    return table([["Provider of services (billing provider)", "Patient"],
                  [para(practice), para(patient)]], [3.5 * inch, 3.5 * inch])


def _services(f: SuperbillFacts) -> list[Flowable]:
    if not f.services:
        return [para("No self-pay or out-of-network services were found for this period.")]
    rows: list[list[object]] = [["Date", "POS", "Code", "Modifiers", "Units", "Dx",
                                 "Clinician NPI", "Charge"]]
    for s in f.services:
        rows.append([_mdy(s.date), para(f"{s.place_of_service} {s.place_name}".strip(), "Small"),
                     para(f"{s.code} {s.label}".strip(), "Small"), " ".join(s.modifiers),
                     format(s.units.normalize(), "f"), ", ".join(str(r) for r in s.diagnosis_refs),
                     s.provider_npi, money(s.charge)])
    rows.append(["Total charges", "", "", "", "", "", "", money(f.total_charges)])
    widths = [0.75 * inch, 1.0 * inch, 1.95 * inch, 0.7 * inch, 0.45 * inch, 0.45 * inch,
              0.9 * inch, 0.8 * inch]
    return [table(rows, widths, right=(4, 7), total_row=True)]


def _diagnoses(f: SuperbillFacts) -> list[Flowable]:
    if not f.diagnoses:
        return []
    rows = [["Dx", "ICD-10-CM", "Description"]]
    rows += [[str(i), d.code, para(d.description, "Small")] for i, d in enumerate(f.diagnoses, 1)]
    return [Spacer(1, 8), table(rows, [0.45 * inch, 0.9 * inch, 5.65 * inch])]


def _money_rows(f: SuperbillFacts) -> list[Flowable]:
    rows: list[list[object]] = [["Date", "Paid by the patient", "Amount"]]
    rows += [[_mdy(p.date), p.description, money(p.amount)] for p in f.payments]
    summary = [["Total charges", money(f.total_charges)], ["Paid by the patient", money(f.total_paid)]]
    if f.credits:
        summary.append(["Adjustments", money(-f.credits)])
    summary.append(["Balance due", money(f.balance)])
    out: list[Flowable] = [Spacer(1, 8)]
    if f.payments:
        out += [table(rows, [1.0 * inch, 4.5 * inch, 1.5 * inch], right=(2,)), Spacer(1, 6)]
    out.append(table(summary, [5.5 * inch, 1.5 * inch], header=False, right=(1,), total_row=True))
    return out


def _story(f: SuperbillFacts) -> list[Flowable]:
    period = f"{_mdy(f.period_start)} to {_mdy(f.period_end)}"
    story: list[Flowable] = [
        para("Superbill", "Title"),
        para(f"Services from {period} · issued {_mdy(f.issued_on)}", "Muted"),
        Spacer(1, 8), _parties(f), Spacer(1, 8)]
    if f.providers:
        rows = [["Rendering clinician", "Credential", "NPI"]]
        rows += [[p.name, p.credential, p.npi] for p in f.providers]
        story += [table(rows, [3.5 * inch, 1.5 * inch, 2.0 * inch]), Spacer(1, 8)]
    story += [*_services(f), *_diagnoses(f), *_money_rows(f), Spacer(1, 10)]
    story.append(para(
        "The patient paid the practice directly for these services. The patient may send this "
        "superbill to their health plan to ask for out-of-network reimbursement. Procedure "
        "codes are CPT/HCPCS numbers with our own short labels (CPT is a registered trademark "
        "of the American Medical Association); diagnoses are ICD-10-CM.", "Small"))
    story.append(KeepTogether([Spacer(1, 28), para(
        "Clinician signature ________________________________    Date ______________")]))
    return story


def render_superbill(facts: SuperbillFacts) -> bytes:
    """One patient's superbill as PDF."""
    return render_superbills([facts], title="Superbill")


def render_superbills(all_facts: Sequence[SuperbillFacts], *, title: str = "Superbills") -> bytes:
    """Several superbills in one PDF, each patient starting on a new page."""
    if not all_facts:
        raise SuperbillError("no superbills to print: the list is empty")
    story: list[Flowable] = []
    for i, facts in enumerate(all_facts):
        if i:
            story.append(PageBreak())
        story += _story(facts)
    return build_pdf(title, story)
