"""Claim diagnoses and line pointers (reference §7.3, §7.4, §8.3).

- At most 12 diagnoses on an 837P claim (2300 HI, box 21 A-L) and at most 4 pointers per
  service line (SV107, box 24E), primary first [K; pointer use V: S199].
- Validity: a ``DiagnosisCheck`` ``(code, date_of_service) -> problem text | None``. The app
  registers one backed by the ICD-10-CM code set (``register_diagnosis_check``); the default
  checks the ICD-10-CM shape only. Invalid codes leave the claim with a warning.
- A Z-code as primary when the payer denies it (most payers for psychotherapy, §7.4 [V: S89,
  S90, S200]) is a warning: the claim is still proposed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from bhbilling.domain.coding.codesets import REF
from bhbilling.domain.coding.result import Note
from bhbilling.domain.coding.work import Work

DiagnosisCheck = Callable[[str, dt.date], str | None]
MAX_CLAIM_DIAGNOSES = 12
MAX_LINE_POINTERS = 4
_SHAPE = re.compile(r"[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?")
_REF_73 = f"{REF}7.3, §8.3"
_POINTERS = tuple(tuple(range(1, n + 1)) for n in range(MAX_LINE_POINTERS + 1))


@lru_cache(maxsize=8192)
def format_problem(code: str) -> str | None:
    """The default check: ICD-10-CM shape (letter, two characters, optional dot + 1-4)."""
    return None if _SHAPE.fullmatch(code) else "not in ICD-10-CM format"


def _format_check(code: str, day: dt.date) -> str | None:
    return format_problem(code)


_check: DiagnosisCheck = _format_check


def register_diagnosis_check(check: DiagnosisCheck | None) -> None:
    """Install the app's code-set check (None restores the format-only default)."""
    global _check
    _check = check if check is not None else _format_check


@lru_cache(maxsize=4096)
def _invalid_note(code: str, problem: str) -> Note:
    return Note("DX-INVALID", f"diagnosis {code} left off the claim: {problem}", f"{REF}7.3")


@lru_cache(maxsize=64)
def _pointer_note(n: int) -> Note:
    shown = min(n, MAX_LINE_POINTERS)
    return Note("DX-POINTER", f"each line points to diagnoses 1-{shown} of {n}, primary first", _REF_73)


@lru_cache(maxsize=64)
def _pointer_warning(n: int) -> Note:
    return Note("DX-POINTER", f"{n} diagnoses documented; a line points to at most {MAX_LINE_POINTERS}, so "
                f"diagnoses {MAX_LINE_POINTERS + 1}-{min(n, MAX_CLAIM_DIAGNOSES)} are on the claim without "
                "a line pointing to them", _REF_73)


@lru_cache(maxsize=64)
def _claim_limit(n: int) -> Note:
    return Note("DX-POINTER", f"{n} diagnoses documented; an 837P claim holds {MAX_CLAIM_DIAGNOSES}, the "
                "rest are left off", _REF_73)


_NO_DX = Note("DX-POINTER", "no valid diagnosis documented; a claim line needs at least one pointer",
              _REF_73)


@lru_cache(maxsize=4096)
def _zcode_note(code: str) -> Note:
    return Note("DX-ZCODE-PRIMARY", f"primary diagnosis {code} is a Z-code; this payer denies it as the "
                "first-listed diagnosis for these services", f"{REF}7.4")


def claim_diagnoses(w: Work) -> tuple[str, ...]:
    """The claim's diagnoses in order: checked, de-duplicated, at most 12."""
    day = w.session.date_of_service
    check = _check
    kept: list[str] = []
    for raw in w.session.diagnoses:
        code = raw.strip().upper()
        if code in kept:
            continue
        problem = check(code, day)
        if problem:
            w.warnings.append(_invalid_note(code, problem))
        else:
            kept.append(code)
    if len(kept) > MAX_CLAIM_DIAGNOSES:
        w.warnings.append(_claim_limit(len(kept)))
        del kept[MAX_CLAIM_DIAGNOSES:]
    return tuple(kept)


def pointers(w: Work, diagnoses: tuple[str, ...], codes: list[str]) -> tuple[int, ...]:
    """Pointers shared by every line, and the diagnosis notes for the claim."""
    n = len(diagnoses)
    if n == 0:
        w.warnings.append(_NO_DX)
        return ()
    w.reasons.append(_pointer_note(n))
    if n > MAX_LINE_POINTERS:
        w.warnings.append(_pointer_warning(n))
    if diagnoses[0][0] == "Z" and not w.profile.z_code_primary_allowed \
            and any(c != "96127" for c in codes):
        w.warnings.append(_zcode_note(diagnoses[0]))
    return _POINTERS[min(n, MAX_LINE_POINTERS)]
