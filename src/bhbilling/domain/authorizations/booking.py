"""May this session be booked (or charged) under the patient's authorizations?

`check_booking` answers before the session is saved: it allocates the sessions already
on file (see `usage`), then places the new one. It blocks (the UI shows a warning the
user must override) when no authorization covers the code and date, when every covering
one is out of units, or when the frequency cap (e.g. 1 per week) is reached; it warns
without blocking when the booking crosses an alert threshold. The same check applies
when charging a session (a billed `ServiceUse`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from bhbilling.domain.authorizations.alerts import Thresholds
from bhbilling.domain.authorizations.model import Authorization, ServiceUse
from bhbilling.domain.authorizations.usage import Allocation, allocate, candidates

__all__ = ["BookingCheck", "check_booking"]


@dataclass(frozen=True, slots=True)
class BookingCheck:
    """`blocking` True means the booking breaks a limit; `authorization_number` is the one
    it would draw from (REF*G1 on the claim); `remaining_after` its units left after it."""

    blocking: bool
    authorization_number: str = ""
    remaining_after: int | None = None
    warnings: tuple[str, ...] = ()


def _why_uncovered(authorizations: Sequence[Authorization], use: ServiceUse) -> str:
    same = [a for a in authorizations if a.payer == use.payer and use.code in a.codes]
    if not same:
        return f"no authorization on file covers {use.code} for this payer"
    if use.authorization_number and not any(a.number == use.authorization_number for a in same):
        return f"authorization {use.authorization_number} does not cover {use.code}"
    ended = [a for a in same if a.end < use.on]
    if ended and not [a for a in same if a.start > use.on]:
        last = max(ended, key=lambda a: a.end)
        return f"authorization {last.number} ended on {last.end}"
    first = min(same, key=lambda a: a.start)
    return f"no authorization covers {use.on}; {first.number} runs {first.start} to {first.end}"


def _frequency_full(auth: Authorization, allocation: Allocation, use: ServiceUse) -> bool:
    freq = auth.frequency
    if freq is None:
        return False
    period = freq.period_of(use.on)
    taken = sum(1 for s in allocation.usage(auth.number).uses if freq.period_of(s.on) == period)
    return taken + 1 > freq.limit


def check_booking(authorizations: Sequence[Authorization], existing: Sequence[ServiceUse],
                  booking: ServiceUse, *, requires_authorization: bool = True,
                  limits: Thresholds | None = None) -> BookingCheck:
    """Check `booking` against the authorizations, given the sessions already `existing`
    (a session with the booking's key is replaced by it, so re-checking an edit works)."""
    limits = limits or Thresholds()
    others = [u for u in existing if u.key != booking.key]
    allocation = allocate(authorizations, others)
    options = candidates(authorizations, booking)
    if not options:
        if not requires_authorization:
            return BookingCheck(False)
        return BookingCheck(True, warnings=(_why_uncovered(authorizations, booking),))
    room = [a for a in options if allocation.usage(a.number).remaining >= booking.units]
    if not room:
        best = options[0]
        left = allocation.usage(best.number).remaining
        return BookingCheck(True, best.number, left - booking.units, (
            f"beyond the limit: {max(left, 0)} {best.unit_type.value} unit(s) left on "
            f"authorization {best.number}, this session needs {booking.units}",))
    open_ = [a for a in room if not _frequency_full(a, allocation, booking)]
    if not open_:
        auth = room[0]
        freq = auth.frequency
        assert freq is not None
        return BookingCheck(True, auth.number, allocation.usage(auth.number).remaining, (
            f"frequency limit reached: authorization {auth.number} allows {freq.limit} per {freq.per}",))
    auth = open_[0]
    after = allocate(authorizations, [*others, dataclasses.replace(
        booking, authorization_number=auth.number)]).usage(auth.number)
    warnings: list[str] = []
    if after.remaining <= limits.units_left:
        warnings.append(f"{after.remaining} unit(s) left on authorization {auth.number} after this session")
    if auth.units and after.committed >= limits.percent_used * auth.units:
        warnings.append(f"authorization {auth.number} is {after.committed} of {auth.units} units committed")
    if auth.days_left(booking.on) <= limits.days_to_expiry:
        warnings.append(f"authorization {auth.number} expires on {auth.end}")
    return BookingCheck(False, auth.number, after.remaining, tuple(warnings))
