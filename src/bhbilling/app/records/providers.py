"""Rendering providers (837P loop 2310B): type-1 NPI, taxonomy, credential, supervisor.

The supervisor is resolved through the practice-scoped manager: a supervising clinician
must belong to the same practice (incident-to / supervised billing is per practice).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from bhbilling.app.models import Provider
from bhbilling.app.records import apply_fields, resolve_fk, save_validated

FIELDS = ("first_name", "last_name", "npi", "taxonomy", "credential", "email", "active",
          "supervisor")


def _resolve(data: dict[str, Any], provider: Provider | None) -> dict[str, Any]:
    data = dict(data)
    if "supervisor_id" in data:
        sup_id = data.pop("supervisor_id")
        supervisor = resolve_fk(Provider.objects, sup_id, "supervisor_id", required=False)
        if supervisor is not None and provider is not None and supervisor.pk == provider.pk:
            raise ValidationError({"supervisor_id": ["A provider cannot supervise themself."]})
        data["supervisor"] = supervisor
    return data


def create_provider(data: dict[str, Any], *, practice_id: int) -> Provider:
    provider = Provider(practice_id=practice_id)
    apply_fields(provider, _resolve(data, None), FIELDS)
    return save_validated(provider)


def update_provider(provider: Provider, data: dict[str, Any]) -> Provider:
    apply_fields(provider, _resolve(data, provider), FIELDS)
    return save_validated(provider)
