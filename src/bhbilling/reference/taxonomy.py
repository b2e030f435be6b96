"""Health Care Provider Taxonomy codes for behavioral health (837P PRV03, qualifier PXC).

Model:
- A taxonomy code is 10 characters: 3 digits, then 6 digits or capital letters, then
  "X" (NUCC code structure), e.g. 2084P0800X psychiatry. `is_valid_taxonomy_format`
  checks only that shape; it cannot tell whether NUCC ever issued the code.
- "Known behavioral-health taxonomy" means listed in the CMS Medicare Provider and
  Supplier Taxonomy Crosswalk subset shipped in data/ (public domain), plus a few NUCC
  code numbers that crosswalk lacks, taken from the project's reference document
  (behavioral-health-billing.md section 8.3). NUCC descriptions are not shipped (licence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from bhbilling.reference._files import read_csv_rows

__all__ = [
    "CROSSWALK_FILE",
    "CrosswalkEntry",
    "is_known_bh_taxonomy",
    "is_valid_taxonomy_format",
    "known_bh_taxonomies",
    "load_crosswalk",
    "taxonomy_description",
]

CROSSWALK_FILE = "cms_medicare_taxonomy_crosswalk_behavioral_health_2025-01-02.csv"

_TAXONOMY_SHAPE = re.compile(r"[0-9]{3}[0-9A-Z]{6}X")

# NUCC behavioral-health codes absent from the CMS crosswalk subset (Medicare maps no
# specialty to them). Source: behavioral-health-billing.md section 8.3 [V: S104].
EXTRA_BH_TAXONOMIES = frozenset({
    "101Y00000X",  # counselor
    "101YA0400X",  # counselor, addiction (SUD)
    "104100000X",  # social worker
    "103K00000X",  # behavior analyst
    "251S00000X",  # community/behavioral health agency
    "324500000X",  # substance abuse rehabilitation facility
})


@dataclass(frozen=True, slots=True)
class CrosswalkEntry:
    taxonomy_code: str
    description: str
    medicare_specialty_code: str
    medicare_provider_supplier_type: str


def is_valid_taxonomy_format(code: object) -> bool:
    """True when `code` has the 10-character NUCC shape (e.g. "2084P0800X")."""
    return isinstance(code, str) and _TAXONOMY_SHAPE.fullmatch(code) is not None


@cache
def load_crosswalk() -> MappingProxyType[str, tuple[CrosswalkEntry, ...]]:
    """Taxonomy code -> its crosswalk rows (a code can map to several specialties)."""
    grouped: dict[str, list[CrosswalkEntry]] = {}
    for row in read_csv_rows(CROSSWALK_FILE):
        entry = CrosswalkEntry(
            taxonomy_code=row["taxonomy_code"],
            description=row["taxonomy_description"],
            medicare_specialty_code=row["medicare_specialty_code"],
            medicare_provider_supplier_type=row["medicare_provider_supplier_type"],
        )
        if not is_valid_taxonomy_format(entry.taxonomy_code):
            raise ValueError(
                f"{CROSSWALK_FILE}: taxonomy {entry.taxonomy_code!r} is not 10 characters "
                "of the form 999XXXXXXX ending in X"
            )
        grouped.setdefault(entry.taxonomy_code, []).append(entry)
    return MappingProxyType({code: tuple(rows) for code, rows in grouped.items()})


@cache
def known_bh_taxonomies() -> frozenset[str]:
    """Every taxonomy code this package recognises as behavioral health."""
    return frozenset(load_crosswalk()) | EXTRA_BH_TAXONOMIES


def is_known_bh_taxonomy(code: object) -> bool:
    """True when `code` is a behavioral-health taxonomy from the shipped reference data."""
    return isinstance(code, str) and code in known_bh_taxonomies()


def taxonomy_description(code: str) -> str | None:
    """The CMS crosswalk description for `code`, or None when the crosswalk lacks it."""
    entries = load_crosswalk().get(code)
    return entries[0].description if entries else None
