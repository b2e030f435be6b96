"""Provider bodies (837P loop 2310B rendering provider)."""

from __future__ import annotations

from ninja import Schema

from bhbilling.entrypoints.api.schemas import patch_schema


class ProviderIn(Schema):
    first_name: str
    last_name: str
    npi: str
    taxonomy: str
    credential: str
    supervisor_id: int | None = None
    email: str = ""
    active: bool = True


ProviderPatch = patch_schema(ProviderIn, "ProviderPatch")


class ProviderOut(ProviderIn):
    id: int
    practice_id: int
