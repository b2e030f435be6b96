"""Documented clinical sessions: who, when, how long, and the ordered ICD-10-CM codes.

Diagnoses go to 837P loop 2300 HI (ABK primary, ABF others; at most 12). We accept "F41.1"
or "F411" and store the dotted form; the 837 writer drops the dot as X12 requires.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError

from bhbilling.app.models import ClinicalSession, Location, Patient, Provider
from bhbilling.app.records import apply_fields, resolve_fk, save_validated

FIELDS = (
    "patient", "provider", "location", "external_id", "date_of_service", "start_time",
    "end_time", "service_type", "status", "minutes", "total_minutes", "modality",
    "patient_location", "diagnoses", "note_signed", "signed_at", "interactive_complexity",
    "group_size", "instruments", "em_code", "new_patient",
)
# ICD-10-CM: letter, digit, alphanumeric, then up to four more characters after the dot.
ICD10CM = re.compile(r"^[A-TV-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$")
MAX_DIAGNOSES = 12


def normalize_diagnosis(code: str) -> str:
    code = code.strip().upper().replace(".", "")
    return code if len(code) <= 3 else f"{code[:3]}.{code[3:]}"


def _resolve(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    if "patient_id" in data:
        data["patient"] = resolve_fk(Patient.objects, data.pop("patient_id"), "patient_id")
    if "provider_id" in data:
        data["provider"] = resolve_fk(Provider.objects, data.pop("provider_id"), "provider_id")
    if "location_id" in data:
        data["location"] = resolve_fk(Location.objects, data.pop("location_id"), "location_id",
                                      required=False)
    errors: dict[str, list[str]] = {}
    if data.get("diagnoses") is not None:
        codes = list(data["diagnoses"])
        bad = [i for i, c in enumerate(codes)
               if not isinstance(c, str) or not ICD10CM.match(c.strip().upper())]
        if bad:
            errors["diagnoses"] = [f"Item {i + 1} is not an ICD-10-CM code (e.g. F41.1)." for i in bad]
        elif len(codes) > MAX_DIAGNOSES:
            errors["diagnoses"] = [f"At most {MAX_DIAGNOSES} diagnoses fit on a claim."]
        else:
            data["diagnoses"] = [normalize_diagnosis(c) for c in codes]
    if data.get("minutes") is not None:
        minutes = data["minutes"]
        if not all(isinstance(v, int) and v >= 0 for v in minutes.values()):
            errors["minutes"] = ["Minutes must be whole, non-negative numbers."]
        elif "total_minutes" not in data:
            data["total_minutes"] = sum(minutes.values())
    if errors:
        raise ValidationError(errors)
    return data


def _check(session: ClinicalSession) -> None:
    if session.start_time and session.end_time and session.end_time < session.start_time:
        raise ValidationError({"end_time": ["The end time must be on or after the start time."]})


def create_session(data: dict[str, Any], *, practice_id: int) -> ClinicalSession:
    session = ClinicalSession(practice_id=practice_id)
    apply_fields(session, _resolve(data), FIELDS)
    _check(session)
    return save_validated(session)


def update_session(session: ClinicalSession, data: dict[str, Any]) -> ClinicalSession:
    apply_fields(session, _resolve(data), FIELDS)
    _check(session)
    return save_validated(session)
