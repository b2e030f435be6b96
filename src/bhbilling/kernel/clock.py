"""Time as an injected dependency.

Model:
- Filing deadlines, A/R aging buckets and eligibility windows all depend on "today", so
  code never calls `datetime.now()` directly; it takes a `Clock`.
- `now()` is always timezone-aware UTC. `today()` is the UTC calendar date unless the
  clock is given a practice time zone, because a claim's filing deadline is counted in
  the practice's local dates.
- `FixedClock` lets tests stand on a chosen instant and `advance` across a deadline.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol, runtime_checkable

__all__ = ["Clock", "FixedClock", "SystemClock"]


@runtime_checkable
class Clock(Protocol):
    """Source of the current time."""

    def now(self) -> datetime:
        """Current instant, timezone-aware, in UTC."""
        ...

    def today(self) -> date:
        """Current calendar date."""
        ...


class SystemClock:
    """The real wall clock."""

    def __init__(self, local_tz: tzinfo | None = None) -> None:
        self._local_tz = local_tz

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().astimezone(self._local_tz or UTC).date()


def _require_aware(moment: datetime) -> datetime:
    if not isinstance(moment, datetime):
        raise TypeError(f"expected a datetime, got {type(moment).__name__} {moment!r}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"expected a timezone-aware datetime, got naive {moment.isoformat()}; "
            "naive times are ambiguous across practice time zones"
        )
    return moment.astimezone(UTC)


class FixedClock:
    """A clock that only moves when told to; for tests and replaying past runs."""

    def __init__(self, moment: datetime | date, local_tz: tzinfo | None = None) -> None:
        self._local_tz = local_tz
        self._now = self._coerce(moment)

    def _coerce(self, moment: datetime | date) -> datetime:
        if isinstance(moment, datetime):
            return _require_aware(moment)
        if isinstance(moment, date):
            # Noon in the local zone keeps today() stable whichever zone is used.
            zone = self._local_tz or UTC
            local = datetime(moment.year, moment.month, moment.day, 12, tzinfo=zone)
            return local.astimezone(UTC)
        raise TypeError(f"expected a datetime or date, got {type(moment).__name__}")

    def now(self) -> datetime:
        return self._now

    def today(self) -> date:
        return self._now.astimezone(self._local_tz or UTC).date()

    def set(self, moment: datetime | date) -> None:
        """Jump to `moment` (forwards or backwards)."""
        self._now = self._coerce(moment)

    def advance(self, delta: timedelta) -> datetime:
        """Move forward (or back, with a negative delta) and return the new instant."""
        if not isinstance(delta, timedelta):
            raise TypeError(f"expected a timedelta, got {type(delta).__name__}")
        self._now += delta
        return self._now

    def __repr__(self) -> str:
        return f"FixedClock({self._now.isoformat()})"
