"""How an audit event is hashed, so an edited, deleted or reordered row is detectable.

Model:
- The hashed content is a canonical JSON object (sorted keys, no whitespace, UTF-8) of the
  event's fields: seq, `at` as a UTC ISO-8601 string with microseconds, actor_id, actor,
  company_id, practice_id, patient_id, action, object_type, object_id and detail.
- ``hash = sha256(prev_hash + canonical_json)``, hex. The first event links to ``GENESIS``
  (64 zeros). Changing any field, the order, or removing a row breaks a link.
- The same function serves writing (recorder) and checking (verify), so the two can never
  disagree about the format. HIPAA 45 CFR 164.312(b) audit controls, 164.312(c)(1)
  integrity.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

__all__ = ["GENESIS", "ChainFields", "canonical_json", "event_hash", "normalize_detail"]

GENESIS = "0" * 64


def canonical_json(value: Any) -> str:
    """One fixed text for a JSON value: sorted keys, compact separators, no ASCII escaping."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False)


def normalize_detail(detail: Any) -> dict:
    """The detail as it will read back from the JSON column (tuples become lists, ...).

    Raises TypeError for values JSON cannot hold, so a bad detail fails at write time and
    not as a false "edited row" finding later.
    """
    if detail is None:
        return {}
    if not isinstance(detail, dict):
        raise TypeError(f"audit detail must be a dict, got {type(detail).__name__}")
    return json.loads(canonical_json(detail))


def _utc_iso(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("audit timestamps must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class ChainFields:
    """The hashed fields of one event, in the shape stored in ``billing_auditevent``."""

    seq: int
    at: datetime
    actor_id: int | None
    actor: str
    company_id: int | None
    practice_id: int | None
    patient_id: int | None
    action: str
    object_type: str
    object_id: str
    detail: dict

    def canonical(self) -> str:
        return canonical_json({
            "seq": self.seq,
            "at": _utc_iso(self.at),
            "actor_id": self.actor_id,
            "actor": self.actor,
            "company_id": self.company_id,
            "practice_id": self.practice_id,
            "patient_id": self.patient_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "detail": self.detail,
        })


def event_hash(prev_hash: str, fields: ChainFields) -> str:
    """SHA-256 hex of the previous hash followed by the event's canonical JSON."""
    return hashlib.sha256((prev_hash + fields.canonical()).encode("utf-8")).hexdigest()
