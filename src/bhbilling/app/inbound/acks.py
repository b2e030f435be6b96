"""999 and 277CA/277 answers move claims: acknowledged, accepted or rejected by the payer.

999 (005010X231A1): AK102 names the GS06 of our batch, AK2/IK5 our ST02. Accepted (A, or
E = accepted with errors noted) moves the batch's claims to "acknowledged"; rejected (R)
moves them to "rejected" with the IK3/IK4 errors in plain words on each claim. 277CA
(005010X214): each claim, found by our CLM01 (TRN*2 at the claim level), is accepted into
adjudication (A1/A2/A5) or rejected (A3/A6/A7/A8) with its STC codes; REF*1K gives the
payer's claim number. A 277 status answer (005010X212) is recorded on the claim and puts
it on the follow-up list. Every report is kept as a ``ClaimStatusReport`` and every move
names the file that caused it.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from bhbilling.app import models as m
from bhbilling.app.claims.states import move_many
from bhbilling.domain.claims import IllegalTransition, check_transition
from bhbilling.x12.ack999 import read_999
from bhbilling.x12.status277 import read_277

__all__ = ["AckOutcome", "apply_277", "apply_999"]


@dataclass(slots=True)
class AckOutcome:
    acknowledged: int = 0
    accepted: int = 0
    rejected: int = 0
    recorded: int = 0
    unknown: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Moves:
    """Moves gathered per (target, reason) and applied with one update each."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str], list[m.Claim]] = {}

    def add(self, claim: m.Claim, target: str, reason: str, out: AckOutcome) -> bool:
        try:
            check_transition(claim.state, target)
        except IllegalTransition as exc:
            out.notes.append(f"claim {claim.patient_control_number}: {exc}")
            return False
        self.groups.setdefault((target, reason[:200]), []).append(claim)
        return True

    def apply(self, source: str, actor: Any) -> None:
        for (target, reason), claims in self.groups.items():
            move_many(claims, target, actor=actor, reason=reason, source_file=source)


def _errors_text(response) -> str:
    parts = []
    for seg in response.errors:
        text = f"segment {seg.segment_id} at {seg.position} (IK304 {seg.code})"
        for el in seg.elements:
            text += f", element {el.element} (IK403 {el.code})"
        parts.append(text)
    return "; ".join(parts) or "rejected without detail"


def apply_999(ch: m.Clearinghouse, data: bytes, name: str, *, actor: Any = None) -> AckOutcome:
    out = AckOutcome()
    moves = _Moves()
    now = timezone.now()
    for ack in read_999(io.BytesIO(data), file_name=name):
        try:
            group = int(ack.group_control_number)
        except ValueError:
            out.unknown.append(f"AK102 {ack.group_control_number!r}")
            continue
        batch = m.Batch.unscoped.filter(clearinghouse=ch, group_number=group).first()
        if batch is None:
            out.unknown.append(f"group {group}")
            continue
        response = ack.response_for(str(batch.transaction_number))
        status = response.status if response is not None else ack.status
        batch.ack_status, batch.ack_at = status, now
        batch.save(update_fields=["ack_status", "ack_at"])
        claims = list(m.Claim.unscoped.filter(batch_entries__batch=batch))
        for claim in claims:
            if status in ("A", "E"):
                if moves.add(claim, "acknowledged", f"999 {status}: structure accepted", out):
                    out.acknowledged += 1
            else:
                detail = _errors_text(response) if response is not None else "group rejected"
                m.ClaimStatusReport.unscoped.create(
                    practice_id=claim.practice_id, claim=claim, source="999", file_name=name,
                    category="R", message=detail[:300], received_at=now)
                if moves.add(claim, "rejected", f"999 rejected the file: {detail}", out):
                    out.rejected += 1
    moves.apply(name, actor)
    return out


def _message(st) -> str:
    if st is None:
        return ""
    codes = ", ".join(f"{c.category}:{c.code}" + (f":{c.entity}" if c.entity else "")
                      for c in st.codes)
    return f"{codes} {st.message}".strip()


def apply_277(ch: m.Clearinghouse, data: bytes, name: str, *, actor: Any = None) -> AckOutcome:
    out = AckOutcome()
    moves = _Moves()
    reports: list[m.ClaimStatusReport] = []
    numbered: list[m.Claim] = []
    now = timezone.now()
    responses = read_277(io.BytesIO(data), file_name=name)
    wanted = {s.patient_control_number for r in responses for s in r.claims}
    by_pcn = {c.patient_control_number: c for c in m.Claim.unscoped.filter(
        practice__company_id=ch.company_id, patient_control_number__in=wanted)}
    for response in responses:
        source = "277CA" if response.is_acknowledgment else "277"
        for status in response.claims:
            claim = by_pcn.get(status.patient_control_number)
            if claim is None:
                out.unknown.append(status.patient_control_number)
                continue
            first = status.status
            code = first.codes[0] if first and first.codes else None
            reports.append(m.ClaimStatusReport(
                practice_id=claim.practice_id, claim=claim, source=source, file_name=name,
                category=code.category if code else "", status_code=code.code if code else "",
                entity=code.entity if code else "", message=_message(first)[:300],
                payer_claim_number=status.payer_claim_number[:50],
                effective_date=first.effective_date if first else None, received_at=now))
            out.recorded += 1
            if status.payer_claim_number and not claim.payer_claim_number:
                claim.payer_claim_number = status.payer_claim_number[:50]
                numbered.append(claim)
            if source == "277":
                m.Claim.unscoped.filter(pk=claim.pk).update(
                    follow_up_on=timezone.localdate() + dt.timedelta(days=7))
                continue
            if status.rejected:
                if moves.add(claim, "rejected", f"277CA rejected: {_message(first)}", out):
                    out.rejected += 1
            elif status.accepted and moves.add(claim, "accepted", "277CA accepted", out):
                out.accepted += 1
    m.ClaimStatusReport.unscoped.bulk_create(reports)
    if numbered:
        m.Claim.unscoped.bulk_update(numbered, ["payer_claim_number"])
    moves.apply(name, actor)
    return out
