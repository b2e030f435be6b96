"""Code lists of the 835 remittance: CARC, RARC, CAS group codes and CLP02 claim statuses.

Model:
- CARC (claim adjustment reason codes, X12 code source 139) explain each CAS triplet in
  835 loops 2100/2110 (CAS02, 05, 08...); RARC (remittance advice remark codes, code
  source 411) come in LQ02 (LQ01 "HE"), MIA/MOA and as extra detail for a CARC. Both lists
  carry start, last-modified and stop dates: a payer may still send a code that X12 has
  deactivated, and a biller needs to see that, so lookups return retired codes too.
- Group codes (CAS01: CO, CR, OA, PI, PR) say who owes an adjustment; CLP02 status codes
  say how the payer processed a claim (1 primary ... 22 reversal). The CLP02 list also
  holds legacy 4010 values, flagged by `valid_in_005010x221a1`.
- Loaded lazily, once, from the CSVs in `data/` (sources in data/SOURCES.md). The lists
  were scraped in June 2024, so newer codes are unknown: every lookup returns None for
  a code it does not know instead of raising, and callers show the bare code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from bhbilling.reference._files import read_csv_rows

__all__ = [
    "CARC_FILE",
    "CLAIM_STATUS_FILE",
    "GROUP_FILE",
    "RARC_FILE",
    "AdjustmentCode",
    "ClaimStatusCode",
    "carc",
    "claim_status",
    "group",
    "rarc",
]

CARC_FILE = "x12_carc_claim_adjustment_reason_codes.csv"
RARC_FILE = "x12_rarc_remittance_advice_remark_codes.csv"
GROUP_FILE = "x12_claim_adjustment_group_codes.csv"
CLAIM_STATUS_FILE = "x12_835_clp02_claim_status_codes.csv"


@dataclass(frozen=True, slots=True)
class AdjustmentCode:
    """One CARC or RARC with X12's wording and dates (None when the list gives none)."""

    code: str
    description: str
    usage: str = ""
    notes: str = ""
    start_date: dt.date | None = None
    last_modified: dt.date | None = None
    stop_date: dt.date | None = None

    def is_active(self, on: dt.date) -> bool:
        """True when `on` falls in [start_date, stop_date): X12 stop dates are the first
        day a code may no longer be used."""
        if self.start_date is not None and on < self.start_date:
            return False
        return self.stop_date is None or on < self.stop_date


@dataclass(frozen=True, slots=True)
class ClaimStatusCode:
    """A CLP02 value; legacy 4010 codes (5, 13...) are known but not valid in 005010X221A1."""

    code: str
    description: str
    valid_in_005010x221a1: bool


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _normal(code: object) -> str:
    return code.strip().upper() if isinstance(code, str) else ""


@cache
def _codes(filename: str) -> Mapping[str, AdjustmentCode]:
    table = {
        row["code"]: AdjustmentCode(
            code=row["code"],
            description=row["description"],
            usage=row.get("usage") or "",
            notes=row.get("notes") or "",
            start_date=_date(row.get("start_date") or ""),
            last_modified=_date(row.get("last_modified") or ""),
            stop_date=_date(row.get("stop_date") or ""),
        )
        for row in read_csv_rows(filename)
    }
    return MappingProxyType(table)


@cache
def _groups() -> Mapping[str, str]:
    return MappingProxyType({row["code"]: row["description"] for row in read_csv_rows(GROUP_FILE)})


@cache
def _statuses() -> Mapping[str, ClaimStatusCode]:
    return MappingProxyType({
        row["code"]: ClaimStatusCode(row["code"], row["description"],
                                     row["valid_in_005010X221A1"] == "Y")
        for row in read_csv_rows(CLAIM_STATUS_FILE)
    })


def carc(code: str) -> AdjustmentCode | None:
    """The claim adjustment reason code (CAS02 "45"), retired ones included; None if unknown."""
    return _codes(CARC_FILE).get(_normal(code))


def rarc(code: str) -> AdjustmentCode | None:
    """The remittance advice remark code (LQ02 "N130", MOA03 "MA02"); None if unknown."""
    return _codes(RARC_FILE).get(_normal(code))


def group(code: str) -> str | None:
    """The CAS01 group's name ("CO" -> "Contractual Obligations"); None if unknown."""
    return _groups().get(_normal(code))


def claim_status(code: str) -> ClaimStatusCode | None:
    """The CLP02 claim status ("22" -> reversal of previous payment); None if unknown."""
    return _statuses().get(code.strip() if isinstance(code, str) else "")
