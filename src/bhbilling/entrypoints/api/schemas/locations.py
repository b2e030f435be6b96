"""Location bodies (837P loop 2310C service facility)."""

from __future__ import annotations

from ninja import Schema

from bhbilling.entrypoints.api.schemas import patch_schema


class LocationIn(Schema):
    name: str
    default_pos: str = "11"
    npi: str = ""
    active: bool = True
    address_line1: str = ""
    address_line2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""


LocationPatch = patch_schema(LocationIn, "LocationPatch")


class LocationOut(LocationIn):
    id: int
    practice_id: int
