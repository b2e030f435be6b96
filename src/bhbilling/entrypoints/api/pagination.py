"""Limit/offset pagination (at most 200 rows a page) that audits PHI lists.

HIPAA 45 CFR 164.312(b) asks for a record of who viewed ePHI. A list view discloses every
row on the page, so after slicing we record one "list" event with the number of rows shown
(never the filter text: a search for a name is itself PHI).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from bhbilling.app import audit

MAX_PAGE = 200
DEFAULT_PAGE = 50
AUDIT_ATTR = "audit_list_type"


def audit_list_as(request: HttpRequest, model: type[Model]) -> None:
    """Mark this list request as PHI: the paginator records what it returns.

    The object type is the model name, as the audit trail writes it for single reads.
    """
    setattr(request, AUDIT_ATTR, model._meta.model_name)


class AuditedLimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(DEFAULT_PAGE, ge=1, le=MAX_PAGE)
        offset: int = Field(0, ge=0)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_PAGE, **kwargs)

    def paginate_queryset(self, queryset: QuerySet, pagination: Any, request: HttpRequest,
                          **params: Any) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        items = list(page[self.items_attribute])
        page[self.items_attribute] = items
        object_type = getattr(request, AUDIT_ATTR, None)
        if object_type:
            audit.record("list", None, object_type=object_type, practice_id=request.practice_id,
                         detail={"count": len(items)},
                         actor=getattr(request, "auth", None) or request.user)
        return page
