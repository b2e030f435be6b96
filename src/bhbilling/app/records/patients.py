"""Patients (837P loop 2010BA/2010CA): demographics with encrypted DOB and SSN.

The SSN is stored as 9 digits (encrypted); it is optional because most payers no longer
accept it as an identifier, but some Medicaid programs and collections still need it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from bhbilling.app.models import Patient
from bhbilling.app.records import apply_fields, save_validated

FIELDS = (
    "account_number", "first_name", "middle_name", "last_name", "date_of_birth", "sex",
    "ssn", "phone", "email", "active", "address_line1", "address_line2", "city", "state",
    "postal_code",
)
_SSN = re.compile(r"^\d{3}-?\d{2}-?\d{4}$")


def _normalize(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    errors: dict[str, list[str]] = {}
    ssn = data.get("ssn")
    if ssn:
        ssn = str(ssn).strip()
        if not _SSN.match(ssn) or ssn.replace("-", "").startswith(("000", "666", "9")):
            errors["ssn"] = ["Enter a 9-digit SSN (NNN-NN-NNNN)."]
        else:
            data["ssn"] = ssn.replace("-", "")
    dob = data.get("date_of_birth")
    if isinstance(dob, dt.date) and dob > timezone.now().date():
        errors["date_of_birth"] = ["The date of birth cannot be in the future."]
    if errors:
        raise ValidationError(errors)
    return data


def create_patient(data: dict[str, Any], *, practice_id: int) -> Patient:
    patient = Patient(practice_id=practice_id)
    apply_fields(patient, _normalize(data), FIELDS)
    return save_validated(patient)


def update_patient(patient: Patient, data: dict[str, Any]) -> Patient:
    apply_fields(patient, _normalize(data), FIELDS)
    return save_validated(patient)


def mask_ssn(ssn: str | None) -> str | None:
    """Show only the last four digits ("***-**-1234"), the usual minimum-necessary display."""
    if not ssn:
        return None
    return f"***-**-{ssn[-4:]}"
