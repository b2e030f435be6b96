"""Ports the use cases talk through; adapters in ``app.gateways`` implement them.

A clearinghouse connection does three things: send files (837P batches, 270s, 276s),
collect what came back (999, 277CA, 835, 271, 277), and acknowledge what was collected so
it is not collected again. Sending must be idempotent per file name: a retry after a
dropped connection must never deliver a batch twice, so ``send`` reports a file that is
already there as ``already_there`` instead of sending it again. Adding a real
clearinghouse later means one new class with these three methods.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = ["ClearinghouseGateway", "Collected", "Outbound", "SendResult"]


@dataclass(frozen=True, slots=True)
class Outbound:
    name: str
    content: bytes


@dataclass(frozen=True, slots=True)
class SendResult:
    name: str
    delivered: bool  # True when the file is at the clearinghouse (now or before)
    already_there: bool = False
    attempts: int = 1
    error: str = ""


@dataclass(frozen=True, slots=True)
class Collected:
    name: str
    content: bytes


class ClearinghouseGateway(Protocol):
    def send(self, files: Sequence[Outbound]) -> list[SendResult]: ...

    def collect(self) -> list[Collected]: ...

    def acknowledge(self, names: Sequence[str]) -> None: ...
