"""Clinical session bodies: the documented facts coding turns into claim lines."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from bhbilling.entrypoints.api.schemas import patch_schema


class SessionIn(Schema):
    patient_id: int
    provider_id: int
    location_id: int | None = None
    external_id: str = ""
    date_of_service: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    service_type: str
    status: str = "completed"
    minutes: dict[str, int] = {}
    modality: str = "in_person"
    patient_location: str = "clinic"
    diagnoses: list[str] = []
    note_signed: bool = False
    signed_at: dt.datetime | None = None
    interactive_complexity: list[str] = []
    group_size: int | None = None
    instruments: list[str] = []
    em_code: str = ""
    new_patient: bool = False


SessionPatch = patch_schema(SessionIn, "SessionPatch")


class SessionOut(SessionIn):
    id: int
    practice_id: int
    total_minutes: int
