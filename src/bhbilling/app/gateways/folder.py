"""A folder drop: files go to an outbox folder, answers are read from an inbox folder.

Many clearinghouses offer exactly this through a synced folder or an agent. Writes go to
``name.part`` and are renamed into place, so the other side never sees half a file; a
file already in the outbox is not written again. Collected answers move to
``inbox/processed/`` once acknowledged.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from bhbilling.application.ports import Collected, Outbound, SendResult

__all__ = ["FolderGateway"]
PROCESSED = "processed"


class FolderGateway:
    def __init__(self, outbox: Path, inbox: Path) -> None:
        self.outbox, self.inbox = Path(outbox), Path(inbox)

    def send(self, files: Sequence[Outbound]) -> list[SendResult]:
        self.outbox.mkdir(parents=True, exist_ok=True)
        results = []
        for f in files:
            target = self.outbox / f.name
            if target.exists():
                results.append(SendResult(f.name, True, already_there=True, attempts=0))
                continue
            part = target.with_name(f.name + ".part")
            part.write_bytes(f.content)
            os.replace(part, target)
            results.append(SendResult(f.name, True))
        return results

    def collect(self) -> list[Collected]:
        if not self.inbox.is_dir():
            return []
        return [Collected(p.name, p.read_bytes()) for p in sorted(self.inbox.iterdir())
                if p.is_file() and not p.name.endswith(".part")]

    def acknowledge(self, names: Sequence[str]) -> None:
        done = self.inbox / PROCESSED
        done.mkdir(parents=True, exist_ok=True)
        for name in names:
            source = self.inbox / name
            if source.exists():
                os.replace(source, done / name)
