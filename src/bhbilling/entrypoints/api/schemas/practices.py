"""Practice bodies (837P loop 2010AA billing provider, 2010AB pay-to address)."""

from __future__ import annotations

import datetime as dt

from bhbilling.entrypoints.api.schemas import AddressIn, patch_schema


class PracticeIn(AddressIn):
    name: str
    legal_name: str
    kind: str = "group"
    tin: str
    npi: str
    taxonomy: str
    phone: str = ""
    pay_to_line1: str = ""
    pay_to_line2: str = ""
    pay_to_city: str = ""
    pay_to_state: str = ""
    pay_to_postal_code: str = ""
    active: bool = True


PracticePatch = patch_schema(PracticeIn, "PracticePatch")


class PracticeOut(PracticeIn):
    id: int
    company_id: int
    created_at: dt.datetime
    updated_at: dt.datetime
