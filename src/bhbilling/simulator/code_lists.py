"""The code lists the simulator judges and answers with, shipped in `simulator/data`.

- 277 claim status category codes (X12 code source 507) and claim status codes (508):
  every STC the simulator writes is checked against them, so a typo in a rejection reason
  fails a test instead of reaching a biller (`status_code` raises for an unknown code).
- NCCI procedure-to-procedure pairs (CMS practitioner PTP, 2024 Q3, behavioral-health
  subset): column 1 is paid, column 2 is denied CO-97 on the same date unless the pair's
  modifier indicator is 1 and the column-2 line carries 59, XE, XS, XP, XU or 25.
Sources and caveats: data/SOURCES.md.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

__all__ = ["NCCI_MODIFIERS", "BundlingPair", "bundling_pairs", "category_code", "status_code"]

NCCI_MODIFIERS = frozenset({"59", "XE", "XS", "XP", "XU", "25"})


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("bhbilling.simulator").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def _active(name: str) -> Mapping[str, str]:
    return MappingProxyType({r["code"]: r["description"] for r in _rows(name) if not r["deactivation_date"]})


def category_code(code: str) -> str:
    """The 507 description of an active category code; KeyError for an unknown one."""
    return _active("x12_277_claim_status_category_codes_507.csv")[code]


def status_code(code: str) -> str:
    """The 508 description of an active status code; KeyError for an unknown one."""
    return _active("x12_277_claim_status_codes_508.csv")[code]


@dataclass(frozen=True, slots=True)
class BundlingPair:
    column_1: str
    column_2: str
    bypassable: bool  # modifier indicator 1: an NCCI modifier on the column-2 line lifts it


@cache
def bundling_pairs() -> Mapping[str, tuple[BundlingPair, ...]]:
    """Column-2 code -> the pairs that can deny it."""
    out: dict[str, list[BundlingPair]] = {}
    for r in _rows("ncci_ptp_bh_pairs_2024q3.csv"):
        pair = BundlingPair(r["column_1"], r["column_2"], r["modifier_indicator"] == "1")
        out.setdefault(pair.column_2, []).append(pair)
    return MappingProxyType({k: tuple(v) for k, v in out.items()})
