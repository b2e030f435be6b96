"""One error shape for the API: model-level validation answers like schema validation.

Ninja answers a body that does not parse with 422 and ``{"detail": [{"loc", "msg",
"type"}]}``. Rules that only the model or a service can check (NPI check digit, state,
ZIP, taxonomy, ICD-10-CM format, date order, ids outside the tenant) raise Django's
``ValidationError``; this module maps it to the same shape, located in the request body,
so a client handles both the same way.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from bhbilling.kernel.errors import TenantScopeError

BODY_PARAM = "payload"


def validation_detail(exc: DjangoValidationError, *, param: str = BODY_PARAM) -> list[dict]:
    """Django's field -> messages mapping as ninja/pydantic-style error entries."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    detail = []
    for field_name, messages in errors.items():
        loc = ["body", param] if field_name == NON_FIELD_ERRORS else ["body", param, field_name]
        detail.extend({"loc": loc, "msg": msg, "type": "value_error"} for msg in messages)
    return detail


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api``."""

    @api.exception_handler(DjangoValidationError)
    def _validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": validation_detail(exc)}, status=422)

    @api.exception_handler(TenantScopeError)
    def _scope(request: HttpRequest, exc: TenantScopeError) -> HttpResponse:
        # A PHI query without a practice: the caller must pick one; never a 500.
        return api.create_response(request, {"detail": "No practice selected."}, status=403)
