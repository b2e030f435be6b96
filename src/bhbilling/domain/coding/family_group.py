"""Family psychotherapy 90846/90847 and group psychotherapy 90853 (reference §1.5).

- 90846 (patient absent) / 90847 (patient present): 50-minute target, reportable at 26
  minutes or more by the CPT midpoint rule [V: S12, S139]; vendor claims of 38-52 or 50+
  minutes are rejected [C]. Under 26: not billable.
- 90853: one unit per participating patient, on that patient's claim, whatever the length
  [V: S11]; the group size is noted (caps are payer/LCD-specific [K]). +90785 may be added
  per patient whose participation involved a complexity factor (see ``complexity``).
"""

from __future__ import annotations

from functools import lru_cache

from bhbilling.domain.coding.codesets import REF
from bhbilling.domain.coding.labels import label
from bhbilling.domain.coding.result import Note
from bhbilling.domain.coding.work import Draft, Work

FAMILY_FLOOR = 26
_REF = f"{REF}1.5"


@lru_cache(maxsize=1024)
def _family_note(code: str, minutes: int) -> Note:
    if minutes >= FAMILY_FLOOR:
        return Note("FAM-TIME", f"family psychotherapy {minutes} min supports {label(code)} "
                    f"(reportable from {FAMILY_FLOOR} min)", _REF)
    return Note("FAM-TIME", f"family psychotherapy documented at {minutes} minutes is not billable; "
                f"{code} needs {FAMILY_FLOOR}", _REF)


def _family(w: Work, code: str) -> list[Draft]:
    minutes = w.minutes("family")
    note = _family_note(code, minutes)
    if minutes >= FAMILY_FLOOR:
        w.reasons.append(note)
        return [Draft(code)]
    w.warnings.append(note)
    return []


def code_family_with_patient(w: Work) -> list[Draft]:
    return _family(w, "90847")


def code_family_without_patient(w: Work) -> list[Draft]:
    return _family(w, "90846")


@lru_cache(maxsize=256)
def _group_note(code: str, size: int | None) -> Note:
    group = f"group of {size}" if size else "group size not documented"
    return Note("GRP-UNIT", f"{label(code)}: one unit for this patient ({group}; each member is billed "
                "on their own claim)", _REF)


def code_group(w: Work) -> list[Draft]:
    w.reasons.append(_group_note("90853", w.session.group_size))
    return [Draft("90853")]
