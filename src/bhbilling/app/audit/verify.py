"""Checking the audit chain end to end, in bounded memory.

Walks the events in seq order (streamed in chunks, so a million events need no more memory
than a few thousand) and reports, as findings located by seq:

- AUDIT-HASH-MISMATCH: the stored hash is not the hash of the row's content (row edited,
  or its seq changed by a reorder);
- AUDIT-SEQ-GAP: seq numbers skip (rows deleted), or the chain does not start at 1;
- AUDIT-LINK-BROKEN: prev_hash is not the previous row's hash (deleted or reordered rows);
- AUDIT-HEAD-MISMATCH: the head row does not name the last event (tail truncated, or
  events appended without moving the head).

HIPAA 45 CFR 164.312(c)(1): mechanisms to detect improper alteration of records.
"""

from __future__ import annotations

from collections.abc import Callable

from bhbilling.app.audit.chain import GENESIS, ChainFields, event_hash
from bhbilling.app.models import AuditChainHead, AuditEvent
from bhbilling.kernel.findings import Finding

__all__ = ["CHUNK", "verify"]

CHUNK = 2000
_COLUMNS = ("seq", "at", "actor_id", "actor", "company_id", "practice_id", "patient_id",
            "action", "object_type", "object_id", "detail", "prev_hash", "hash")


def verify(on_progress: Callable[[int], None] | None = None) -> list[Finding]:
    """Every broken link in the chain; an empty list means the trail is intact.

    ``on_progress(n)`` is called with the number of events checked so far, once per chunk.
    """
    findings: list[Finding] = []
    prev_seq, prev_hash, count = 0, GENESIS, 0
    rows = AuditEvent.objects.order_by("seq").values_list(*_COLUMNS).iterator(chunk_size=CHUNK)
    for row in rows:
        *content, stored_prev, stored_hash = row
        seq = content[0]
        if seq != prev_seq + 1:
            missing = "before it" if prev_seq == 0 else f"after seq {prev_seq}"
            findings.append(Finding("AUDIT-SEQ-GAP", f"seq {seq}: events are missing {missing}",
                                    row=seq, expected=f"seq {prev_seq + 1}"))
        if stored_prev != prev_hash:
            findings.append(Finding(
                "AUDIT-LINK-BROKEN",
                f"seq {seq}: prev_hash does not match the hash of the event before it "
                "(a row was deleted, inserted or reordered)", row=seq))
        if event_hash(stored_prev, ChainFields(*content)) != stored_hash:
            findings.append(Finding(
                "AUDIT-HASH-MISMATCH",
                f"seq {seq}: stored hash does not match the event's content (row edited)",
                row=seq))
        prev_seq, prev_hash = seq, stored_hash
        count += 1
        if on_progress is not None and count % CHUNK == 0:
            on_progress(count)
    if on_progress is not None:
        on_progress(count)
    findings.extend(_check_head(prev_seq, prev_hash, count))
    return findings


def _check_head(last_seq: int, last_hash: str, count: int) -> list[Finding]:
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None:
        if count == 0:
            return []
        return [Finding("AUDIT-HEAD-MISMATCH", f"the chain head row is missing but {count} "
                        "events exist", row=last_seq)]
    if head.last_seq == last_seq and head.last_hash == last_hash:
        return []
    return [Finding(
        "AUDIT-HEAD-MISMATCH",
        f"seq {head.last_seq}: the head names seq {head.last_seq} but the last stored event is "
        f"seq {last_seq} (events after it were deleted, or the head was altered)",
        row=head.last_seq,
    )]
