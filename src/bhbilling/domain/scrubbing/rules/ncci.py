"""NCCI procedure-to-procedure pairs and Medically Unlikely Edits (reference §6.1-§6.3).

- PTP: two codes on the same date for the same patient and rendering clinician; the column-2
  code denies (CARC 97/236) unless the edit's modifier indicator is 1 and either line
  carries an NCCI-associated modifier (59, XE, XS, XP, XU, 25 ...). Indicator 0 is never
  bypassed; 9 means the edit does not apply. NCCI-PTP-001 looks inside the claim,
  NCCI-PTP-002 at the patient's other claims for that date.
- MUE: the units of a code on one line (MAI 1) or on one date (MAI 2 policy, not appealable;
  MAI 3 clinical, appealable with records) above the cap deny the line (CARC 151/N362).
  Units are summed within this claim [K: CMS date-of-service MUEs adjudicate per claim].
- Tables: the edition in force on the date of service (``ncci_tables``). They are Medicare
  practitioner edits; Medicaid NCCI values differ (§0 rule 2), so a pack may limit these
  rules to Medicare kinds, or the app installs Medicaid editions.
"""

from __future__ import annotations

from bhbilling.domain.scrubbing.engine import ERROR, RuleSet
from bhbilling.domain.scrubbing.ncci_tables import NCCI_MODIFIERS, PtpEdit, edition_on
from bhbilling.domain.scrubbing.rules.claim_facts import derived, related_history
from bhbilling.domain.scrubbing.rules.code_groups import REF

RULES = RuleSet("ncci", "codes")
_SELF_PAY = ("self_pay",)
_MAI = {1: "line edit", 2: "date-of-service edit, policy: not appealable",
        3: "date-of-service edit, clinical: appealable with records"}


def _bypassed(edit: PtpEdit, mods_a: tuple[str, ...], mods_b: tuple[str, ...]) -> bool:
    if edit.indicator != "1":
        return False
    return any(m in NCCI_MODIFIERS for m in mods_a) or any(m in NCCI_MODIFIERS for m in mods_b)


def _text(edit: PtpEdit, edition: str, where: str = "") -> str:
    how = ("never allowed together (modifier indicator 0)" if edit.indicator == "0" else
           "allowed only with an NCCI modifier such as 59 or XE on a separate session (indicator 1)")
    return (f"{edit.column_2} is column 2 to {edit.column_1}{where}: {how}; "
            f"{edit.rationale} (NCCI {edition})")


@RULES.rule("NCCI-PTP-001", ERROR, "NCCI pair on one claim", element="2400 SV1-01",
            fix="remove the column-2 code, or when it was a separate session add 59/XE and keep the note",
            reference=f"{REF}6.1, §6.2; CMS NCCI PTP edits", skip_payers=_SELF_PAY)
def ptp_within(c, p):
    lines = c.lines
    if len(lines) < 2 or len(derived(c).codes) < 2:
        return None
    edition = edition_on(derived(c).first_day)
    known = edition.ptp_codes
    hits = None
    for i, a in enumerate(lines):
        if a.code not in known:
            continue
        for j in range(i + 1, len(lines)):
            b = lines[j]
            if b.code == a.code or b.code not in known or b.date_of_service != a.date_of_service:
                continue
            edit = edition.pair(a.code, b.code, a.date_of_service)
            if edit is None or _bypassed(edit, a.modifiers, b.modifiers):
                continue
            denied = i + 1 if a.code == edit.column_2 else j + 1
            hits = hits or []
            hits.append((_text(edit, edition.name), denied))
    return hits


@RULES.rule("NCCI-PTP-002", ERROR, "NCCI pair with an earlier claim", element="2400 SV1-01",
            fix="bill the pair on one claim with the right modifier, or replace the earlier claim",
            reference=f"{REF}6.1 (same patient, date and provider); CMS NCCI PTP edits",
            skip_payers=_SELF_PAY)
def ptp_history(c, p):
    history = related_history(c)
    if not history:
        return None
    edition = edition_on(derived(c).first_day)
    known = edition.ptp_codes
    hits = None
    for i, line in enumerate(c.lines, 1):
        if line.code not in known:
            continue
        for h in history:
            if h.date_of_service != line.date_of_service or h.code == line.code or h.code not in known:
                continue
            edit = edition.pair(line.code, h.code, line.date_of_service)
            if edit is None or _bypassed(edit, line.modifiers, h.modifiers):
                continue
            hits = hits or []
            hits.append((_text(edit, edition.name, f" (claim {h.claim_id})"), i))
            break
    return hits


@RULES.rule("NCCI-MUE-001", ERROR, "units above the MUE", element="2400 SV1-04",
            fix="bill the units the MUE allows; above it only with records on appeal (MAI 1/3)",
            reference=f"{REF}6.1, §6.3; CMS practitioner MUE table", skip_payers=_SELF_PAY)
def mue(c, p):
    lines = c.lines
    if not lines:
        return None
    edition = edition_on(derived(c).first_day)
    table = edition.mue
    if len(lines) == 1:  # the common case: one line, nothing to add up
        line = lines[0]
        edit = table.get(line.code)
        if edit is None or line.units <= edit.value:
            return None
    totals: dict[tuple[str, object], list] = {}
    for i, line in enumerate(c.lines, 1):
        edit = table.get(line.code)
        if edit is None:
            continue
        key = (line.code, line.date_of_service if edit.per_day else i)
        entry = totals.get(key)
        if entry is None:
            totals[key] = [edit, line.units, i]
        else:
            entry[1] += line.units
    hits = None
    for (code, _), (edit, units, first) in totals.items():
        if units > edit.value:
            scope = "on the date" if edit.per_day else "on the line"
            hits = hits or []
            hits.append((f"{code}: {units} units {scope}; MUE {edit.value} (MAI {edit.mai}, "
                         f"{_MAI[edit.mai]}; NCCI {edition.name})", first))
    return hits
