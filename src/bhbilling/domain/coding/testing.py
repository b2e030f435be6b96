"""Psychological and neuropsychological testing units (reference §1.7).

- Evaluation (``evaluation`` minutes): 96130/+96131 (psychological) or 96132/+96133
  (neuropsychological), per hour. The first hour needs 31 minutes and each additional hour
  31 more [V: S17]: 31 -> 1 unit, 91 -> first + 1 additional, 151 -> first + 2.
- Administration and scoring (``testing`` minutes) by the clinician: 96136/+96137, per 30
  minutes; the first unit needs 16 minutes [V: S18, S19], each additional unit the midpoint
  of the next 30 (46, 76, ...) by the same CPT time rule [K]. 96138/96139 (technician) need
  a fact the session does not carry yet, so administration is coded as by the clinician.
- Evaluation and administration are separate line items [V: S18].
"""

from __future__ import annotations

from functools import lru_cache

from bhbilling.domain.coding.codesets import REF
from bhbilling.domain.coding.labels import label
from bhbilling.domain.coding.result import Note
from bhbilling.domain.coding.work import Draft, Work

_REF = f"{REF}1.7"
EVAL_CODES = {"psychological_testing": ("96130", "96131"), "neuropsychological_testing": ("96132", "96133")}
ADMIN_CODES = ("96136", "96137")


def hour_units(minutes: int) -> int:
    """Hour units by the midpoint rule: 31 -> 1, 91 -> 2, 151 -> 3; 0 under 31."""
    return 0 if minutes < 31 else (minutes - 31) // 60 + 1


def half_hour_units(minutes: int) -> int:
    """30-minute units by the midpoint rule: 16 -> 1, 46 -> 2, 76 -> 3; 0 under 16."""
    return 0 if minutes < 16 else (minutes - 16) // 30 + 1


@lru_cache(maxsize=2048)
def _note(first: str, minutes: int, n: int, kind: str, unit: str, floor: int, step: int) -> Note:
    if n == 0:
        return Note("TEST-UNITS", f"test {kind} documented at {minutes} minutes is not billable; "
                    f"{first} needs {floor}", _REF)
    extra = f" + {n - 1} additional" if n > 1 else ""
    next_at = floor + step * n
    return Note("TEST-UNITS", f"test {kind} {minutes} min: {label(first)}{extra} ({unit} units, "
                f"first at {floor} min, next at {next_at})", _REF)


def code_testing(w: Work) -> list[Draft]:
    first, addon = EVAL_CODES.get(w.session.service_type, EVAL_CODES["psychological_testing"])
    drafts: list[Draft] = []
    ev, adm = w.minutes("evaluation"), w.minutes("testing")
    if ev or not adm:
        n = hour_units(ev)
        note = _note(first, ev, n, "evaluation", "hour", 31, 60)
        (w.reasons if n else w.warnings).append(note)
        if n:
            drafts.append(Draft(first))
            if n > 1:
                drafts.append(Draft(addon, n - 1))
    if adm:
        n = half_hour_units(adm)
        note = _note(ADMIN_CODES[0], adm, n, "administration", "30-minute", 16, 30)
        (w.reasons if n else w.warnings).append(note)
        if n:
            drafts.append(Draft(ADMIN_CODES[0]))
            if n > 1:
                drafts.append(Draft(ADMIN_CODES[1], n - 1))
    return drafts
