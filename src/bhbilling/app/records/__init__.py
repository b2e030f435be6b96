"""Create/update services for the master records (practices ... sessions).

Why a service layer: the JSON API, the web UI and the importers all change the same rows,
and each must apply the same rules -- model validators (NPI check digit, state, ZIP,
taxonomy), cross-field rules (coverage dates in order) and, above all, resolving foreign
keys *through the tenant-scoped managers*, so an id from another practice is a validation
error and never a cross-tenant link.

Every function raises ``django.core.exceptions.ValidationError`` with a field -> messages
dict; adapters turn it into their own error shape (the API: 422 with one entry per field).
Messages never echo PHI values back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

M = TypeVar("M", bound=models.Model)

__all__ = ["apply_fields", "resolve_fk", "save_validated"]


def resolve_fk(manager: models.Manager, value: Any, field: str, *, required: bool = True):
    """The row with id ``value`` as seen through a scoped manager, else a field error.

    Another tenant's row is invisible to the scoped manager, so it reads as "does not
    exist" -- the same answer as a made-up id, which leaks nothing.
    """
    if value is None:
        if required:
            raise ValidationError({field: ["This field is required."]})
        return None
    try:
        return manager.get(pk=int(value))
    except (manager.model.DoesNotExist, TypeError, ValueError):
        raise ValidationError({field: [f"No such record (id {value})."]}) from None


def apply_fields(obj: M, data: Mapping[str, Any], allowed: Iterable[str]) -> M:
    """Copy the allowed keys of ``data`` onto ``obj``; unknown keys are a programming error."""
    allowed = set(allowed)
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({name: ["This field cannot be set here."] for name in sorted(unknown)})
    for name, value in data.items():
        setattr(obj, name, value)
    return obj


def save_validated(obj: M, *, exclude: Iterable[str] = ()) -> M:
    """Run the model's full validation (fields, clean(), unique constraints), then save."""
    obj.full_clean(exclude=list(exclude) or None)
    with transaction.atomic():
        obj.save()
    return obj

