"""Coverage bodies (837P loop 2000B SBR, 2010BA subscriber, 2010BB payer)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from bhbilling.entrypoints.api.schemas import patch_schema


class CoverageIn(Schema):
    patient_id: int
    payer_id: int
    priority: int = 1
    member_id: str
    group_number: str = ""
    plan_name: str = ""
    relationship: str = "18"
    subscriber_first_name: str = ""
    subscriber_last_name: str = ""
    subscriber_date_of_birth: dt.date | None = None
    subscriber_sex: str = ""
    starts_on: dt.date
    ends_on: dt.date | None = None


CoveragePatch = patch_schema(CoverageIn, "CoveragePatch")


class CoverageOut(CoverageIn):
    id: int
    practice_id: int
