"""Practice bodies (837P loop 2010AA billing provider, 2010AB pay-to address)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from bhbilling.entrypoints.api.schemas import patch_schema


class PracticeIn(Schema):
    name: str
    legal_name: str
    kind: str = "group"
    tin: str
    npi: str
    taxonomy: str
    phone: str = ""
    address_line1: str = ""
    address_line2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
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
