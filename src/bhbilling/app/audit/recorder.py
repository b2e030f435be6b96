"""Appending events to the hash chain.

Model:
- Every append locks the single ``AuditChainHead`` row (``SELECT ... FOR UPDATE``) inside a
  transaction, reads the last seq and hash from it, writes the new rows and moves the head.
  Two writers on PostgreSQL therefore queue on that row instead of forking the chain; on
  SQLite the write transaction itself serialises them.
- The event's ids are derived from the model instance (type, pk, practice, patient,
  company), never its values: the trail must hold no PHI (HIPAA minimum necessary,
  45 CFR 164.502(b)); ``detail`` is for field names and counts only.
- If the surrounding transaction rolls back, its events roll back too: the trail records
  what happened, not what was attempted (failed logins are recorded by their own call).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from bhbilling.app.audit.actor import resolve_actor
from bhbilling.app.audit.chain import ChainFields, event_hash, normalize_detail
from bhbilling.app.models import AuditChainHead, AuditEvent, BillingCompany, Claim, Practice
from bhbilling.app.tenancy import current_scope

__all__ = ["ACTIONS", "forget_practice", "record", "record_many"]

ACTIONS = frozenset({
    "read", "list", "create", "update", "delete", "export", "import",
    "login", "login_failed", "mfa_failed", "logout",
})
HEAD_PK = 1

# practice id -> company id. A practice never moves between companies, so this only grows;
# signals keep it right when a practice row is (re)created or deleted.
_company_of_practice: dict[int, int] = {}


def forget_practice(practice_id: int, company_id: int | None = None) -> None:
    """Update the practice -> company cache (called from Practice signals)."""
    if company_id is None:
        _company_of_practice.pop(practice_id, None)
    else:
        _company_of_practice[practice_id] = company_id


def _company_for(practice_id: int | None) -> int | None:
    if practice_id is None:
        return None
    if practice_id not in _company_of_practice:
        company_id = (Practice.unscoped.filter(pk=practice_id)
                      .values_list("company_id", flat=True).first())
        if company_id is None:
            return None
        _company_of_practice[practice_id] = company_id
    return _company_of_practice[practice_id]


@dataclass(slots=True)
class _Target:
    object_type: str
    object_id: str
    practice_id: int | None
    patient_id: int | None
    company_id: int | None


def _patient_of(obj: models.Model, claim_patients: dict[int, int] | None = None) -> int | None:
    if obj._meta.model_name == "patient":
        return obj.pk
    if hasattr(obj, "patient_id"):
        return obj.patient_id
    if getattr(obj, "session_id", None) and hasattr(obj, "session"):  # coding decisions
        return obj.session.patient_id
    claim_id = getattr(obj, "claim_id", None)  # claim lines, claim state changes
    if claim_id is None:
        return None
    if claim_patients is not None and claim_id in claim_patients:
        return claim_patients[claim_id]
    return Claim.unscoped.filter(pk=claim_id).values_list("patient_id", flat=True).first()


def _target_of(obj: models.Model, claim_patients: dict[int, int] | None = None) -> _Target:
    if isinstance(obj, BillingCompany):
        return _Target(obj._meta.model_name, str(obj.pk), None, None, obj.pk)
    if isinstance(obj, Practice):
        return _Target(obj._meta.model_name, str(obj.pk), obj.pk, None, obj.company_id)
    practice_id = getattr(obj, "practice_id", None)
    company_id = getattr(obj, "company_id", None)
    return _Target(obj._meta.model_name, "" if obj.pk is None else str(obj.pk), practice_id,
                   _patient_of(obj, claim_patients), company_id)


def _fill(target: _Target) -> _Target:
    """Fill practice/company from the current tenant scope and the practice cache."""
    scope = current_scope()
    if target.practice_id is None and target.company_id is None and scope is not None:
        target.practice_id = scope.practice_id
        target.company_id = scope.company_id
    if target.company_id is None:
        target.company_id = _company_for(target.practice_id)
    return target


def _locked_head() -> AuditChainHead:
    """The chain head, row-locked until the surrounding transaction ends."""
    head = AuditChainHead.objects.select_for_update().filter(pk=HEAD_PK).first()
    if head is None:
        # First event ever (or after a test flush): create the row, tolerating a racing
        # creator (get_or_create retries the read after an IntegrityError), then lock it.
        AuditChainHead.objects.get_or_create(pk=HEAD_PK)
        head = AuditChainHead.objects.select_for_update().get(pk=HEAD_PK)
    return head


def _append(action: str, targets: list[_Target], actor: Any, detail: Any) -> list[AuditEvent]:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}; expected one of {sorted(ACTIONS)}")
    actor_id, actor_label = resolve_actor(actor)
    clean_detail = normalize_detail(detail)
    at = timezone.now()
    with transaction.atomic():
        head = _locked_head()
        seq, prev = head.last_seq, head.last_hash
        events = []
        for target in targets:
            seq += 1
            fields = ChainFields(seq, at, actor_id, actor_label, target.company_id,
                                 target.practice_id, target.patient_id, action,
                                 target.object_type, target.object_id, clean_detail)
            digest = event_hash(prev, fields)
            events.append(AuditEvent(
                seq=seq, at=at, actor_id=actor_id, actor=actor_label,
                company_id=target.company_id, practice_id=target.practice_id,
                patient_id=target.patient_id, action=action, object_type=target.object_type,
                object_id=target.object_id, detail=clean_detail, prev_hash=prev, hash=digest,
            ))
            prev = digest
        if not events:
            return []
        if len(events) == 1:
            events[0].save(force_insert=True)
        else:
            AuditEvent.objects.bulk_create(events, batch_size=1000)
        head.last_seq, head.last_hash = seq, prev
        head.save(update_fields=["last_seq", "last_hash"])
    return events


def record(
    action: str,
    obj: models.Model | None = None,
    *,
    actor: Any = None,
    object_type: str | None = None,
    object_id: Any = None,
    patient_id: int | None = None,
    practice_id: int | None = None,
    company_id: int | None = None,
    detail: dict | None = None,
) -> AuditEvent:
    """Append one event. Explicit keyword values override what ``obj`` implies.

    ``actor``: a user or a label; default the context actor (request user or
    ``acting_as``), else "system". ``detail`` holds field names or counts, never values.
    """
    target = _target_of(obj) if obj is not None else _Target("", "", None, None, None)
    if object_type is not None:
        target.object_type = object_type
    if object_id is not None:
        target.object_id = str(object_id)
    if patient_id is not None:
        target.patient_id = patient_id
    if practice_id is not None:
        target.practice_id = practice_id
    if company_id is not None:
        target.company_id = company_id
    if not target.object_type:
        raise ValueError("audit.record needs a model instance or an object_type")
    return _append(action, [_fill(target)], actor, detail)[0]


def record_many(
    action: str, objs: Iterable[models.Model], *, actor: Any = None, detail: dict | None = None
) -> int:
    """Append one chained event per object in one transaction (for bulk_create, exports)."""
    objs = list(objs)
    claim_ids = {obj.claim_id for obj in objs
                 if not hasattr(obj, "patient_id") and getattr(obj, "claim_id", None)}
    claim_patients = dict(Claim.unscoped.filter(pk__in=claim_ids)
                          .values_list("id", "patient_id")) if claim_ids else {}
    targets = [_fill(_target_of(obj, claim_patients)) for obj in objs]
    return len(_append(action, targets, actor, detail))
