"""Personal API token bodies. The plaintext appears once, in the creation response."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class TokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=60)
    days: int | None = Field(None, ge=1, le=366, description="expire after N days")


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreated(TokenOut):
    token: str = Field(..., description="the secret; shown only in this response")
