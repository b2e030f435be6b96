"""Insurance coverages (837P loop 2000B SBR / 2010BA subscriber / 2010BB payer).

The patient is resolved through the practice-scoped manager and the payer through the
company-scoped one, so a coverage can never tie one tenant's patient to another's payer.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from bhbilling.app.models import Coverage, Patient, Payer
from bhbilling.app.records import apply_fields, resolve_fk, save_validated

FIELDS = (
    "patient", "payer", "priority", "member_id", "group_number", "plan_name", "relationship",
    "subscriber_first_name", "subscriber_last_name", "subscriber_date_of_birth",
    "subscriber_sex", "starts_on", "ends_on",
)


def _resolve(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    if "patient_id" in data:
        data["patient"] = resolve_fk(Patient.objects, data.pop("patient_id"), "patient_id")
    if "payer_id" in data:
        data["payer"] = resolve_fk(Payer.objects, data.pop("payer_id"), "payer_id")
    if isinstance(data.get("member_id"), str):
        data["member_id"] = data["member_id"].strip()
    return data


def _check(coverage: Coverage) -> None:
    errors: dict[str, list[str]] = {}
    if coverage.ends_on and coverage.starts_on and coverage.ends_on < coverage.starts_on:
        errors["ends_on"] = ["The end date must be on or after the start date."]
    if not coverage.member_id:
        errors["member_id"] = ["This field is required."]
    if coverage.relationship != "18" and not (
        coverage.subscriber_first_name and coverage.subscriber_last_name
    ):
        # 837P loop 2010BA must name the subscriber when the patient is a dependent.
        errors["subscriber_last_name"] = ["Name the subscriber when the patient is not the subscriber."]
    if errors:
        raise ValidationError(errors)


def create_coverage(data: dict[str, Any], *, practice_id: int) -> Coverage:
    coverage = Coverage(practice_id=practice_id)
    apply_fields(coverage, _resolve(data), FIELDS)
    _check(coverage)
    return save_validated(coverage)


def update_coverage(coverage: Coverage, data: dict[str, Any]) -> Coverage:
    apply_fields(coverage, _resolve(data), FIELDS)
    _check(coverage)
    return save_validated(coverage)
