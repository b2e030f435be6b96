"""Send written batches through their clearinghouse connection, each exactly once.

A batch is marked sent (``sent_at``) only after the gateway confirms delivery. If the
process dies between the upload and that mark, the next run finds the file already at
the clearinghouse (the gateway checks by name and size) and only records it: the payer
never receives the same interchange twice. A failed delivery leaves the batch unsent with
the attempt counted, for the next run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from bhbilling.app import audit
from bhbilling.app.gateways import gateway_for
from bhbilling.app.models import Batch, Clearinghouse
from bhbilling.application.ports import Outbound

__all__ = ["TransmitSummary", "send_pending"]


@dataclass(slots=True)
class TransmitSummary:
    sent: list[str] = field(default_factory=list)
    already_there: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def send_pending(ch: Clearinghouse, *, actor: Any = None, gateway=None) -> TransmitSummary:
    """Deliver every unsent batch of this connection (all practices of its company)."""
    gw = gateway or gateway_for(ch)
    batches = list(Batch.unscoped.filter(clearinghouse=ch, sent_at__isnull=True).order_by("id"))
    summary = TransmitSummary()
    if not batches:
        return summary
    results = {r.name: r for r in gw.send([Outbound(b.file_name, b.content.encode("ascii"))
                                          for b in batches])}
    now = timezone.now()
    for batch in batches:
        result = results[batch.file_name]
        batch.send_attempts += result.attempts
        if result.delivered:
            batch.sent_at = now
            (summary.already_there if result.already_there else summary.sent).append(
                batch.file_name)
        else:
            summary.failed.append((batch.file_name, result.error))
        batch.save(update_fields=["sent_at", "send_attempts"])
        audit.record("export", batch, actor=actor,
                     detail={"delivered": result.delivered, "to": ch.name})
    return summary
