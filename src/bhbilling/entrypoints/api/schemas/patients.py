"""Patient bodies (837P loop 2010BA/2010CA). The SSN goes in whole and comes out masked."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from bhbilling.app.records.patients import mask_ssn
from bhbilling.entrypoints.api.schemas import AddressIn, patch_schema


class PatientIn(AddressIn):
    account_number: str
    first_name: str
    middle_name: str = ""
    last_name: str
    date_of_birth: dt.date
    sex: str = "U"
    ssn: str = ""
    phone: str = ""
    email: str = ""
    active: bool = True


PatientPatch = patch_schema(PatientIn, "PatientPatch")


class PatientOut(Schema):
    id: int
    practice_id: int
    account_number: str
    first_name: str
    middle_name: str
    last_name: str
    date_of_birth: dt.date
    sex: str
    ssn: str | None = None
    phone: str
    email: str
    active: bool
    address_line1: str
    address_line2: str
    city: str
    state: str
    postal_code: str

    @staticmethod
    def resolve_ssn(obj) -> str | None:
        """Minimum necessary (45 CFR 164.502(b)): only the last four digits leave the server."""
        return mask_ssn(obj.ssn)
