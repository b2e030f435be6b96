"""Psychotherapy for crisis by total crisis minutes on the date (reference §1.4).

- Under 30 minutes it is not a crisis code: psychotherapy time rule, 90832 (or +90833 with
  an E/M) [V: S3, S5]; under 16 nothing.
- 30-74: 90839 once; 75-104: + 90840 x1 [V: S3, S5]; each further 30 minutes another 90840
  unit (105-134 x2 ...) [K: CPT table extrapolation]. The "16 extra minutes" tool (S6) is
  rejected in favour of the CPT table [C].
- Medicare 2024+: crisis at a non-office place paid at the non-facility rate (home POS 12,
  telehealth to the home POS 10, community...) is G0017 (first 60) / G0018 (each further
  30) [V: S31] when the profile sets ``crisis_g_codes_outside_office``. Facility-rate places
  (§4.1, e.g. POS 02, 53) and the office (11) keep 90839/90840. G0017/G0018 unit
  thresholds are assumed to mirror 90839/90840 [K].
"""

from __future__ import annotations

from functools import lru_cache

from bhbilling.domain.coding.codesets import FACILITY_POS, OFFICE_POS, REF
from bhbilling.domain.coding.credentials import may_bill
from bhbilling.domain.coding.labels import label
from bhbilling.domain.coding.psychotherapy import add_time_code
from bhbilling.domain.coding.result import Note
from bhbilling.domain.coding.work import Draft, Work

CRISIS_FLOOR = 30
FIRST_ADDON_AT = 75
ADDON_STEP = 30
NEAR = 3
_REF = f"{REF}1.4"


def crisis_units(minutes: int) -> tuple[int, int]:
    """(first-hour units, add-on units) for total crisis minutes; (0, 0) under 30."""
    if minutes < CRISIS_FLOOR:
        return 0, 0
    if minutes < FIRST_ADDON_AT:
        return 1, 0
    return 1, 1 + (minutes - FIRST_ADDON_AT) // ADDON_STEP


def g_code_place(pos: str) -> bool:
    """A non-office place paid at the non-facility rate (§1.4 with §4.1)."""
    return pos not in OFFICE_POS and pos not in FACILITY_POS


@lru_cache(maxsize=1024)
def _notes(minutes: int, g_codes: bool, pos: str) -> tuple[Note, Note | None, Note | None]:
    first, addon = ("G0017", "G0018") if g_codes else ("90839", "90840")
    _, n = crisis_units(minutes)
    text = f"crisis {minutes} min: {label(first)}"
    if n:
        text += f" + {label(addon)} x{n}"
    reason = Note("CRISIS-TIME", text + " (CPT crisis time table" + (", [K] beyond 104 min)" if minutes >= 105
                                                                      else ")"), _REF)
    g_note = None
    if g_codes:
        g_note = Note("CRISIS-G-CODE", f"Medicare crisis at POS {pos} (not the office, non-facility rate): "
                      "G0017/G0018 instead of 90839/90840 [K: unit thresholds mirror 90839/90840]",
                      f"{_REF}, §4.1")
    warning = None
    next_at = FIRST_ADDON_AT + ADDON_STEP * n
    if next_at - NEAR <= minutes < next_at:
        warning = Note("CRISIS-TIME", f"crisis documented at {minutes} minutes supports {first}"
                       + (f" + {addon} x{n}" if n else "") + f"; {addon} x{n + 1} needs {next_at}", _REF)
    return reason, g_note, warning


@lru_cache(maxsize=64)
def _under(minutes: int) -> Note:
    return Note("CRISIS-TIME", f"crisis documented at {minutes} minutes: under {CRISIS_FLOOR}, so not a "
                "crisis code; coded by the psychotherapy time rule", f"{_REF}, §1.2")


def code_crisis(w: Work) -> list[Draft]:
    minutes = w.minutes("crisis")
    if minutes < CRISIS_FLOOR:
        w.warnings.append(_under(minutes))
        em = w.session.em_code
        if em and may_bill(em, w.credential, w.profile):
            addon = add_time_code(w, minutes, True, "crisis psychotherapy")
            return [Draft(em), addon] if addon else [Draft(em)]
        draft = add_time_code(w, minutes, False, "crisis psychotherapy")
        return [draft] if draft else []
    g_codes = w.profile.crisis_g_codes_outside_office and g_code_place(w.pos)
    reason, g_note, warning = _notes(minutes, g_codes, w.pos)
    w.reasons.append(reason)
    if g_note is not None:
        w.reasons.append(g_note)
    if warning is not None:
        w.warnings.append(warning)
    first, addon = ("G0017", "G0018") if g_codes else ("90839", "90840")
    _, n = crisis_units(minutes)
    drafts = [Draft(first)]
    if n:
        drafts.append(Draft(addon, n))
    return drafts
