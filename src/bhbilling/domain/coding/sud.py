"""Substance-use-disorder services: HCPCS H-codes where the payer uses them (reference §2,
§2.1), CPT otherwise.

- H-codes are mainly Medicaid/state-program codes; Medicare generally does not pay them
  [K]. A payer's ``sud_hcodes`` rule for the service type wins: per encounter
  (``unit_minutes`` None, e.g. H0001 per assessment, H0005 per session in S40's state) or
  timed (H0004 per 15 minutes [V: S39, S156]), capped at ``max_units`` (6/day in S40).
- 15-minute unit conversion is payer-defined [C]: many Medicaid programs use the "8-minute"
  midpoint rule (S39), others require full units. The profile has no field for it yet, so
  the midpoint rule is applied (a unit counts once more than half of it is reached: 8 of
  15) and the reason says so.
- Without a rule: SUD individual counseling -> psychotherapy time codes (§1.2), SUD group ->
  90853 (§1.5), SUD assessment -> 90791 (§1.1) [K: CPT equivalents]. Peer support and case
  management have no CPT equivalent: no line, with a warning.
"""

from __future__ import annotations

from functools import lru_cache

from bhbilling.domain.coding.codesets import REF
from bhbilling.domain.coding.evaluation import code_evaluation
from bhbilling.domain.coding.family_group import code_group
from bhbilling.domain.coding.labels import label
from bhbilling.domain.coding.profile import HCodeRule
from bhbilling.domain.coding.psychotherapy import add_time_code
from bhbilling.domain.coding.result import Note
from bhbilling.domain.coding.work import Draft, Work

_REF = f"{REF}2.1"
# Which documented minutes time each SUD service (facts.py minute keys), first non-zero wins.
MINUTE_KEYS = {
    "sud_individual": ("counseling", "psychotherapy"),
    "sud_group": ("group", "counseling"),
    "sud_assessment": ("evaluation",),
    "peer_support": ("counseling",),
    "case_management": ("counseling",),
    "sud_intensive_outpatient": ("counseling", "group"),
    "therapeutic_behavioral": ("counseling", "psychotherapy"),
}


def timed_units(minutes: int, unit_minutes: int) -> int:
    """Whole units plus one when the remainder passes the midpoint (8 of 15)."""
    whole, rest = divmod(minutes, unit_minutes)
    return whole + (1 if rest * 2 > unit_minutes else 0)


def _minutes(w: Work) -> int:
    for key in MINUTE_KEYS.get(w.session.service_type, ("counseling",)):
        m = w.minutes(key)
        if m:
            return m
    return 0


@lru_cache(maxsize=2048)
def _hcode_note(rule: HCodeRule, minutes: int, n: int) -> Note:
    if rule.unit_minutes is None:
        return Note("SUD-HCODE", f"this payer bills the SUD service as {label(rule.code)}, one unit per "
                    "encounter", f"{_REF}, §2")
    if n == 0:
        return Note("SUD-HCODE", f"SUD service documented at {minutes} minutes is not billable; one unit of "
                    f"{rule.code} needs {rule.unit_minutes // 2 + 1} of {rule.unit_minutes} minutes "
                    "[C: midpoint rule]", f"{_REF}, §2")
    return Note("SUD-HCODE", f"this payer bills the SUD service as {label(rule.code)}: {minutes} min = "
                f"{n} unit(s) of {rule.unit_minutes} min (midpoint rule: a unit counts past half "
                "[C: payer-defined])", f"{_REF}, §2")


@lru_cache(maxsize=256)
def _cap_note(code: str, n: int, cap: int) -> Note:
    return Note("SUD-HCODE", f"{n} units of {code} documented; this payer pays at most {cap}, so {cap} "
                "are billed", f"{_REF}, §2")


@lru_cache(maxsize=64)
def _no_equivalent(service_type: str) -> Note:
    return Note("SUD-HCODE", f"this payer has no code rule for {service_type.replace('_', ' ')} and it has "
                "no CPT equivalent; nothing to bill", f"{_REF}, §2")


@lru_cache(maxsize=64)
def _cpt_note(service_type: str) -> Note:
    return Note("SUD-HCODE", f"this payer does not use H-codes for {service_type.replace('_', ' ')}: "
                "coded with the CPT equivalent [K]", f"{REF}2")


def code_hcode(w: Work, rule: HCodeRule) -> list[Draft]:
    if rule.unit_minutes is None:
        w.reasons.append(_hcode_note(rule, 0, 1))
        return [Draft(rule.code, 1, rule.modifiers)]
    minutes = _minutes(w)
    n = timed_units(minutes, rule.unit_minutes)
    note = _hcode_note(rule, minutes, n)
    if n == 0:
        w.warnings.append(note)
        return []
    w.reasons.append(note)
    if rule.max_units is not None and n > rule.max_units:
        w.warnings.append(_cap_note(rule.code, n, rule.max_units))
        n = rule.max_units
    return [Draft(rule.code, n, rule.modifiers)] if n > 0 else []


def code_sud(w: Work) -> list[Draft]:
    service_type = w.session.service_type
    rule = w.profile.sud_hcodes.get(service_type)
    if rule is not None:
        return code_hcode(w, rule)
    if service_type == "sud_individual":
        w.reasons.append(_cpt_note(service_type))
        draft = add_time_code(w, _minutes(w), False, "SUD counseling")
        return [draft] if draft else []
    if service_type == "sud_group":
        w.reasons.append(_cpt_note(service_type))
        return code_group(w)
    if service_type == "sud_assessment":
        w.reasons.append(_cpt_note(service_type))
        return code_evaluation(w)
    w.warnings.append(_no_equivalent(service_type))
    return []
