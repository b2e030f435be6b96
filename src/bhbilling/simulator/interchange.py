"""Envelopes of the files the simulator writes: one ISA/GS group of ST..SE sets each.

Why one helper: every answer (999, 277CA, 835, 277, 271) is an interchange addressed back
to whoever sent the request (ISA08 = their ISA06), with ISA13/GS06 from the state's
counter so no two files share a control number, ISA15 echoing their test/production
flag, and SE01 counting ST to SE. Built with `x12.envelope`, which enforces the fixed
ISA widths and the control-number ranges.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bhbilling.x12 import envelope
from bhbilling.x12.syntax import DEFAULT_DELIMITERS

__all__ = ["Build", "Interchange", "created_at"]

Build = Callable[..., str]
build: Build = DEFAULT_DELIMITERS.build


def created_at(today: dt.date) -> dt.datetime:
    """The fixed creation time of a run's files (runs are deterministic: no wall clock)."""
    return dt.datetime.combine(today, dt.time(12, 0))


class Interchange:
    """Collects transaction bodies (segments between ST and SE), then writes the file."""

    def __init__(self, *, functional_id: str, version: str, sender_id: str, receiver_id: str,
                 receiver_qualifier: str, control_number: int, today: dt.date, test: bool,
                 convention_in_st: bool = True) -> None:
        self.functional_id, self.version = functional_id, version
        self.sender_id, self.receiver_id = sender_id[:15], receiver_id[:15] or "UNKNOWN"
        self.receiver_qualifier = receiver_qualifier if len(receiver_qualifier) == 2 else "ZZ"
        self.control_number, self.created, self.test = control_number, created_at(today), test
        self.convention_in_st = convention_in_st  # ST03 is not used in the 835 (005010X221A1)
        self.sets: list[list[str]] = []

    def add(self, set_id: str, body: list[str]) -> int:
        """Append one transaction set; returns its ST02 (1, 2, ...)."""
        number = len(self.sets) + 1
        st = (envelope.st(set_id, number, self.version) if self.convention_in_st
              else build("ST", set_id, envelope.transaction_control_number(number)))
        self.sets.append([st, *body,
                          envelope.se(len(body) + 2, number)])
        return number

    def text(self) -> str:
        gs_receiver = self.receiver_id if len(self.receiver_id) >= 2 else self.receiver_id.ljust(2, "0")
        out = [envelope.isa(sender_id=self.sender_id, receiver_id=self.receiver_id,
                            control_number=self.control_number, created=self.created, test=self.test,
                            receiver_qualifier=self.receiver_qualifier),
               envelope.gs(functional_id=self.functional_id, sender_code=self.sender_id,
                           receiver_code=gs_receiver, created=self.created,
                           control_number=self.control_number, version=self.version)]
        for segments in self.sets:
            out += segments
        out += [envelope.ge(len(self.sets), self.control_number), envelope.iea(1, self.control_number)]
        return "~\n".join(out) + "~\n"
