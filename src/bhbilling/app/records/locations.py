"""Service locations of a practice (837P loop 2310C service facility)."""

from __future__ import annotations

from typing import Any

from bhbilling.app.models import Location
from bhbilling.app.records import apply_fields, save_validated

FIELDS = (
    "name", "default_pos", "npi", "active", "address_line1", "address_line2", "city",
    "state", "postal_code",
)


def create_location(data: dict[str, Any], *, practice_id: int) -> Location:
    location = Location(practice_id=practice_id)
    apply_fields(location, data, FIELDS)
    return save_validated(location)


def update_location(location: Location, data: dict[str, Any]) -> Location:
    apply_fields(location, data, FIELDS)
    return save_validated(location)
