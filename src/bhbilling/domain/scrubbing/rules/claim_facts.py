"""Facts derived from a snapshot that several rule modules need, computed once per claim.

- ``billing_clinician``: whose credential, licence and enrollment decide -- the supervisor
  when the payer bills an associate's services under the supervisor (reference §5), else the
  rendering clinician.
- ``related_history``: the patient's other claim lines that still bill (not void, denied or
  rejected), by the same rendering clinician, leaving out this claim and, for a replacement
  or void (CLM05-3 7/8), the claim it replaces (matched on claim id or payer claim number).
- ``derived(c)``: the claim's codes, dates and related history, built on first use and
  remembered for the snapshot being scrubbed (an identity check, no hashing), so 64 rules
  do not rebuild the same sets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bhbilling.domain.scrubbing.rules.code_groups import (
    SUD_DX_PREFIXES,
    SUD_PROGRAM_MODIFIERS,
    SUD_SERVICE_CODES,
)
from bhbilling.domain.scrubbing.snapshot import (
    INACTIVE_STATES,
    ClaimSnapshot,
    Line,
    PriorLine,
    RenderingProvider,
)

_EMPTY: tuple[PriorLine, ...] = ()
_SUD_PREFIXES = frozenset(SUD_DX_PREFIXES)


@dataclass(frozen=True, slots=True)
class Derived:
    codes: frozenset[str]  # every code on the claim
    days: frozenset[dt.date]  # every date of service on the claim
    first_day: dt.date  # the claim's "from" date (as_of when it has no lines)
    last_day: dt.date  # the claim's "to" date (as_of when it has no lines)
    history: tuple[PriorLine, ...]  # related_history(c)


_memo: tuple[ClaimSnapshot | None, Derived | None] = (None, None)


def derived(c: ClaimSnapshot) -> Derived:
    global _memo
    memo = _memo  # one read of the pair: safe if another thread replaces it meanwhile
    if memo[0] is c:
        return memo[1]
    lines = c.lines
    if len(lines) == 1:  # the common case, without generators
        day = lines[0].date_of_service
        d = Derived(frozenset((lines[0].code,)), frozenset((day,)), day, day, _related(c))
    else:
        days = frozenset(line.date_of_service for line in lines)
        d = Derived(frozenset(line.code for line in lines), days, min(days) if days else c.as_of,
                    max(days) if days else c.as_of, _related(c))
    _memo = (c, d)
    return d


def billing_clinician(c: ClaimSnapshot) -> RenderingProvider:
    r = c.rendering
    if r.is_associate and r.supervisor is not None and c.payer.associate_billing == "supervisor":
        return r.supervisor
    return r


def _related(c: ClaimSnapshot) -> tuple[PriorLine, ...]:
    if not c.history:
        return _EMPTY
    patient, npi, own = c.patient.patient_id, c.rendering.npi, c.claim_id
    replaced = c.original_claim_number if c.frequency_code in ("7", "8") else None
    return tuple(h for h in c.history
                 if h.patient_id == patient and h.provider_npi == npi and h.claim_id != own
                 and h.state not in INACTIVE_STATES
                 and not (replaced and replaced in (h.claim_id, h.payer_claim_number)))


def related_history(c: ClaimSnapshot) -> tuple[PriorLine, ...]:
    return derived(c).history if c.history else _EMPTY


def codes_on(c: ClaimSnapshot, day: dt.date,
             history: tuple[PriorLine, ...] = ()) -> set[str] | frozenset[str]:
    """Codes billed on ``day``: this claim's lines, plus the given history lines."""
    d = derived(c)
    if len(d.days) == 1 and not history:
        return d.codes
    codes = {line.code for line in c.lines if line.date_of_service == day}
    codes.update(h.code for h in history if h.date_of_service == day)
    return codes


def is_sud_diagnosis(code: str) -> bool:
    return code[:3].upper() in _SUD_PREFIXES


def is_sud_line(line: Line) -> bool:
    return line.code in SUD_SERVICE_CODES or (
        bool(line.modifiers) and not SUD_PROGRAM_MODIFIERS.isdisjoint(line.modifiers))
