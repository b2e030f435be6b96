"""The Good Faith Estimate as a PDF for an uninsured or self-pay patient (45 CFR 149.610(c)).

What the regulation asks the written estimate to hold, and where it is here:
- the patient's name and date of birth (Patient);
- the service in plain language, and the date scheduled (Services);
- the itemized expected items and services with their service codes, the diagnosis codes
  and the expected charge of each (Expected charges, Diagnoses); codes print with our own
  short labels, never CPT descriptor text (AMA property);
- the provider's name, NPI and TIN and the state and office where the services are
  expected (Provider);
- disclaimers: services recommended later are scheduled and estimated separately; this is
  only an estimate and actual items, services or charges may differ; the patient's right
  to dispute a bill $400 or more above the estimate, within 120 calendar days of the
  initial bill, with where to learn how (cms.gov/nosurprises) and that starting a dispute
  does not affect the quality of care; keep a copy; the estimate is not a contract and does
  not oblige the patient to obtain the services (Please read).
Reference §10.1 holds the sourced values; the wording is ours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer

from bhbilling.documents.pdf import Letterhead, build_pdf, money, para, table
from bhbilling.domain.estimates import DISPUTE_FEE, DISPUTE_THRESHOLD, DISPUTE_WINDOW_DAYS

__all__ = ["GfeFacts", "GfeLine", "render_gfe"]

HELP_URL = "www.cms.gov/nosurprises"


@dataclass(frozen=True, slots=True)
class GfeLine:
    code: str
    label: str
    modifiers: tuple[str, ...]
    sessions: int
    units: Decimal
    fee: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class GfeFacts:
    """Everything the estimate prints; built by the app from its rows."""

    number: str
    practice: Letterhead
    patient_name: str
    patient_birth_date: dt.date
    patient_account: str
    provider_name: str
    provider_npi: str
    provider_tin: str
    location_lines: tuple[str, ...]
    location_state: str
    service_description: str
    period_start: dt.date
    period_end: dt.date
    lines: tuple[GfeLine, ...]
    total: Decimal
    diagnoses: tuple[str, ...] = ()
    issued_on: dt.date | None = None
    trigger_note: str = ""  # e.g. "Scheduled on 11/25/2026; first visit 12/14/2026"
    supersedes: str = ""  # the number of the estimate this one replaces
    extra: tuple[str, ...] = ()  # further notes from the practice


def _d(day: dt.date | None) -> str:
    return day.strftime("%m/%d/%Y") if day else ""


def _facts_table(rows: Sequence[tuple[str, str]]) -> Flowable:
    return table([[para(k, "Muted"), para(v)] for k, v in rows], widths=(1.9 * inch, 5.1 * inch),
                 header=False)


def _disclaimers(f: GfeFacts) -> list[str]:
    over = money(DISPUTE_THRESHOLD)
    return [
        "This Good Faith Estimate shows the costs of items and services that are reasonably "
        "expected for your care for the period shown. It is based on what was known when it was "
        "written. It is only an estimate: the actual items, services or charges may differ.",
        "If your care needs other items or services (for example a different kind of session, "
        "testing or more sessions than listed), they are scheduled and estimated separately and "
        "are not included here. You may ask for a new estimate at any time.",
        f"If you are billed {over} or more above this estimate for this provider, you have the "
        "right to dispute the bill through the federal patient-provider dispute resolution "
        f"process. You must start the dispute within {DISPUTE_WINDOW_DAYS} calendar days (about "
        f"4 months) of the date of the initial bill. There is a {money(DISPUTE_FEE)} fee to use "
        f"the process. To learn how to start a dispute, visit {HELP_URL}.",
        "Starting a dispute will not affect the quality of the care you receive from us, and we "
        "will not send a disputed amount to collections while the dispute is open.",
        "Keep a copy or picture of this Good Faith Estimate and of your bills; you will need them "
        "if you dispute a bill.",
        "This Good Faith Estimate is not a contract and does not require you to obtain the items "
        "or services from us or from any other provider.",
    ]


def _story(f: GfeFacts) -> list[Flowable]:
    status = f"Issued {_d(f.issued_on)}" if f.issued_on else "DRAFT (not yet given to the patient)"
    head = [para("Good Faith Estimate", "Heading1"),
            para(f"Estimate {f.number} · {status}" + (f" · replaces {f.supersedes}" if f.supersedes else ""),
                 "Muted"),
            para("You are getting this estimate because you do not have health insurance or are "
                 "not using it for these services (No Surprises Act, 45 CFR 149.610).", "Small"),
            Spacer(1, 8)]
    location = ", ".join(f.location_lines) or "—"
    people = [para("Patient and provider", "Heading3"), table([
        [para("Patient", "Muted"), para(f.patient_name), para("Provider", "Muted"), para(f.provider_name)],
        [para("Date of birth", "Muted"), para(_d(f.patient_birth_date)), para("NPI", "Muted"),
         para(f.provider_npi)],
        [para("Account", "Muted"), para(f.patient_account), para("TIN", "Muted"),
         para(f.provider_tin or "—")],
    ], widths=(1.1 * inch, 2.4 * inch, 1.0 * inch, 2.5 * inch), header=False)]
    service_rows = [("Services", f.service_description),
                    ("Where services are expected", f"{location} (state: {f.location_state or '—'})"),
                    ("Period covered", f"{_d(f.period_start)} to {_d(f.period_end)}")]
    if f.trigger_note:
        service_rows.append(("Scheduling", f.trigger_note))
    services = [para("Services", "Heading3"), _facts_table(service_rows)]
    rows: list[list[object]] = [["Service code", "Description", "Modifiers", "Sessions",
                                 "Fee per session", "Expected charges"]]
    for line in f.lines:
        units = "" if line.units == 1 else f" x {line.units.normalize()} units"
        rows.append([line.code, para(line.label or "—", "Small"), " ".join(line.modifiers) or "—",
                     str(line.sessions), money(line.fee) + units, money(line.total)])
    rows.append(["", "Total estimated charges", "", str(sum(x.sessions for x in f.lines)), "",
                 money(f.total)])
    charges = [para("Expected charges", "Heading3"),
               table(rows, widths=(0.9 * inch, 2.3 * inch, 0.8 * inch, 0.7 * inch, 1.1 * inch,
                                   1.2 * inch), right=(3, 4, 5), total_row=True),
               Spacer(1, 4),
               para("Diagnosis codes (ICD-10-CM): " + (", ".join(f.diagnoses) if f.diagnoses
                                                         else "none given yet"), "Small")]
    notes = [para("Please read", "Heading3")]
    for text in _disclaimers(f):
        notes += [para(f"• {text}", "Small"), Spacer(1, 3)]
    notes += [para(text, "Small") for text in f.extra]
    return [*head, *people, *services, *charges, Spacer(1, 6), *notes]


def render_gfe(facts: GfeFacts) -> bytes:
    """The estimate as PDF bytes (US Letter, the practice's letterhead)."""
    return build_pdf(f"Good Faith Estimate {facts.number}", _story(facts), letterhead=facts.practice)
