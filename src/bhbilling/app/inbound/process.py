"""Process what a clearinghouse connection collected, each file once (by SHA-256).

Routes by kind: 999 and 277CA/277 move claims (``acks``), 835 posts remittances to the
practice whose NPI is the payee (``app.remittance``), 271 records eligibility answers.
A file that fails is kept with the reason and does not stop the others; a file seen
before is skipped. ``exchange`` is one round trip: send pending batches, collect,
process, acknowledge what was processed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from bhbilling.app import models as m
from bhbilling.app.eligibility.recording import record_271
from bhbilling.app.gateways import gateway_for
from bhbilling.app.inbound.acks import apply_277, apply_999
from bhbilling.app.inbound.kinds import kind_of
from bhbilling.app.remittance.importer import find_practices_for, import_remittance_file
from bhbilling.app.submission.transmit import TransmitSummary, send_pending
from bhbilling.app.tenancy import scoped_to
from bhbilling.application.ports import Collected
from bhbilling.kernel.errors import BhBillingError
from bhbilling.x12.errors import X12Error

#: answers are applied in the order a claim lives them, whatever their file names
ORDER = {"999": 0, "277CA": 1, "277": 2, "835": 3, "271": 4}

__all__ = ["ExchangeSummary", "FileOutcome", "exchange", "process_collected"]


@dataclass(slots=True)
class FileOutcome:
    name: str
    kind: str
    status: str  # processed | failed | ignored | seen
    detail: str = ""


@dataclass(slots=True)
class ExchangeSummary:
    sent: TransmitSummary = field(default_factory=TransmitSummary)
    files: list[FileOutcome] = field(default_factory=list)


def _handle(ch: m.Clearinghouse, kind: str, f: Collected, actor: Any) -> tuple[str, str]:
    if kind == "999":
        out = apply_999(ch, f.content, f.name, actor=actor)
        return "processed", (f"{out.acknowledged} acknowledged, {out.rejected} rejected"
                             + (f"; unknown {', '.join(out.unknown)}" if out.unknown else ""))
    if kind in ("277CA", "277"):
        out = apply_277(ch, f.content, f.name, actor=actor)
        return "processed", (f"{out.accepted} accepted, {out.rejected} rejected, "
                             f"{out.recorded} recorded"
                             + (f"; {len(out.unknown)} unknown claims" if out.unknown else ""))
    if kind == "835":
        practices = [p for p in find_practices_for(f.content, f.name)
                     if p.company_id == ch.company_id]
        if not practices:
            return "ignored", "no payee in the file is a practice of this company"
        notes, failed = [], False
        for practice in practices:
            with scoped_to(practice.company_id, practice.pk):
                report = import_remittance_file(practice, f.content, f.name, actor=actor)
            t = report.totals
            failed |= report.status == "quarantined"
            notes.append(f"{practice.name}: {report.status}, {t.claims_matched} claims matched, "
                         f"${t.paid:,.2f} paid" + (f" ({report.reason})" if report.reason else ""))
        return ("failed" if failed else "processed"), "; ".join(notes)
    if kind == "271":
        return _record_271(ch, f, actor)
    return "ignored", "not a 999, 277CA, 277, 835 or 271"


def _record_271(ch: m.Clearinghouse, f: Collected, actor: Any) -> tuple[str, str]:
    """Offer the answers to each practice of the company; each keeps its own patients'."""
    recorded, on = 0, timezone.localdate()
    for practice in m.Practice.unscoped.filter(company_id=ch.company_id):
        with scoped_to(practice.company_id, practice.pk):
            report = record_271(practice, f.content, f.name, on=on, actor=actor,
                                source="clearinghouse")
        recorded += len(report.checks)
    return "processed", f"{recorded} eligibility answer(s) recorded"


def process_collected(ch: m.Clearinghouse, files: Sequence[Collected], *,
                      actor: Any = None) -> list[FileOutcome]:
    outcomes = []
    typed = sorted(((kind_of(f.content, f.name), f) for f in files),
                   key=lambda kf: (ORDER.get(kf[0], 9), kf[1].name))
    for kind, f in typed:
        sha = hashlib.sha256(f.content).hexdigest()
        if m.InboundFile.unscoped.filter(clearinghouse=ch, sha256=sha).exists():
            outcomes.append(FileOutcome(f.name, kind, "seen", "already processed"))
            continue
        try:
            with transaction.atomic():
                status, detail = _handle(ch, kind, f, actor)
        except (BhBillingError, X12Error) as exc:
            status, detail = "failed", str(exc)
        try:
            m.InboundFile.unscoped.create(
                company_id=ch.company_id, clearinghouse=ch, name=f.name[:255], sha256=sha,
                kind=kind, received_at=timezone.now(), status=status, detail=detail[:2000],
                content=f.content.decode("utf-8", errors="replace"))
        except IntegrityError:
            status, detail = "seen", "processed by another worker"
        outcomes.append(FileOutcome(f.name, kind, status, detail))
    return outcomes


def exchange(ch: m.Clearinghouse, *, actor: Any = None, gateway=None) -> ExchangeSummary:
    gw = gateway or gateway_for(ch)
    summary = ExchangeSummary(sent=send_pending(ch, actor=actor, gateway=gw))
    collected = gw.collect()
    summary.files = process_collected(ch, collected, actor=actor)
    gw.acknowledge([o.name for o in summary.files if o.status in ("processed", "seen", "ignored")])
    return summary
