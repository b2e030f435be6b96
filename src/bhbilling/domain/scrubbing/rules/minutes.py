"""Time-based codes: the documented minutes must support the code and units billed.

Bands (the coding engine's tables, so both engines agree):
- Psychotherapy (§1.2 [V: S1, S2, S4]): 90832/+90833 16-37 min, 90834/+90836 38-52,
  90837/+90838 53+.
- Crisis (§1.4 [V: S3, S5]): 90839 needs 30 min of total crisis time on the date; +90840
  one unit at 75-104, one more per further 30 [K]; G0017/G0018 mirror them [K]. A crisis
  line's ``minutes`` is the total crisis time on the date (a 90840 line without minutes uses
  its 90839 line's).
- Family psychotherapy 90846/90847 (§1.5 [V: S12]): 26 min or more.
Fewer minutes than the code needs is an error (the payer recoups it on audit, §0 rule 3 [V:
S131]); minutes that support a higher code are a warning stating the fact; a time-based
code without recorded minutes is a warning (auditors downcode it).
"""

from __future__ import annotations

from bhbilling.domain.coding.crisis import CRISIS_FLOOR, crisis_units
from bhbilling.domain.coding.psychotherapy import MIN_MINUTES, band
from bhbilling.domain.scrubbing.engine import ERROR, WARNING, RuleSet
from bhbilling.domain.scrubbing.rules.claim_facts import derived
from bhbilling.domain.scrubbing.rules.code_groups import PSY_ADDON, PSY_CODES, REF

RULES = RuleSet("minutes", "codes")
FAMILY_FLOOR = 26
_RANK = {"90832": 1, "90834": 2, "90837": 3, "90833": 1, "90836": 2, "90838": 3}
_FLOOR = {"90832": MIN_MINUTES, "90833": MIN_MINUTES, "90834": 38, "90836": 38, "90837": 53, "90838": 53}
CRISIS_FIRST = frozenset({"90839", "G0017"})
CRISIS_ADDON = {"90840": "90839", "G0018": "G0017"}
FAMILY = frozenset({"90846", "90847"})
TIMED = PSY_CODES | CRISIS_FIRST | frozenset(CRISIS_ADDON) | FAMILY


def _crisis_minutes(c, line) -> int | None:
    if line.minutes is not None:
        return line.minutes
    first = CRISIS_ADDON[line.code]
    for other in c.lines:
        if other.code == first and other.date_of_service == line.date_of_service:
            return other.minutes
    return None


def _judge(c, line) -> tuple[str, str] | None:
    """(severity, message) when the minutes do not match the code billed, else None."""
    code, m = line.code, line.minutes
    if code in PSY_CODES:
        if m is None:
            return None
        supported = band(m, code in PSY_ADDON)
        if supported is None:
            return ERROR, f"{code} needs {MIN_MINUTES} minutes of psychotherapy; {m} documented"
        if _RANK[supported] < _RANK[code]:
            return ERROR, (f"{m} minutes documented supports {supported}; {code} needs {_FLOOR[code]}")
        if _RANK[supported] > _RANK[code]:
            return WARNING, f"{m} minutes documented supports {supported}; {code} billed"
        return None
    if code in CRISIS_FIRST:
        if m is None:
            return None
        if m < CRISIS_FLOOR:
            return ERROR, f"{code} needs {CRISIS_FLOOR} minutes of crisis time; {m} documented"
        addon = "90840" if code == "90839" else "G0018"
        wanted = crisis_units(m)[1]
        if wanted and not any(x.code == addon and x.date_of_service == line.date_of_service for x in c.lines):
            return WARNING, (f"{m} crisis minutes documented supports {code} + {addon} x{wanted}; "
                             f"{code} billed alone")
        return None
    if code in CRISIS_ADDON:
        m = _crisis_minutes(c, line)
        if m is None:
            return None
        wanted = crisis_units(m)[1]
        if line.units > wanted:
            return ERROR, f"{m} crisis minutes supports {code} x{wanted}; {line.units} units billed"
        if line.units < wanted:
            return WARNING, f"{m} crisis minutes supports {code} x{wanted}; {line.units} units billed"
        return None
    if code in FAMILY and m is not None and m < FAMILY_FLOOR:
        return ERROR, f"{code} needs {FAMILY_FLOOR} minutes; {m} documented"
    return None


def _hits(c, severity):
    if derived(c).codes.isdisjoint(TIMED):
        return None
    hits = None
    for i, line in enumerate(c.lines, 1):
        if line.code not in TIMED:
            continue
        verdict = _judge(c, line)
        if verdict is not None and verdict[0] == severity:
            hits = hits or []
            hits.append((verdict[1], i))
    return hits


@RULES.rule("CODE-TIME-001", ERROR, "minutes do not support the code", element="2400 SV1-01, SV1-04",
            fix="bill the code (and units) the documented minutes support; never add time to the note",
            reference=f"{REF}1.2, §1.4, §1.5")
def minutes_short(c, p):
    return _hits(c, ERROR)


@RULES.rule("CODE-TIME-002", WARNING, "minutes support a higher code", element="2400 SV1-01, SV1-04",
            fix="check the documented minutes; if they are right, the code billed is lower than they support",
            reference=f"{REF}1.2, §1.4")
def minutes_more(c, p):
    return _hits(c, WARNING)


@RULES.rule("CODE-TIME-003", WARNING, "time-based code without minutes", element="2400 SV1-01",
            fix="record the session's minutes (or start and stop times) before billing a timed code",
            reference=f"{REF}0 rule 3 [V: S1, S131]")
def minutes_missing(c, p):
    if derived(c).codes.isdisjoint(TIMED):
        return None
    hits = None
    for i, line in enumerate(c.lines, 1):
        if line.code in TIMED and line.minutes is None and not (
                line.code in CRISIS_ADDON and _crisis_minutes(c, line) is not None):
            hits = hits or []
            hits.append((f"{line.code} is time-based but no minutes are recorded", i))
    return hits
