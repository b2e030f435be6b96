"""ICD-10-CM validity for claims: is a diagnosis code billable on the date of service?

Model:
- Source: the CDC/NCHS ICD-10-CM code set bundled in PyPI ``simple-icd-10-cm`` 1.5
  (the April 1, 2026 update of FY2026; see data/SOURCES.md). Claims need a *billable*
  code: a leaf of the tabular list; a category or subcategory with children (F41, F43.1,
  F50.0 since FY2025) is rejected by payers (reference doc §7.3 [V: S87, S198]; ICD-10-CM
  Official Guidelines I.B.2).
- Dates: the bundled release is in force for dates of service 2026-04-01..2026-09-30. The
  code set must be the one effective on the date of service (§7.3 [K]), but only one
  release ships, so every date on or after 2015-10-01 (ICD-10-CM start) is still checked
  against it, and a rejection for a date outside that window says so, because a code
  added, deleted or split by an FY update (e.g. F50.0 before 2024-10-01) can be valid on
  that date. ``code_set_caveat(on)`` gives the same note for a valid code, for callers
  that want a warning on every out-of-window result.
- Importing simple-icd-10-cm parses its XML (over a second), so it is imported on the
  first check only; answers are cached per (code, date window).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from functools import cache, lru_cache
from types import ModuleType

__all__ = [
    "CODE_SET",
    "ICD10_START",
    "VALID_FROM",
    "VALID_TO",
    "code_set_caveat",
    "diagnosis_problem",
    "is_z_code",
    "normalize",
]

CODE_SET = "ICD-10-CM FY2026 (April 1, 2026 update)"
VALID_FROM = dt.date(2026, 4, 1)
VALID_TO = dt.date(2026, 9, 30)
ICD10_START = dt.date(2015, 10, 1)  # ICD-10-CM replaced ICD-9-CM for dates of service
_SHAPE = re.compile(r"^[A-Z][0-9][0-9A-Z](?:[0-9A-Z]{1,4})?$")


def normalize(code: str) -> str:
    """Upper-case dotted form: ' f411 ' -> 'F41.1'; the shape is not checked here."""
    c = code.strip().upper().replace(".", "")
    return c if len(c) <= 3 else f"{c[:3]}.{c[3:]}"


def is_z_code(code: str) -> bool:
    """Chapter 21 (Z00-Z99): factors influencing health status, e.g. Z63.0 (§7.4)."""
    return normalize(code).startswith("Z")


@cache
def _icd() -> ModuleType:
    # simple-icd-10-cm 1.5 reads its data with importlib.resources.read_text, deprecated on
    # Python 3.12 (un-deprecated in 3.13); the warning is the package's, not ours.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm

    return simple_icd_10_cm


def code_set_caveat(on: dt.date) -> str | None:
    """A note when ``on`` is outside the bundled release's dates; None inside them."""
    if VALID_FROM <= on <= VALID_TO:
        return None
    return (f"the {CODE_SET} code set is loaded (in force {VALID_FROM.isoformat()} to "
            f"{VALID_TO.isoformat()}); codes for {on.isoformat()} are checked against it, "
            "so check the code set in force on that date for codes changed by an FY update")


def diagnosis_problem(code: str, on: dt.date) -> str | None:
    """None when ``code`` is a billable ICD-10-CM code for date of service ``on``, else why not.

    The reason is plain text naming the code (codes are not PHI) and what to do instead.
    """
    if on < ICD10_START:
        return (f"ICD-10-CM applies to dates of service from {ICD10_START.isoformat()}; "
                f"{on.isoformat()} needs ICD-9-CM, which is not supported")
    in_window = VALID_FROM <= on <= VALID_TO
    problem = _problem(normalize(code) if isinstance(code, str) else "", code.strip()
                       if isinstance(code, str) else repr(code))
    if problem is None or in_window:
        return problem
    return f"{problem} ({code_set_caveat(on)})"


@lru_cache(maxsize=8192)
def _problem(dotted: str, shown: str) -> str | None:
    if not _SHAPE.match(dotted.replace(".", "")):
        return (f"{shown!r} is not an ICD-10-CM code (expected a letter, a digit, a letter "
                "or digit, then up to 4 letters or digits, e.g. F41.1)")
    icd = _icd()
    # A one-category block such as F99 or Z66 shares its name with the category: ask for
    # the code kinds, not "not a block".
    if not icd.is_valid_item(dotted) or not (
        icd.is_category_or_subcategory(dotted) or icd.is_extended_subcategory(dotted)
    ):
        return f"{dotted} is not an ICD-10-CM code in the {CODE_SET} code set"
    if icd.is_leaf(dotted):
        return None
    kind = "category" if icd.is_category(dotted) else "subcategory"
    children = icd.get_children(dotted)
    examples = ", ".join(children[:3]) + (", ..." if len(children) > 3 else "")
    return (f"{dotted} is a {kind} header, not a billable code; pick a more specific code "
            f"({examples})")
