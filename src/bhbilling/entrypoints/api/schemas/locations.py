"""Location bodies (837P loop 2310C service facility)."""

from __future__ import annotations

from bhbilling.entrypoints.api.schemas import AddressIn, patch_schema


class LocationIn(AddressIn):
    name: str
    default_pos: str = "11"
    npi: str = ""
    active: bool = True


LocationPatch = patch_schema(LocationIn, "LocationPatch")


class LocationOut(LocationIn):
    id: int
    practice_id: int
