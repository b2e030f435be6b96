"""The payer simulator as a clearinghouse connection.

Files we send land in an outbox folder, as with a folder drop. Collecting runs one
simulator cycle (``bhbilling.simulator.run_cycle``) over the files it has not seen yet,
with its own payer book and state file next to the folders; its answers (999, 277CA,
835, 277, 271) appear in the inbox and are collected like any clearinghouse's. A cycle
runs even with nothing new, because payers pay claims accepted days earlier.
The simulator never reads the clock: ``today`` is given (the demo walks through months).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

from django.utils import timezone

from bhbilling.app.gateways.folder import FolderGateway
from bhbilling.application.ports import Collected, Outbound, SendResult
from bhbilling.kernel.errors import BhBillingError
from bhbilling.simulator import run_cycle

__all__ = ["BOOK_NAME", "SimulatorGateway"]
BOOK_NAME = "payerbook.json"


class SimulatorGateway:
    def __init__(self, ch, outbox: Path, inbox: Path, *, today: dt.date | None = None) -> None:
        self.folder = FolderGateway(outbox, inbox)
        self.base = Path(outbox).parent
        self.today = today

    @property
    def book(self) -> Path:
        return self.base / BOOK_NAME

    def _fed(self) -> set[str]:
        path = self.base / "fed.json"
        return set(json.loads(path.read_text())) if path.exists() else set()

    def send(self, files: Sequence[Outbound]) -> list[SendResult]:
        return self.folder.send(files)

    def collect(self) -> list[Collected]:
        if not self.book.exists():
            raise BhBillingError(f"the simulator has no payer book at {self.book}: write one "
                                 "with `bhbilling clearinghouse payerbook`")
        fed = self._fed()
        outbox = self.folder.outbox
        new = sorted(p for p in outbox.iterdir() if p.is_file() and p.name not in fed
                     and not p.name.endswith(".part")) if outbox.is_dir() else []
        run_cycle(new, self.book, self.base / "simulator-state.json", self.folder.inbox,
                  today=self.today or timezone.localdate())
        (self.base / "fed.json").write_text(json.dumps(sorted(fed | {p.name for p in new})))
        return self.folder.collect()

    def acknowledge(self, names: Sequence[str]) -> None:
        self.folder.acknowledge(names)
