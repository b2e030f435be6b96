"""Payers: company-level reference data (837P loop 2010BB), shared by its practices."""

from __future__ import annotations

from typing import Any

from bhbilling.app.models import Payer
from bhbilling.app.records import apply_fields, save_validated

FIELDS = ("name", "payer_id", "kind", "timely_filing_days", "profile", "active", "phone",
          "address_line1", "address_line2", "city", "state", "postal_code",
          "appeals_line1", "appeals_line2", "appeals_city", "appeals_state", "appeals_postal_code")


def create_payer(data: dict[str, Any], *, company_id: int) -> Payer:
    payer = Payer(company_id=company_id)
    apply_fields(payer, data, FIELDS)
    return save_validated(payer)


def update_payer(payer: Payer, data: dict[str, Any]) -> Payer:
    apply_fields(payer, data, FIELDS)
    return save_validated(payer)
