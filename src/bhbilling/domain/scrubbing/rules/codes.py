"""Code rules: diagnoses valid on the date, Z-code primary, add-ons and their primaries,
interactive complexity, one psychotherapy code per session, deleted and prolonged codes.

- Diagnosis validity uses the code-set check the app registers for the coding engine
  (``domain.coding.diagnoses.register_diagnosis_check``: ICD-10-CM billable leaf on the date
  of service, §7.3); unit tests and benchmarks run on the format-only default.
- Z-code as the first-listed diagnosis is denied by most payers for psychotherapy (§7.4
  [V: S89, S90, S200]); screening 96127 alone is exempt (Z13.3x screening codes, §7.4 [K]).
- Add-ons need their primary on the same date, by the same clinician, on this claim or a
  claim already billed (§6.1 AOC edits [V: S193]; CO-B15); testing add-ons may follow a
  primary on another day of the same claim (§1.7).
- +90785 never with crisis, family, ABA, HBAI codes or an E/M alone (§1.3 [V: S3, S9]).
- One psychotherapy code per session; never a standalone code with an E/M (§1.2, §6.2
  [V: S3, S134, S135]). Lines with different ``session_id``s are different sessions.
"""

from __future__ import annotations

import datetime as dt

from bhbilling.domain.coding import diagnoses as coding_diagnoses
from bhbilling.domain.scrubbing.engine import ERROR, RuleSet
from bhbilling.domain.scrubbing.rules.claim_facts import codes_on, derived, related_history
from bhbilling.domain.scrubbing.rules.code_groups import (
    ADDON_PRIMARIES,
    DELETED_CODES,
    EM_FAMILIES,
    IC_FORBIDDEN,
    IC_PRIMARIES,
    PROLONGED_CODES,
    PSY_CODES,
    PSY_STANDALONE,
    REF,
    TESTING_ADDONS,
)

RULES = RuleSet("codes", "codes")
_IC_REPORTED = IC_FORBIDDEN | EM_FAMILIES  # +90785 with these is CODE-IC-001's to report
_DELETED_ON = {code: dt.date.fromisoformat(day) for code, day in DELETED_CODES.items()}


def _describe(codes: frozenset[str]) -> str:
    if codes == EM_FAMILIES:
        return "an E/M visit"
    shown = sorted(codes)
    return ", ".join(shown) if len(shown) <= 6 else ", ".join(shown[:6]) + ", ..."


@RULES.rule("CODE-DX-001", ERROR, "diagnosis not valid on the date", element="2300 HI",
            fix="replace it with the billable (most specific) ICD-10-CM code in force on the date of service",
            reference=f"{REF}7.3; CARC 146")
def diagnosis_valid(c, p):
    check = coding_diagnoses._check  # the app's registered code-set check, format-only by default
    days = derived(c).days or (c.as_of,)
    hits = None
    for code in c.diagnoses:
        for day in days:
            problem = check(code, day)
            if problem:
                hits = hits or []
                hits.append((f"diagnosis {code}: {problem} (date of service {day.isoformat()})", None))
                break
    return hits


@RULES.rule("CODE-DX-002", ERROR, "Z-code as primary diagnosis", element="2300 HI01 (ABK)",
            fix="list the mental-health diagnosis treated first and keep the Z-code as secondary",
            reference=f"{REF}7.4; CARC 11")
def z_code_primary(c, p):
    dx = c.diagnoses
    if not dx or dx[0][:1].upper() != "Z" or c.payer.z_code_primary_allowed:
        return None
    if all(line.code == "96127" for line in c.lines):
        return None
    return ((f"primary diagnosis {dx[0]} is a Z-code; payer {c.payer.payer_id} denies it as "
             "first-listed", None),)


@RULES.rule("CODE-ADDON-001", ERROR, "add-on without its primary", element="2400 SV1-01",
            fix="bill the primary service with the add-on, or remove the add-on",
            reference=f"{REF}6.1 (add-on code edits), §1.2-§1.7; CARC B15")
def addon_primary(c, p):
    if derived(c).codes.isdisjoint(ADDON_PRIMARIES):
        return None
    hits = None
    history = None
    for i, line in enumerate(c.lines, 1):
        primaries = ADDON_PRIMARIES.get(line.code)
        if primaries is None:
            continue
        day = line.date_of_service
        if history is None:
            history = related_history(c)
        present = derived(c).codes if line.code in TESTING_ADDONS else codes_on(c, day, history)
        if line.code == "90785" and present & _IC_REPORTED:
            continue  # CODE-IC-001 reports +90785 with a forbidden code or an E/M alone
        if present & primaries:
            continue
        hits = hits or []
        hits.append((f"+{line.code} needs {_describe(primaries)} on the same date; none is billed", i))
    return hits


