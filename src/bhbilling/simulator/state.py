"""The simulator's memory between runs, kept in one JSON file it owns.

Why: a payer remembers. A claim accepted in one cycle is paid in a later one; a second
copy of a paid claim is a duplicate (CARC 18); deductibles, out-of-pocket amounts, visit
counts and authorization units accumulate; a paid claim can be reversed months later;
a negative balance is carried forward (PLB FB). Control numbers (ISA13/GS06), payer claim
numbers (CLP07/REF*1K) and EFT traces (TRN02) come from counters here, so reruns never
reuse one and the same inputs on the same state give the same files.

Layout (all money as strings, dates ISO):
- `counters`: interchange, claim, trace.
- `claims`: payer claim number -> record {pcn, payer, status (pending, rejected,
  finalized, reversed, voided), received, due, facts, outcome, adjudicated, remit_trace,
  remit_date, recouped, corrected_by}.
- `by_pcn`: "payer|pcn" -> payer claim numbers in order.
- `accumulators`: "payer|member|plan start" -> {deductible, oop, visit_days}.
- `auth_units`: "payer|authorization" -> units used by the simulator.
- `paid_lines`: "payer|member|date|code" -> payer claim numbers with that line paid.
- `forward_balances`: "payer|npi" -> amount still to take back.
The file is replaced atomically (write, then rename), so a crash leaves the old state.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from bhbilling.kernel.errors import BhBillingError

__all__ = ["SimulatorState", "StateError"]

FORMAT = 1


class StateError(BhBillingError):
    """The state file cannot be read or is not a simulator state."""


def _empty() -> dict[str, Any]:
    return {"format": FORMAT, "counters": {"interchange": 0, "claim": 0, "trace": 0}, "claims": {},
            "by_pcn": {}, "accumulators": {}, "auth_units": {}, "paid_lines": {}, "forward_balances": {}}


class SimulatorState:
    """Mutable view of the JSON document; `save` writes it back."""

    def __init__(self, data: dict[str, Any] | None = None, path: Path | None = None) -> None:
        self.data = data if data is not None else _empty()
        self.path = path

    @classmethod
    def load(cls, path: str | os.PathLike) -> SimulatorState:
        """The state at `path`; a missing file is a fresh state (the first run)."""
        file = Path(path)
        if not file.exists():
            return cls(None, file)
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StateError(f"{file.name}: cannot read the simulator state ({exc})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise StateError(f"{file.name}: not a payer simulator state file (format {FORMAT})")
        base = _empty()
        base.update(data)
        return cls(base, file)

    def save(self) -> None:
        if self.path is None:
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(self.data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)

    # -- counters -------------------------------------------------------------------
    def next(self, counter: str) -> int:
        counters = self.data["counters"]
        counters[counter] = int(counters.get(counter, 0)) + 1
        return counters[counter]

    # -- claims ---------------------------------------------------------------------
    @property
    def claims(self) -> dict[str, dict[str, Any]]:
        return self.data["claims"]

    def add_claim(self, icn: str, record: dict[str, Any]) -> None:
        self.claims[icn] = record
        self.data["by_pcn"].setdefault(f"{record['payer']}|{record['pcn']}", []).append(icn)

    def claims_for(self, payer_id: str, pcn: str) -> list[dict[str, Any]]:
        """Every record of our claim `pcn` at this payer, oldest first."""
        return [self.claims[i] for i in self.data["by_pcn"].get(f"{payer_id}|{pcn}", [])]

    def find_pcn(self, pcn: str) -> list[dict[str, Any]]:
        """Every record of `pcn` at any payer, oldest first."""
        return [self.claims[i] for key, icns in sorted(self.data["by_pcn"].items())
                if key.split("|", 1)[1] == pcn for i in icns]

    # -- accumulators ---------------------------------------------------------------
    def accumulator(self, key: str) -> dict[str, Any]:
        return self.data["accumulators"].setdefault(key, {"deductible": "0.00", "oop": "0.00",
                                                          "visit_days": []})

    def amount(self, table: str, key: str) -> Decimal:
        return Decimal(self.data[table].get(key, "0"))

    def set_amount(self, table: str, key: str, value: Decimal) -> None:
        if value:
            self.data[table][key] = str(value)
        else:
            self.data[table].pop(key, None)

    def paid_lines(self, key: str) -> list[str]:
        return self.data["paid_lines"].get(key, [])

    def add_paid_line(self, key: str, icn: str) -> None:
        icns = self.data["paid_lines"].setdefault(key, [])
        if icn not in icns:
            icns.append(icn)

    def drop_paid_lines(self, icn: str) -> None:
        """Forget `icn`'s paid lines (after a reversal or void)."""
        table = self.data["paid_lines"]
        for key in list(table):
            table[key] = [i for i in table[key] if i != icn]
            if not table[key]:
                del table[key]
