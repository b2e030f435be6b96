"""What one simulator run did: counts, money and the files it wrote (for the CLI and tests).

Amounts are Decimal; `to_dict` gives strings for JSON. No PHI: claims are counted, and
problems name files and segments, never names or member ids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from bhbilling.simulator.payerbook import PayerBook
from bhbilling.simulator.state import SimulatorState

__all__ = ["CycleContext", "CycleSummary"]

ZERO = Decimal("0.00")


@dataclass
class CycleSummary:
    today: dt.date
    seed: int
    files_read: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    sets_accepted: int = 0
    sets_rejected: int = 0
    claims_accepted: int = 0
    claims_rejected: int = 0
    claims_adjudicated: int = 0
    claims_paid: int = 0
    claims_partly_paid: int = 0
    claims_denied: int = 0
    claims_pending: int = 0
    reversals: int = 0
    recoupments: int = 0
    charged: Decimal = ZERO
    paid: Decimal = ZERO
    patient_responsibility: Decimal = ZERO
    interest: Decimal = ZERO
    recouped: Decimal = ZERO
    status_answers: int = 0
    eligibility_answers: int = 0
    denial_reasons: dict[str, int] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)

    def count_reason(self, key: str) -> None:
        self.denial_reasons[key] = self.denial_reasons.get(key, 0) + 1

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in self.__dict__.items():
            if isinstance(value, Decimal):
                out[key] = str(value)
            elif isinstance(value, dt.date):
                out[key] = value.isoformat()
            elif key == "problems":
                out[key] = [list(v) for v in value]
            else:
                out[key] = value
        return out


@dataclass
class CycleContext:
    """Everything a run's steps share: the book, state, seed, date, output folder, summary."""

    book: PayerBook
    state: SimulatorState
    seed: int
    today: dt.date
    out_dir: Path
    summary: CycleSummary

    def write(self, name: str, text: str) -> None:
        path = self.out_dir / name
        path.write_bytes(text.encode("utf-8"))
        self.summary.outputs.append(name)

    def new_icn(self) -> str:
        """A payer claim number (CLP07, REF*1K): year, day of year, then a running number."""
        return f"{self.today:%y%j}{self.state.next('claim'):07d}"
