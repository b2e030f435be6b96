"""Burn-down: which authorization each session draws from, and what is left.

Rules:
- Sessions are taken in date order (billed before scheduled on the same day, then by
  key), so the result does not depend on the order the app lists them in.
- A billed session's units are *used*, a scheduled one's *pending*; voided claims and
  cancelled sessions draw nothing, so voiding gives the units back.
- A session draws from an authorization of the same payer that covers its code and date.
  When two overlap, the one that expires first (then started first, then by number) and
  still has room takes it, so units that would lapse soonest are spent first. A claim
  already carrying REF*G1 draws from that authorization only.
- No authorization with room: the session goes to the earliest-expiring covering one
  anyway and is listed in `over_limit` (the payer will deny with CARC 198). None covering
  at all (wrong code, before the start, after the end): `unauthorized` (CARC 197).
- Expiry: after the end date the remaining units are gone (`Usage.expired`); sessions
  dated later are unauthorized.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from bhbilling.domain.authorizations.model import Authorization, ServiceUse, UseStatus

__all__ = ["Allocation", "Usage", "allocate"]


@dataclass(frozen=True, slots=True)
class Usage:
    """One authorization's balance: units used (billed), pending (scheduled), remaining."""

    authorization: Authorization
    used: int
    pending: int
    uses: tuple[ServiceUse, ...]

    @property
    def committed(self) -> int:
        return self.used + self.pending

    @property
    def remaining(self) -> int:
        """Units not yet used or booked; negative when overbooked."""
        return self.authorization.units - self.committed

    def expired(self, on: dt.date) -> bool:
        return on > self.authorization.end


@dataclass(frozen=True, slots=True)
class Allocation:
    usages: tuple[Usage, ...]
    over_limit: tuple[ServiceUse, ...]
    unauthorized: tuple[ServiceUse, ...]

    def usage(self, number: str) -> Usage:
        return next(u for u in self.usages if u.authorization.number == number)

    def drawn_from(self, key: str) -> str:
        """The authorization number session `key` draws from ("" when none)."""
        return next((u.authorization.number for u in self.usages
                     if any(s.key == key for s in u.uses)), "")


def _order(use: ServiceUse) -> tuple:
    return (use.on, use.status is not UseStatus.BILLED, use.key)


def _expiry_order(auth: Authorization) -> tuple:
    return (auth.end, auth.start, auth.number)


def candidates(authorizations: Sequence[Authorization], use: ServiceUse) -> list[Authorization]:
    """Authorizations `use` may draw from, earliest expiry first."""
    found = [a for a in authorizations if a.covers(use.payer, use.code, use.on)]
    if use.authorization_number:
        found = [a for a in found if a.number == use.authorization_number]
    return sorted(found, key=_expiry_order)


def allocate(authorizations: Sequence[Authorization], uses: Sequence[ServiceUse]) -> Allocation:
    """Assign every counted session to an authorization (see the module docstring)."""
    if len({a.number for a in authorizations}) != len(authorizations):
        raise ValueError("authorization numbers must be unique")
    drawn = {a.number: 0 for a in authorizations}
    assigned: dict[str, list[ServiceUse]] = {a.number: [] for a in authorizations}
    over: list[ServiceUse] = []
    unauthorized: list[ServiceUse] = []
    for use in sorted((u for u in uses if u.status.counts), key=_order):
        options = candidates(authorizations, use)
        if not options:
            unauthorized.append(use)
            continue
        chosen = next((a for a in options if drawn[a.number] + use.units <= a.units), None)
        if chosen is None:
            chosen = options[0]
            over.append(use)
        drawn[chosen.number] += use.units
        assigned[chosen.number].append(use)
    usages = tuple(
        Usage(a, sum(u.units for u in assigned[a.number] if u.status is UseStatus.BILLED),
              sum(u.units for u in assigned[a.number] if u.status is UseStatus.SCHEDULED),
              tuple(assigned[a.number]))
        for a in sorted(authorizations, key=_expiry_order))
    return Allocation(usages, tuple(over), tuple(unauthorized))
