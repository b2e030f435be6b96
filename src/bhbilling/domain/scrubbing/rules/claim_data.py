"""837P completeness, claim and lines: diagnoses, pointers, line count, units, charges,
frequency, place of service, modifiers, dates.

Limits from 005010X222A1 and the reference (§7.3, §8.2, §8.3):
- 2300 HI: at least one diagnosis, at most 12 (ABK principal + 11 ABF).
- 2400 SV107: one to four pointers per line, each 1-12 and naming a diagnosis on the claim.
- 2400 LX: 1 to 50 service lines per claim.
- SV102 charge > 0 and SV104 units > 0; CLM02 equals the sum of the line charges.
- CLM05-3: 1 original, 7 replacement, 8 void; 7 and 8 carry the payer's claim number in
  2300 REF*F8.
- CLM05-1 / SV105: an assigned CMS place-of-service code; SV101-3..6: at most four
  two-character modifiers.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from bhbilling.domain.scrubbing.engine import ERROR, WARNING, RuleSet
from bhbilling.domain.scrubbing.rules.code_groups import REF
from bhbilling.reference.place_of_service import load_places_of_service

RULES = RuleSet("claim_data", "completeness")
_TR3 = "005010X222A1"
MAX_DIAGNOSES = 12
MAX_POINTERS = 4
MAX_LINES = 50
MAX_MODIFIERS = 4
FREQUENCIES = frozenset({"1", "7", "8"})
_ZERO = Decimal(0)
_POS = load_places_of_service()


@RULES.rule("CMP-DX-001", ERROR, "no diagnosis", element="2300 HI (ABK)",
            fix="add the diagnosis the service treated (primary first) from the session's note",
            reference=f"{_TR3} 2300 HI; {REF}7.3")
def diagnosis_present(c, p):
    return None if c.diagnoses else (("the claim has no diagnosis", None),)


@RULES.rule("CMP-DX-002", ERROR, "more than 12 diagnoses", element="2300 HI",
            fix="keep the 12 diagnoses most relevant to the billed services",
            reference=f"{_TR3} 2300 HI (12 codes); {REF}7.3")
def diagnosis_count(c, p):
    n = len(c.diagnoses)
    return ((f"{n} diagnoses; an 837P claim holds {MAX_DIAGNOSES}", None),) if n > MAX_DIAGNOSES else None


@RULES.rule("CMP-PTR-001", ERROR, "diagnosis pointers invalid", element="2400 SV1-07",
            fix="point each line at 1-4 of the claim's diagnoses, the one treated first",
            reference=f"{_TR3} 2400 SV107; {REF}7.3, §8.3")
def pointers(c, p):
    n = len(c.diagnoses)
    if n == 0:
        return None  # CMP-DX-001 reports it
    hits = None
    for i, line in enumerate(c.lines, 1):
        problem = _pointer_problem(line.pointers, n)
        if problem:
            hits = hits or []
            hits.append((f"{line.code} {problem}", i))
    return hits


@lru_cache(maxsize=1024)
def _pointer_problem(ptrs: tuple[int, ...], n: int) -> str | None:
    if not ptrs:
        return "has no diagnosis pointer"
    if len(ptrs) > MAX_POINTERS:
        return f"has {len(ptrs)} pointers; at most {MAX_POINTERS}"
    if len(set(ptrs)) != len(ptrs):
        return f"repeats a pointer ({', '.join(map(str, ptrs))})"
    bad = [x for x in ptrs if not 1 <= x <= min(n, MAX_DIAGNOSES)]
    if bad:
        return f"points to diagnosis {', '.join(map(str, bad))} but the claim has {n}"
    return None


@RULES.rule("CMP-LINES-001", ERROR, "line count out of range", element="2400 LX",
            fix="a claim needs 1 to 50 lines: add the service, or split the claim",
            reference=f"{_TR3} 2400 LX (repeat 50)")
def line_count(c, p):
    n = len(c.lines)
    if n == 0:
        return (("the claim has no service lines", None),)
    if n > MAX_LINES:
        return ((f"{n} service lines; an 837P claim holds {MAX_LINES}", None),)
    return None


@RULES.rule("CMP-UNITS-001", ERROR, "units not positive", element="2400 SV1-04",
            fix="enter the units of service (1 for untimed codes)", reference=f"{_TR3} 2400 SV104")
def units_positive(c, p):
    hits = None
    for i, line in enumerate(c.lines, 1):
        if not line.units > _ZERO:
            hits = hits or []
            hits.append((f"{line.code} has {line.units} units", i))
    return hits


@RULES.rule("CMP-CHG-001", ERROR, "line charge not positive", element="2400 SV1-02",
            fix="price the line from the fee schedule", reference=f"{_TR3} 2400 SV102 (> 0)")
def charge_positive(c, p):
    hits = None
    for i, line in enumerate(c.lines, 1):
        if not line.charge > _ZERO:
            hits = hits or []
            hits.append((f"{line.code} is charged {line.charge}", i))
    return hits


@RULES.rule("CMP-CHG-002", ERROR, "total charge differs from lines", element="2300 CLM02",
            fix="rebuild the claim so its total is the sum of its line charges",
            reference=f"{_TR3} 2300 CLM02 (equals the sum of SV102)")
def charge_total(c, p):
    lines = c.lines
    total = lines[0].charge if len(lines) == 1 else sum((line.charge for line in lines), _ZERO)
    if total != c.total_charge:
        return ((f"claim total {c.total_charge} but the lines add up to {total}", None),)
    return None


@RULES.rule("CMP-FEE-001", WARNING, "charge differs from fee schedule", element="2400 SV1-02",
            fix="check the line against the practice's fee schedule for this payer",
            reference="issue 9 (charges match the fee schedule)")
# Schedule keys: "CODE" for the base rate, "CODE-MOD1-MOD2" (modifiers sorted) for a rate
# that depends on modifiers -- the coding engine's (code, sorted modifiers) fee rule.
def charge_fee(c, p):
    fees = c.fee_schedule
    if not fees:
        return None  # no schedule given for this payer: nothing to compare
    hits = None
    tolerance = p.fee_tolerance
    for i, line in enumerate(c.lines, 1):
        fee = None
        if line.modifiers:  # a rate for this code with these modifiers wins, as in coding.fees
            fee = fees.get(_fee_key(line.code, line.modifiers))
        if fee is None:
            fee = fees.get(line.code)
        if fee is None:
            text = f"no fee schedule amount for {line.code}"
        elif abs(line.charge - fee * line.units) > tolerance:
            text = (f"{line.code} charged {line.charge}; fee schedule {fee} x {line.units} = "
                    f"{fee * line.units}")
        else:
            continue
        hits = hits or []
        hits.append((text, i))
    return hits


@lru_cache(maxsize=4096)
def _fee_key(code: str, modifiers: tuple[str, ...]) -> str:
    return "-".join((code, *sorted(modifiers)))


@RULES.rule("CMP-FREQ-001", ERROR, "original claim number missing", element="2300 REF*F8",
            fix="enter the payer's claim control number of the claim being replaced or voided",
            reference=f"{_TR3} 2300 REF*F8; {REF}8.2")
def original_claim(c, p):
    if c.frequency_code in ("7", "8") and not c.original_claim_number.strip():
        kind = "replacement" if c.frequency_code == "7" else "void"
        return ((f"frequency {c.frequency_code} ({kind}) without the payer's original claim number", None),)
    return None


@RULES.rule("CMP-FREQ-002", ERROR, "claim frequency invalid", element="2300 CLM05-3",
            fix="use 1 (original), 7 (replacement) or 8 (void)", reference=f"{_TR3} CLM05-3; {REF}8.2")
def frequency(c, p):
    code = c.frequency_code
    if code not in FREQUENCIES:
        return ((f"claim frequency {code!r} is not 1, 7 or 8 (professional claims)", None),)
    return None


@RULES.rule("CMP-POS-001", ERROR, "place of service invalid", element="2300 CLM05-1, 2400 SV1-05",
            fix="pick the CMS place of service where the service happened (11 office, 10 home telehealth)",
            reference=f"CMS place-of-service code set; {REF}4.1")
def place_of_service(c, p):
    hits = None
    if c.place_of_service not in _POS:
        hits = [(f"claim place of service {c.place_of_service!r} is not a CMS POS code", None)]
    for i, line in enumerate(c.lines, 1):
        pos = line.place_of_service
        if pos and pos not in _POS:
            hits = hits or []
            hits.append((f"{line.code} place of service {pos!r} is not a CMS POS code", i))
    return hits


@RULES.rule("CMP-MOD-001", ERROR, "modifiers malformed", element="2400 SV1-01-3..6",
            fix="keep at most four two-character modifiers per line",
            reference=f"{_TR3} 2400 SV101-3 to SV101-6")
def modifiers(c, p):
    hits = None
    for i, line in enumerate(c.lines, 1):
        mods = line.modifiers
        if not mods:
            continue
        bad = [m for m in mods if len(m) != 2 or not m.isalnum()]
        if len(mods) > MAX_MODIFIERS:
            text = f"{line.code} has {len(mods)} modifiers; an 837P line holds {MAX_MODIFIERS}"
        elif bad:
            text = f"{line.code} modifier {', '.join(repr(m) for m in bad)} is not two letters/digits"
        else:
            continue
        hits = hits or []
        hits.append((text, i))
    return hits


@RULES.rule("CMP-DOS-001", ERROR, "date of service in the future", element="2400 DTP*472",
            fix="bill a service only after it happened; check the session date",
            reference=f"{_TR3} 2400 DTP*472")
def future_date(c, p):
    hits = None
    today = c.as_of
    for i, line in enumerate(c.lines, 1):
        if line.date_of_service > today:
            hits = hits or []
            hits.append((f"{line.code} is dated {line.date_of_service.isoformat()}, after "
                         f"{today.isoformat()}", i))
    return hits
