"""Payer bodies (837P loop 2010BB); company-level reference data."""

from __future__ import annotations

from ninja import Schema

from bhbilling.entrypoints.api.schemas import patch_schema


class PayerIn(Schema):
    name: str
    payer_id: str
    kind: str
    timely_filing_days: int = 365
    profile: str = ""
    active: bool = True


PayerPatch = patch_schema(PayerIn, "PayerPatch")


class PayerOut(PayerIn):
    id: int
    company_id: int
