"""Payer bodies (837P loop 2010BB); company-level reference data."""

from __future__ import annotations

from bhbilling.entrypoints.api.schemas import AddressIn, patch_schema


class PayerIn(AddressIn):
    """The address fields are the paper-claims address; ``appeals_*`` where appeals go."""

    name: str
    payer_id: str
    kind: str
    timely_filing_days: int = 365
    profile: str = ""
    active: bool = True
    phone: str = ""
    appeals_line1: str = ""
    appeals_line2: str = ""
    appeals_city: str = ""
    appeals_state: str = ""
    appeals_postal_code: str = ""


PayerPatch = patch_schema(PayerIn, "PayerPatch")


class PayerOut(PayerIn):
    id: int
    company_id: int
