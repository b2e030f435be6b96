"""Request and response bodies of the JSON API, one module per resource.

Create bodies list what a new row needs; ``patch_schema`` derives the PATCH body from a
create body with every field optional, and the views apply only the fields the client
sent (``exclude_unset``), so PATCH never blanks a field the client did not mention.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import create_model


class AddressIn(Schema):
    """A US street address (837P N3/N4), as in ``app.models.common.AddressMixin``."""

    address_line1: str = ""
    address_line2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""


def patch_schema(create: type[Schema], name: str) -> type[Schema]:
    """The PATCH body for ``create``: same fields and types, all optional."""
    fields: dict[str, Any] = {
        field_name: (info.annotation | None, None)
        for field_name, info in create.model_fields.items()
    }
    return create_model(name, __base__=Schema, **fields)
