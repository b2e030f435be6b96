"""Create and edit prior authorizations; every change is audited.

Rules (what a payer's approval letter holds, behavioral-health-billing.md section 9):
- patient, payer and (optionally) coverage and provider are resolved through the scoped
  managers: another practice's ids are "no such record";
- the coverage, when given, must be the patient's and the payer's;
- the number is required (it goes on the claim as 837P 2300 REF*G1) and unique among the
  patient's authorizations, because sessions and claims point at it by number;
- codes: CPT/HCPCS code numbers or ``group:<name>`` (``domain.authorizations.CODE_GROUPS``);
- units are whole units of the unit type (visit, 15 minutes, day); dates inclusive and in
  order; ``per_week_limit`` at least 1 when given.
Errors are ``ValidationError`` field -> messages, never echoing PHI.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from bhbilling.app import audit
from bhbilling.app.models import Authorization, Coverage, Patient, Payer, Provider, UnitType
from bhbilling.app.records import apply_fields, resolve_fk, save_validated
from bhbilling.domain.authorizations import CODE_GROUPS

__all__ = ["FIELDS", "create_authorization", "update_authorization"]

FIELDS = ("patient", "payer", "coverage", "provider", "number", "codes", "unit_type",
          "units_approved", "starts_on", "ends_on", "per_week_limit", "notes", "active")
_CODE = re.compile(r"[0-9A-Z]{5}")


def _codes(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [v for v in re.split(r"[\s,]+", value) if v]
    if not isinstance(value, list | tuple) or not value:
        raise ValidationError({"codes": ["List at least one code or code group."]})
    out, bad = [], []
    for item in value:
        text = str(item).strip()
        if text.lower().startswith("group:"):
            name = text[6:].strip().lower()
            if name in CODE_GROUPS:
                out.append(f"group:{name}")
            else:
                bad.append(text)
        elif _CODE.fullmatch(text.upper()):
            out.append(text.upper())
        else:
            bad.append(text)
    if bad:
        raise ValidationError({"codes": [
            f"Not a code or known group: {', '.join(bad[:5])}. Codes are 5 letters or digits; "
            f"groups are group:{', group:'.join(sorted(CODE_GROUPS))}."]})
    return list(dict.fromkeys(out))


def _units(value: Any) -> Decimal:
    try:
        units = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({"units_approved": ["A whole number of units."]}) from None
    if not units.is_finite() or units < 0 or units != units.to_integral() or units > 99999:
        raise ValidationError({"units_approved": ["A whole number of units, 0 to 99999."]})
    return units.quantize(Decimal(1))


def _resolve(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    for name, manager in (("patient", Patient.objects), ("payer", Payer.objects),
                          ("coverage", Coverage.objects), ("provider", Provider.objects)):
        if f"{name}_id" in data:
            data[name] = resolve_fk(manager, data.pop(f"{name}_id"), f"{name}_id",
                                    required=name in ("patient", "payer"))
    if "codes" in data:
        data["codes"] = _codes(data["codes"])
    if "units_approved" in data:
        data["units_approved"] = _units(data["units_approved"])
    if isinstance(data.get("number"), str):
        data["number"] = data["number"].strip()
    if isinstance(data.get("notes"), str):
        data["notes"] = data["notes"].strip()
    return data


def _check(row: Authorization) -> None:
    errors: dict[str, list[str]] = {}
    if not row.number:
        errors["number"] = ["The authorization number is required (it goes on the claim)."]
    elif (Authorization.objects.filter(patient_id=row.patient_id, number=row.number)
          .exclude(pk=row.pk).exists()):
        errors["number"] = ["This patient already has an authorization with this number."]
    if row.unit_type not in UnitType.values:
        errors["unit_type"] = [f"One of {', '.join(UnitType.values)}."]
    if row.starts_on and row.ends_on and row.ends_on < row.starts_on:
        errors["ends_on"] = ["The end date must be on or after the start date."]
    if row.coverage_id and (row.coverage.patient_id != row.patient_id
                            or row.coverage.payer_id != row.payer_id):
        errors["coverage_id"] = ["The coverage must be this patient's coverage with this payer."]
    if row.per_week_limit is not None and row.per_week_limit < 1:
        errors["per_week_limit"] = ["At least 1, or leave it empty."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_authorization(data: dict[str, Any], *, practice_id: int, actor: Any = None) -> Authorization:
    row = Authorization(practice_id=practice_id)
    apply_fields(row, _resolve(data), FIELDS)
    _check(row)
    save_validated(row)
    audit.record("create", row, actor=actor)
    return row


@transaction.atomic
def update_authorization(row: Authorization, data: dict[str, Any], *, actor: Any = None) -> Authorization:
    data = _resolve(data)
    apply_fields(row, data, FIELDS)
    _check(row)
    save_validated(row)
    audit.record("update", row, actor=actor, detail={"fields": sorted(data)})
    return row
