"""Practices (the tenant; 837P loop 2010AA billing provider): create and update."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from bhbilling.app.models import Practice
from bhbilling.app.records import apply_fields, save_validated
from bhbilling.kernel.ids import is_valid_tin, normalize_tin

FIELDS = (
    "name", "legal_name", "kind", "tin", "npi", "taxonomy", "phone", "address_line1",
    "address_line2", "city", "state", "postal_code", "pay_to_line1", "pay_to_line2",
    "pay_to_city", "pay_to_state", "pay_to_postal_code", "active",
)


def _normalize(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    if data.get("tin") is not None:
        tin = str(data["tin"])
        if not is_valid_tin(tin):
            raise ValidationError({"tin": ["Enter a 9-digit EIN (NN-NNNNNNN)."]})
        data["tin"] = normalize_tin(tin)
    return data


def create_practice(data: dict[str, Any], *, company_id: int) -> Practice:
    """A new practice of the company; the caller checked company-level permission."""
    practice = Practice(company_id=company_id)
    apply_fields(practice, _normalize(data), FIELDS)
    return save_validated(practice)


def update_practice(practice: Practice, data: dict[str, Any]) -> Practice:
    apply_fields(practice, _normalize(data), FIELDS)
    return save_validated(practice)
