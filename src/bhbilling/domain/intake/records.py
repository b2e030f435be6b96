"""Validated import records: what one row of an EHR export means once it has been checked.

Model:
- A record is a frozen value built only by `bhbilling.domain.intake.validate`; holding one
  means every field already passed its rule, so the writer (a Django adapter) only has to
  resolve references (patient by account number, payer by payer id, provider by NPI,
  location by name) and store.
- References stay as the natural keys the EHR knows (`account_number`, `payer_id`,
  `provider_npi`, `location`): the tenant's ids are resolved later, inside the tenant scope.
- `row` is the source row number, so findings raised while resolving references can still
  point a biller at the line to fix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["CoverageRecord", "PatientRecord", "Record", "SessionRecord"]


@dataclass(frozen=True, slots=True)
class PatientRecord:
    """One patient (837P loop 2010BA subscriber / 2010CA patient demographics)."""

    row: int
    account_number: str
    first_name: str
    last_name: str
    date_of_birth: dt.date
    middle_name: str = ""
    sex: str = "U"
    ssn: str = ""
    phone: str = ""
    email: str = ""
    address_line1: str = ""
    address_line2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    active: bool = True

    @property
    def key(self) -> str:
        """Natural key within a practice: re-importing the same account updates it."""
        return self.account_number


@dataclass(frozen=True, slots=True)
class CoverageRecord:
    """One insurance policy (837P loop 2000B SBR and 2010BA subscriber)."""

    row: int
    account_number: str
    payer_id: str
    member_id: str
    starts_on: dt.date
    priority: int = 1
    relationship: str = "18"
    group_number: str = ""
    plan_name: str = ""
    subscriber_first_name: str = ""
    subscriber_last_name: str = ""
    subscriber_date_of_birth: dt.date | None = None
    subscriber_sex: str = ""
    ends_on: dt.date | None = None

    @property
    def key(self) -> tuple[str, str, int]:
        """A patient has one coverage per payer and priority (SBR01 P/S/T)."""
        return (self.account_number, self.payer_id, self.priority)


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One documented encounter; `external_id` is the EHR's id, so re-imports update it."""

    row: int
    external_id: str
    account_number: str
    provider_npi: str
    date_of_service: dt.date
    service_type: str
    diagnoses: tuple[str, ...]
    location: str = ""
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    status: str = "completed"
    minutes: dict[str, int] = field(default_factory=dict, hash=False)
    total_minutes: int = 0
    modality: str = "in_person"
    patient_location: str = "clinic"
    note_signed: bool = False
    interactive_complexity: tuple[str, ...] = ()
    group_size: int | None = None
    instruments: tuple[str, ...] = ()
    em_code: str = ""
    new_patient: bool = False

    @property
    def key(self) -> str:
        return self.external_id


Record = PatientRecord | CoverageRecord | SessionRecord
