"""Individual psychotherapy by minutes, and E/M with psychotherapy add-ons (reference §1.2,
§1.10).

- Time ("midpoint") rule [V: S1, S2, S4]: 90832 at 16-37 psychotherapy minutes, 90834 at
  38-52, 90837 at 53 or more (no second unit); under 16 is not reportable. Only one
  psychotherapy code per session.
- With an E/M the add-ons 90833/90836/90838 use the same bands, counting psychotherapy
  minutes only: E/M time is never counted toward them [V: S4].
- E/M level: the prescriber's choice (``em_code``, medical decision making) when given,
  else by E/M time per the office rules (established 99212/13/14/15 at 10/20/30/40 min, new
  99202/03/04/05 at 15/30/45/60 min; reference §1.10 [K]).
"""

from __future__ import annotations

from functools import lru_cache

from bhbilling.domain.coding.codesets import EM_CODES, EM_ESTABLISHED, EM_NEW, REF
from bhbilling.domain.coding.credentials import may_bill, not_allowed_note
from bhbilling.domain.coding.labels import label
from bhbilling.domain.coding.result import Note
from bhbilling.domain.coding.work import Draft, Work

# (floor minutes, standalone, add-on), highest first.
BANDS = ((53, "90837", "90838"), (38, "90834", "90836"), (16, "90832", "90833"))
MIN_MINUTES = 16
NEAR = 3  # a documented time this close below the next band gets a factual warning
EM_TIME_NEW = ((60, "99205"), (45, "99204"), (30, "99203"), (15, "99202"))
EM_TIME_ESTABLISHED = ((40, "99215"), (30, "99214"), (20, "99213"), (10, "99212"))
_NEXT = {"90832": ("90834", 38), "90834": ("90837", 53), "90833": ("90836", 38),
         "90836": ("90838", 53)}
_REF_PSY = f"{REF}1.2"
_REF_EM = f"{REF}1.10"

assert set(EM_NEW) | set(EM_ESTABLISHED) == EM_CODES


def band(minutes: int, with_em: bool) -> str | None:
    """The psychotherapy code the minutes support, or None under 16."""
    for floor, standalone, addon in BANDS:
        if minutes >= floor:
            return addon if with_em else standalone
    return None


@lru_cache(maxsize=2048)
def time_notes(minutes: int, with_em: bool, what: str = "psychotherapy") -> tuple[Note | None, Note | None]:
    """(reason, warning) for psychotherapy minutes; either may be None."""
    rule = "PSY-ADDON" if with_em else "PSY-TIME"
    code = band(minutes, with_em)
    first = "90833" if with_em else "90832"
    if code is None:
        text = f"{what} documented at {minutes} minutes; {first} needs {MIN_MINUTES}"
        if with_em:
            text += " (no psychotherapy add-on)"
        return None, Note(rule, text, _REF_PSY)
    extra = ", psychotherapy minutes only, E/M time not counted" if with_em else ""
    reason = Note(rule, f"{what} {minutes} min supports {label(code)} (time rule{extra})", _REF_PSY)
    warning = None
    nxt = _NEXT.get(code)
    if nxt and nxt[1] - NEAR <= minutes < nxt[1]:
        warning = Note(rule, f"{what} documented at {minutes} minutes supports {code}; "
                             f"{nxt[0]} needs {nxt[1]}", _REF_PSY)
    return reason, warning


def add_time_code(w: Work, minutes: int, with_em: bool, what: str = "psychotherapy") -> Draft | None:
    reason, warning = time_notes(minutes, with_em, what)
    if reason is not None:
        w.reasons.append(reason)
    if warning is not None:
        w.warnings.append(warning)
    code = band(minutes, with_em)
    return Draft(code) if code else None


@lru_cache(maxsize=1024)
def _em_time_notes(em_minutes: int, new: bool) -> tuple[str | None, Note]:
    table = EM_TIME_NEW if new else EM_TIME_ESTABLISHED
    kind = "new" if new else "established"
    for floor, code in table:
        if em_minutes >= floor:
            return code, Note("EM-LEVEL-TIME", f"E/M level {label(code)} chosen by E/M time: "
                              f"{em_minutes} min ({kind} patient, {code} needs {floor}; "
                              "psychotherapy minutes excluded) [K]",
                              _REF_EM)
    low = table[-1]
    return None, Note("EM-LEVEL-TIME", f"no E/M level given and E/M time {em_minutes} min is under "
                      f"{low[1]}'s {low[0]} ({kind} patient)", _REF_EM)


@lru_cache(maxsize=64)
def _mdm_note(code: str) -> Note:
    return Note("EM-LEVEL-MDM", f"E/M level {label(code)} as chosen by the prescriber "
                "(medical decision making)", _REF_EM)


@lru_cache(maxsize=64)
def _bad_em_note(code: str) -> Note:
    return Note("EM-LEVEL-MDM", f"E/M code {code} is not an office E/M level (99202-99205, "
                "99212-99215); level taken from E/M time instead", _REF_EM)


def em_level(w: Work) -> str | None:
    """The E/M code: the prescriber's MDM choice, else by E/M time; None when neither."""
    s = w.session
    if s.em_code:
        if s.em_code in EM_CODES:
            w.reasons.append(_mdm_note(s.em_code))
            return s.em_code
        w.warnings.append(_bad_em_note(s.em_code))
    code, note = _em_time_notes(w.minutes("em"), s.new_patient)
    (w.reasons if code else w.warnings).append(note)
    return code


def code_psychotherapy(w: Work) -> list[Draft]:
    """Standalone individual psychotherapy (service type ``psychotherapy``)."""
    draft = add_time_code(w, w.minutes("psychotherapy"), False)
    return [draft] if draft else []


def code_em(w: Work) -> list[Draft]:
    """E/M, plus the psychotherapy add-on when 16+ psychotherapy minutes are documented.

    A credential that may not bill E/M keeps the psychotherapy it did: the minutes are coded
    as the standalone code (a warning names the refused E/M).
    """
    psy = w.minutes("psychotherapy")
    em = em_level(w)
    if em is not None and not may_bill(em, w.credential, w.profile):
        w.warnings.append(not_allowed_note(em, w.credential, em in w.profile.allowed_credentials))
        em = None
        if psy:
            draft = add_time_code(w, psy, False)
            return [draft] if draft else []
        return []
    if em is None:
        if psy:
            draft = add_time_code(w, psy, False)
            return [draft] if draft else []
        return []
    drafts = [Draft(em)]
    if psy:
        addon = add_time_code(w, psy, True)
        if addon is not None:
            drafts.append(addon)
    return drafts
