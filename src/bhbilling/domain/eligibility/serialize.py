"""A `BenefitSummary` as plain JSON-ready data (for `eligibility show --json` and the API).

Decimals become strings ("20.00", "0.2": exact, unlike floats), dates ISO strings, tuples
lists, nested dataclasses dicts. Derived values a reader needs without our code are
added: `carve_out` and, per accumulator, `met`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from bhbilling.domain.eligibility.summary import Accumulator, BenefitSummary

__all__ = ["summary_to_dict"]


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, Accumulator):
            out["met"] = value.met
        return out
    return value


def summary_to_dict(summary: BenefitSummary) -> dict[str, Any]:
    """Every field of `summary` as JSON-ready values; `sources` as a name -> code mapping."""
    out = _plain(summary)
    out["sources"] = dict(summary.sources)
    out["carve_out"] = _plain(summary.carve_out)
    return out
