"""The engine's per-session scratch state, passed to every rule module.

``Work`` holds what the rules read (session, payer, the credential that decides what may be
billed, the place of service) and collects reasons and warnings. ``Draft`` is a line before
modifiers, pointers and charges are settled. Both are plain slotted classes, cheap to make:
the engine codes tens of thousands of sessions a second.
"""

from __future__ import annotations

from bhbilling.domain.coding.facts import CodingContext, SessionFacts
from bhbilling.domain.coding.profile import PayerProfile
from bhbilling.domain.coding.result import Note


class Draft:
    __slots__ = ("code", "program", "units")

    def __init__(self, code: str, units: int = 1, program: tuple[str, ...] = ()) -> None:
        self.code = code
        self.units = units
        self.program = program

    def __repr__(self) -> str:
        return f"Draft({self.code!r}, {self.units}, {self.program!r})"


class Work:
    __slots__ = ("credential", "ctx", "pos", "profile", "reasons", "session", "warnings")

    def __init__(self, ctx: CodingContext) -> None:
        self.ctx = ctx
        self.session: SessionFacts = ctx.session
        self.profile: PayerProfile = ctx.payer
        self.credential: str = ctx.provider.credential  # the credential that bills
        self.pos: str = ctx.session.location_pos
        self.reasons: list[Note] = []
        self.warnings: list[Note] = []

    def minutes(self, key: str) -> int:
        return self.session.minutes.get(key, 0) or 0
