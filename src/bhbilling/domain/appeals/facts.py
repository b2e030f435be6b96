"""What an appeal letter may say: the facts, as frozen dataclasses, and the letter itself.

Privacy rule (HIPAA 45 CFR 164.501, reference §10.3): psychotherapy notes are excluded
from the medical record and need the patient's specific authorization for almost any
disclosure, payment included (45 CFR 164.508(a)(2)). An appeal must therefore quote only
the ordinary clinical record: session start/stop times, modality, total minutes,
diagnoses, assessments given and the treatment-plan summary. ``SessionFacts`` holds
exactly those fields and nothing else, so no free session text can reach a letter: there
is no notes field here, and a test keeps it that way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["AppealFacts", "CodeText", "LineFacts", "SessionFacts"]


@dataclass(frozen=True, slots=True)
class CodeText:
    """A CARC or RARC with its X12 wording ("" when the code list does not know it)."""

    code: str
    text: str = ""

    def label(self, prefix: str = "") -> str:
        head = f"{prefix}-{self.code}" if prefix else self.code
        return f"{head} ({self.text})" if self.text else head


@dataclass(frozen=True, slots=True)
class LineFacts:
    """One billed service line: our code numbers with no AMA descriptor text."""

    code: str
    modifiers: tuple[str, ...]
    units: Decimal
    charge: Decimal
    service_date: dt.date


@dataclass(frozen=True, slots=True)
class SessionFacts:
    """The clinical-record facts an appeal may quote (45 CFR 164.501: not psychotherapy notes)."""

    service_date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    modality: str = ""  # label, e.g. "Video telehealth"
    total_minutes: int = 0
    diagnoses: tuple[str, ...] = ()
    assessments: tuple[str, ...] = ()  # instruments given, e.g. PHQ-9
    treatment_plan: str = ""  # plan summary from the clinical record


@dataclass(frozen=True, slots=True)
class AppealFacts:
    """Everything ``compose`` may put into a letter; nothing else can get in."""

    today: dt.date
    level: int
    deadline: dt.date
    deadline_is_default: bool  # True: the payer gave no window, we assumed 120 days
    # practice (letterhead and signature)
    practice_name: str
    practice_npi: str
    practice_tin: str
    practice_address: tuple[str, ...]
    practice_phone: str
    signer: str
    # payer
    payer_name: str
    payer_kind: str  # bhbilling.domain.parties.PayerKind value
    payer_address: tuple[str, ...]
    # patient and claim
    patient_name: str
    member_id: str
    birth_date: dt.date | None
    claim_number: str
    payer_claim_number: str
    service_date: dt.date
    lines: tuple[LineFacts, ...]
    total_charge: Decimal
    authorization_number: str
    provider_name: str
    provider_credential: str
    provider_npi: str
    # denial
    category: str  # bhbilling.domain.denials.Category value
    group_code: str
    denied_code: str  # the denied line's procedure code ("" for the whole claim)
    denied_amount: Decimal
    reasons: tuple[CodeText, ...]
    remarks: tuple[CodeText, ...]
    remittance_date: dt.date
    session: SessionFacts | None = None
    prior_decision_date: dt.date | None = None  # level 2+: when the last level was decided