@RULES.rule("CODE-IC-001", ERROR, "+90785 with a code that forbids it", element="2400 SV1-01",
            fix="remove +90785: it is not reported with crisis, family, ABA or health-behavior codes, "
                "or with an E/M alone",
            reference=f"{REF}1.3, §6.2")
def interactive_complexity(c, p):
    if "90785" not in derived(c).codes:
        return None
    hits = None
    for i, line in enumerate(c.lines, 1):
        if line.code != "90785":
            continue
        codes = codes_on(c, line.date_of_service, related_history(c))
        bad = sorted(codes & IC_FORBIDDEN)
        if bad:
            text = f"+90785 billed with {', '.join(bad)}"
        elif codes & EM_FAMILIES and not codes & IC_PRIMARIES:
            text = "+90785 billed with an E/M and no psychotherapy add-on"
        else:
            continue
        hits = hits or []
        hits.append((text, i))
    return hits


@RULES.rule("CODE-PSY-001", ERROR, "two psychotherapy codes for one session", element="2400 SV1-01",
            fix="bill one psychotherapy code for the session, chosen by its total minutes",
            reference=f"{REF}1.2, §6.2")
def one_psychotherapy(c, p):
    d = derived(c)
    if d.codes.isdisjoint(PSY_CODES):
        return None
    psy = [line for line in c.lines if line.code in PSY_CODES]
    if len(psy) == 1 and psy[0].units <= 1 and not d.history:
        return None
    hits = None
    seen: list[tuple[dt.date, str, str]] = []  # (date, session id, code) of earlier lines
    for i, line in enumerate(c.lines, 1):
        if line.code not in PSY_CODES:
            continue
        day, session = line.date_of_service, line.session_id
        if line.units > 1:
            text = f"{line.code} billed with {line.units} units; one unit per session"
        else:
            other = next((code for d, s, code in seen
                          if d == day and (not s or not session or s == session)), None)
            seen.append((day, session, line.code))
            if other is not None:
                text = f"{line.code} and {other} are both psychotherapy codes for one session"
            else:
                prior = next((h for h in related_history(c) if h.date_of_service == day
                              and h.code in PSY_CODES and h.code != line.code), None)
                if prior is None:
                    continue
                text = (f"{line.code}: psychotherapy {prior.code} was already billed for this date "
                        f"(claim {prior.claim_id})")
        hits = hits or []
        hits.append((text, i))
    return hits


@RULES.rule("CODE-PSY-002", ERROR, "standalone psychotherapy with an E/M", element="2400 SV1-01",
            fix="with an E/M, bill psychotherapy as the add-on 90833/90836/90838 by its minutes",
            reference=f"{REF}1.2, §6.2")
def standalone_with_em(c, p):
    d = derived(c)
    if d.codes.isdisjoint(PSY_STANDALONE) or (d.codes.isdisjoint(EM_FAMILIES) and not d.history):
        return None
    hits = None
    for i, line in enumerate(c.lines, 1):
        if line.code not in PSY_STANDALONE:
            continue
        em = sorted(codes_on(c, line.date_of_service, related_history(c)) & EM_FAMILIES)
        if em:
            hits = hits or []
            hits.append((f"{line.code} billed with E/M {', '.join(em)} on the same date", i))
    return hits


@RULES.rule("CODE-DELETED-001", ERROR, "deleted code", element="2400 SV1-01",
            fix="remove the line: prolonged-service codes 99354/99355 were deleted with no replacement",
            reference=f"{REF}1.2 [V: S28, S137]; CARC 181")
def deleted_code(c, p):
    if derived(c).codes.isdisjoint(_DELETED_ON):
        return None
    hits = None
    for i, line in enumerate(c.lines, 1):
        deleted = _DELETED_ON.get(line.code)
        if deleted is not None and line.date_of_service >= deleted:
            hits = hits or []
            hits.append((f"{line.code} was deleted on {deleted.isoformat()}", i))
    return hits


@RULES.rule("CODE-PROLONGED-001", ERROR, "prolonged service with psychotherapy", element="2400 SV1-01",
            fix="remove the prolonged-service line: it cannot be added to psychotherapy",
            reference=f"{REF}6.2 [V: S28]")
def prolonged_with_psychotherapy(c, p):
    if derived(c).codes.isdisjoint(PROLONGED_CODES):
        return None
    hits = None
    for i, line in enumerate(c.lines, 1):
        if line.code not in PROLONGED_CODES:
            continue
        psy = sorted(codes_on(c, line.date_of_service) & PSY_CODES)
        if psy:
            hits = hits or []
            hits.append((f"{line.code} billed with psychotherapy {', '.join(psy)}", i))
    return hits
