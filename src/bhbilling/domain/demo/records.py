"""The demo world as plain frozen values: no ids, only the natural keys that link them.

Model:
- Every record names its practice (and patient, provider, payer...) by a short ``key``; the
  Django loader (``bhbilling.app.demo``) maps keys to database ids while bulk-inserting, so
  this ring stays free of Django and the same seed always yields equal values.
- String fields hold the exact values the models store (service types, modalities, payer
  kinds, relationship codes such as "19" for a child of the subscriber, X12 2000C PAT01).
- ``minutes`` is a tuple of (activity, minutes) pairs so the record stays immutable; the
  loader turns it into the session's JSON dict. Activities: evaluation, psychotherapy, em,
  crisis, family, group, testing, screening, counseling.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "DemoCompany", "DemoConsent", "DemoCoverage", "DemoEnrollment", "DemoFeeRate",
    "DemoFeeSchedule", "DemoLicense", "DemoLocation", "DemoPatient", "DemoPayer",
    "DemoPractice", "DemoProvider", "DemoSession", "DemoUser", "DemoWorld",
]


@dataclass(frozen=True, slots=True)
class DemoCompany:
    name: str
    slug: str


@dataclass(frozen=True, slots=True)
class DemoPractice:
    """A client practice: the tenant (837P 2010AA billing provider, type-2 NPI)."""

    key: str
    name: str
    legal_name: str
    kind: str
    tin: str
    npi: str
    taxonomy: str
    address_line1: str
    city: str
    state: str
    postal_code: str
    phone: str


@dataclass(frozen=True, slots=True)
class DemoLocation:
    key: str
    practice_key: str
    name: str
    address_line1: str
    city: str
    state: str
    postal_code: str
    default_pos: str


@dataclass(frozen=True, slots=True)
class DemoProvider:
    """A rendering clinician (837P 2310B) with a type-1 NPI."""

    key: str
    practice_key: str
    first_name: str
    last_name: str
    npi: str
    taxonomy: str
    credential: str
    supervisor_key: str | None
    email: str


@dataclass(frozen=True, slots=True)
class DemoLicense:
    provider_key: str
    practice_key: str
    state: str
    number: str
    kind: str
    issued_on: dt.date
    expires_on: dt.date


@dataclass(frozen=True, slots=True)
class DemoPayer:
    key: str
    name: str
    payer_id: str
    kind: str
    timely_filing_days: int
    address_line1: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    appeals_line1: str = ""
    appeals_city: str = ""
    appeals_state: str = ""
    appeals_postal_code: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class DemoEnrollment:
    provider_key: str
    practice_key: str
    payer_key: str
    status: str
    effective_from: dt.date | None


@dataclass(frozen=True, slots=True)
class DemoFeeSchedule:
    key: str
    practice_key: str
    payer_key: str | None
    name: str
    effective_from: dt.date


@dataclass(frozen=True, slots=True)
class DemoFeeRate:
    schedule_key: str
    practice_key: str
    code: str
    charge: Decimal
    expected_allowed: Decimal | None


@dataclass(frozen=True, slots=True)
class DemoPatient:
    key: str
    practice_key: str
    account_number: str
    first_name: str
    middle_name: str
    last_name: str
    date_of_birth: dt.date
    sex: str
    ssn: str
    phone: str
    email: str
    address_line1: str
    city: str
    state: str
    postal_code: str


@dataclass(frozen=True, slots=True)
class DemoCoverage:
    """A policy (837P 2000B); a child's policy names the parent subscriber (PAT01 = 19)."""

    patient_key: str
    practice_key: str
    payer_key: str
    priority: int
    member_id: str
    group_number: str
    plan_name: str
    relationship: str
    subscriber_first_name: str
    subscriber_last_name: str
    subscriber_date_of_birth: dt.date | None
    subscriber_sex: str
    starts_on: dt.date


@dataclass(frozen=True, slots=True)
class DemoConsent:
    """A 42 CFR 2.31 written consent for a SUD-program patient; some are revoked."""

    patient_key: str
    practice_key: str
    kind: str
    recipient: str
    purpose: str
    scope: str
    signed_on: dt.date
    expires_on: dt.date
    revoked_on: dt.date | None


@dataclass(frozen=True, slots=True)
class DemoSession:
    external_id: str
    practice_key: str
    patient_key: str
    provider_key: str
    location_key: str
    date_of_service: dt.date
    start_time: dt.time
    end_time: dt.time
    service_type: str
    status: str
    minutes: tuple[tuple[str, int], ...]
    modality: str
    patient_location: str
    diagnoses: tuple[str, ...]
    note_signed: bool
    interactive_complexity: tuple[str, ...] = ()
    group_size: int | None = None
    instruments: tuple[str, ...] = ()
    treatment_plan: str = ""

    @property
    def total_minutes(self) -> int:
        return sum(m for _, m in self.minutes)


@dataclass(frozen=True, slots=True)
class DemoUser:
    """A demo login: one role, company-wide (practice_key None) or for one practice."""

    username: str
    role: str
    practice_key: str | None
    first_name: str
    last_name: str
    is_superuser: bool


@dataclass(frozen=True, slots=True)
class DemoWorld:
    seed: int
    today: dt.date
    company: DemoCompany
    practices: tuple[DemoPractice, ...]
    locations: tuple[DemoLocation, ...]
    payers: tuple[DemoPayer, ...]
    providers: tuple[DemoProvider, ...]
    licenses: tuple[DemoLicense, ...]
    enrollments: tuple[DemoEnrollment, ...]
    fee_schedules: tuple[DemoFeeSchedule, ...]
    fee_rates: tuple[DemoFeeRate, ...]
    patients: tuple[DemoPatient, ...]
    coverages: tuple[DemoCoverage, ...]
    consents: tuple[DemoConsent, ...]
    sessions: tuple[DemoSession, ...]
    users: tuple[DemoUser, ...]
    totp_key_hex: str

    def counts(self) -> dict[str, int]:
        """Row counts per kind, as the CLI prints them."""
        return {
            "practices": len(self.practices), "locations": len(self.locations),
            "payers": len(self.payers), "providers": len(self.providers),
            "licenses": len(self.licenses), "enrollments": len(self.enrollments),
            "fee schedules": len(self.fee_schedules), "fee rates": len(self.fee_rates),
            "patients": len(self.patients), "coverages": len(self.coverages),
            "consents": len(self.consents), "sessions": len(self.sessions),
            "users": len(self.users),
        }
