"""Which sessions of a month go on superbills, and the coded lines each one carries.

A superbill is for services the patient pays the practice for and may file with their own
plan (out of network). We keep no "out-of-network" flag on coverages, so the selection is
made from what billing already knows. A completed session of the month is on the
patient's superbill when:
- its claim (any claim other than a void) is to a self-pay payer or to no payer: the
  lines come from that claim; or
- it has no claim to an insurer and, on its date of service, the patient had no coverage
  with an insurer (none, or only coverages whose payer is of kind self-pay: that is how a
  practice records an out-of-network plan it does not bill); or the session was paid out
  of pocket with a request not to tell the plan (``no_disclose``, 45 CFR 164.522). Its
  lines are the coder's decided lines (accepted or changed), as a claim would use.
A session with a claim to an insurer (or that will get one: an insurer's coverage is active
on its date) is billed to that insurer and never put on a superbill. A selected session
that cannot be itemized yet (note not signed, coding not decided, no fee) is listed in
``skipped`` with what to do, and left off until it is fixed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from bhbilling.app.models import (
    Claim,
    ClaimLine,
    ClaimState,
    ClinicalSession,
    CodingDecision,
    Coverage,
    DecisionStatus,
    FrequencyCode,
    Provider,
    SessionStatus,
)
from bhbilling.domain.parties import PayerKind

__all__ = ["ItemLine", "Itemized", "Selection", "select_sessions"]

SELF_PAY = PayerKind.SELF_PAY.value


@dataclass(frozen=True, slots=True)
class ItemLine:
    code: str
    modifiers: tuple[str, ...]
    units: Decimal
    charge: Decimal
    place_of_service: str
    diagnoses: tuple[str, ...]  # the codes this line points to, primary first
    provider: Provider


@dataclass(frozen=True, slots=True)
class Itemized:
    session: ClinicalSession
    lines: tuple[ItemLine, ...]
    claim: Claim | None = None  # the self-pay claim the lines came from, if any


@dataclass(slots=True)
class Selection:
    chosen: list[Itemized] = field(default_factory=list)
    skipped: list[tuple[ClinicalSession, str]] = field(default_factory=list)


def _pointed(diagnoses: list[str], pointers: list[int]) -> tuple[str, ...]:
    picked = [diagnoses[p - 1] for p in (pointers or [1]) if 1 <= p <= len(diagnoses)]
    return tuple(picked or diagnoses[:1])


def _from_claim(claim: Claim) -> tuple[ItemLine, ...]:
    dx = list(claim.diagnoses or ())
    return tuple(ItemLine(ln.code, tuple(ln.modifiers or ()), Decimal(ln.units), Decimal(ln.charge),
                          ln.place_of_service or claim.place_of_service,
                          _pointed(dx, ln.diagnosis_pointers), claim.rendering_provider)
                 for ln in claim.lines.all())


def _from_decision(session: ClinicalSession, decision: CodingDecision | None) -> tuple[ItemLine, ...] | str:
    """The decided lines, or why the session cannot be itemized yet."""
    if not session.note_signed:
        return f"session {session.pk}: the note is not signed; sign it before it is itemized"
    if decision is None or decision.status == DecisionStatus.PROPOSED:
        return f"session {session.pk}: the coding is not decided yet; accept or change it"
    if not decision.final:
        return f"session {session.pk}: the coder decided no billable lines"
    missing = [ln["code"] for ln in decision.final if ln.get("charge") in (None, "")]
    if missing:
        return f"session {session.pk}: no fee for {', '.join(missing)}; add it to the fee schedule"
    dx = list(session.diagnoses or ())
    sup = session.provider.supervisor
    out = []
    for ln in decision.final:
        provider = sup if sup is not None and ln.get("rendering_npi") == sup.npi else session.provider
        out.append(ItemLine(ln["code"], tuple(ln.get("modifiers") or ()), Decimal(str(ln["units"])),
                            Decimal(str(ln["charge"])), str(ln["place_of_service"]),
                            _pointed(dx, list(ln.get("diagnosis_pointers") or [1])), provider))
    return tuple(out)


def _insured_on(coverages: list[Coverage], day: dt.date) -> bool:
    return any(c.payer.kind != SELF_PAY and c.is_active_on(day) for c in coverages)


def select_sessions(practice_id: int, first: dt.date, last: dt.date,
                    patient_id: int | None = None) -> Selection:
    """The month's superbill sessions (one query per kind of row), in date order."""
    rows = (ClinicalSession.unscoped
            .filter(practice_id=practice_id, status=SessionStatus.COMPLETED,
                    date_of_service__gte=first, date_of_service__lte=last)
            .select_related("patient", "provider__supervisor", "location")
            .order_by("date_of_service", "start_time", "id"))
    if patient_id is not None:
        rows = rows.filter(patient_id=patient_id)
    sessions = list(rows)
    ids = [s.pk for s in sessions]
    claims: dict[int, list[Claim]] = defaultdict(list)
    for claim in (Claim.unscoped.filter(practice_id=practice_id, session_id__in=ids)
                  .exclude(state=ClaimState.VOIDED).exclude(frequency_code=FrequencyCode.VOID)
                  .select_related("payer", "rendering_provider")
                  .prefetch_related(Prefetch("lines", ClaimLine.unscoped.order_by("line_number")))
                  .order_by("id")):
        claims[claim.session_id].append(claim)
    coverages: dict[int, list[Coverage]] = defaultdict(list)
    for cov in (Coverage.unscoped.filter(practice_id=practice_id,
                                         patient_id__in={s.patient_id for s in sessions})
                .select_related("payer")):
        coverages[cov.patient_id].append(cov)
    decisions = {d.session_id: d for d in CodingDecision.unscoped
                 .filter(practice_id=practice_id, session_id__in=ids).order_by("id")}
    out = Selection()
    for session in sessions:
        own = claims[session.pk]
        if any(c.payer is not None and c.payer.kind != SELF_PAY for c in own):
            continue  # billed to an insurer
        if own:
            out.chosen.append(Itemized(session, _from_claim(own[-1]), own[-1]))
            continue
        if _insured_on(coverages[session.patient_id], session.date_of_service) \
                and not session.no_disclose:
            continue  # an insurer is billed for it (its claim comes when it is coded)
        lines = _from_decision(session, decisions.get(session.pk))
        if isinstance(lines, str):
            out.skipped.append((session, lines))
        else:
            out.chosen.append(Itemized(session, lines))
    return out
