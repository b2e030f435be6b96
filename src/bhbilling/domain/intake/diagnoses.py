"""ICD-10-CM diagnosis codes as claims need them (837P loop 2300 HI, ABK/ABF qualifiers).

Model:
- Every code must have the ICD-10-CM shape: a letter, a digit, a letter or digit, then an
  optional dot and up to four letters or digits (e.g. F41.1, Z63.0, F32.A).
- Chapter 5 (F: mental and behavioural disorders) and chapter 21 (Z: factors influencing
  health status) are what behavioral health bills; for them we ship the CDC/NCHS April 2026
  code list (bhbilling/reference/data/icd10cm_fy2026apr_F_Z_codes.csv, see SOURCES.md) and
  require a *billable* code: a header such as F41 or F32 is rejected by payers because the
  code set requires the most specific code (ICD-10-CM Official Guidelines I.B.2).
- Codes of other chapters get the shape check only.
- Codes are stored in the dotted form (F41.1); input may omit the dot (F411).
"""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from importlib import resources

__all__ = ["CODE_SET_FILE", "DiagnosisProblem", "check_diagnosis", "f_z_codes", "normalize"]

CODE_SET_FILE = "icd10cm_fy2026apr_F_Z_codes.csv"
_SHAPE = re.compile(r"^[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?$")


class DiagnosisProblem(ValueError):
    """Why one code is refused; the message names the code (codes are not PHI)."""


@cache
def f_z_codes() -> dict[str, bool]:
    """Undotted F and Z codes -> billable flag, from the shipped CDC code list."""
    text = (resources.files("bhbilling.reference") / "data" / CODE_SET_FILE).read_text("utf-8")
    return {row["code"]: row["billable"] == "Y" for row in csv.DictReader(io.StringIO(text))}


def normalize(code: str) -> str:
    """Upper-case, trimmed, dotted form (F411 -> F41.1); shape is not checked here."""
    c = code.strip().upper().replace(".", "")
    return c if len(c) <= 3 else f"{c[:3]}.{c[3:]}"


def check_diagnosis(code: str) -> str:
    """The dotted code, or raise DiagnosisProblem saying what was expected."""
    raw = code.strip().upper()
    if not _SHAPE.match(raw):
        raise DiagnosisProblem(
            f"{code.strip()!r} is not an ICD-10-CM code "
            "(expected a letter, a digit, a letter or digit, then optionally a dot and up to "
            "4 letters or digits, e.g. F41.1)"
        )
    dotted = normalize(raw)
    if dotted[0] in "FZ":
        billable = f_z_codes().get(dotted.replace(".", ""))
        if billable is None:
            raise DiagnosisProblem(
                f"{dotted!r} is not in the ICD-10-CM FY2026 (April 2026) code list"
            )
        if not billable:
            raise DiagnosisProblem(
                f"{dotted!r} is a category header, not a billable code "
                "(expected its most specific subcode)"
            )
    return dotted
