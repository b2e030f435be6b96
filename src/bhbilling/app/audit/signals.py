"""Automatic audit events for every write to PHI and tenant rows.

- post_save -> "create"/"update", post_delete -> "delete", for Patient, Coverage, Consent,
  ClinicalSession, Claim, ClaimLine and Provider. ``detail`` lists the changed field names
  when the caller said which (``save(update_fields=...)``); values are never recorded.
- ``bulk_create``/``QuerySet.update`` fire no signals: code that uses them calls
  ``audit.record_many`` itself.
- Fixture loading (``raw=True``) is not a user action and is skipped.
- Practice saves keep the recorder's practice -> company cache right.

Connected once from ``BillingConfig.ready()``.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from bhbilling.app.audit.recorder import forget_practice, record
from bhbilling.app.models import (
    Claim,
    ClaimLine,
    ClinicalSession,
    Consent,
    Coverage,
    Patient,
    Practice,
    Provider,
)

__all__ = ["AUDITED_MODELS"]

AUDITED_MODELS = (Patient, Coverage, Consent, ClinicalSession, Claim, ClaimLine, Provider)


def _on_save(sender, instance, created: bool, raw: bool = False, update_fields=None,
             **kwargs) -> None:
    if raw:
        return
    detail = {"fields": sorted(update_fields)} if update_fields else None
    record("create" if created else "update", instance, detail=detail)


def _on_delete(sender, instance, **kwargs) -> None:
    record("delete", instance)


def _on_practice_save(sender, instance, raw: bool = False, **kwargs) -> None:
    forget_practice(instance.pk, instance.company_id)


def _on_practice_delete(sender, instance, **kwargs) -> None:
    forget_practice(instance.pk)


for _model in AUDITED_MODELS:
    post_save.connect(_on_save, sender=_model, dispatch_uid=f"audit-save-{_model.__name__}")
    post_delete.connect(_on_delete, sender=_model, dispatch_uid=f"audit-delete-{_model.__name__}")
post_save.connect(_on_practice_save, sender=Practice, dispatch_uid="audit-practice-cache")
post_delete.connect(_on_practice_delete, sender=Practice, dispatch_uid="audit-practice-uncache")
