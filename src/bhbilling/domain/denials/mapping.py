"""CARC/RARC (+ group, payer kind) -> root cause, correctable/appealable, next step, recovery.

Model (reference §11, "correctable vs appealable rule of thumb"):
- Data, not code: ``reference/data/denial_carc_categories.csv`` gives EVERY CARC of the
  X12 list a category, whether it is a denial at all (``denial`` N for payment
  adjustments and information such as CO-45, sequestration, OA-23), whether it is fixed
  by a corrected claim and/or by an appeal, a recovery chance used to order the
  workbench, and the biller's next step. ``denial_rules.csv`` then refines the result
  by remark code (RARC), CARC, group and payer kind, each matching row in file order
  changing only the columns it fills (CO-16 + N290 -> credentialing; MA130 -> no appeal
  rights; Medicare CO-29 -> not appealable, 42 CFR 424.44 / reference §8.1).
- The primary CARC is the first one that is a denial; adjustments listed beside it
  (CO-45 next to CO-197) never decide the category.
- Group PR always means patient responsibility (the payer says the patient owes it);
  CO means the provider may not bill the patient (reference §11 group codes).
- A code newer than the list (X12 adds codes three times a year) classifies as OTHER
  with "look it up" advice instead of failing.
Recovery chances are the project's planning estimates per category/code (not payer
statistics); they only order the queue: dollars at stake x chance.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from types import MappingProxyType

from bhbilling.domain.denials.categories import Category
from bhbilling.reference import adjustments
from bhbilling.reference._files import read_csv_rows

__all__ = ["CARC_TABLE", "RULES_TABLE", "CarcRow", "DenialAdvice", "carc_rows", "classify",
           "default_action", "may_bill_patient"]

CARC_TABLE = "denial_carc_categories.csv"
RULES_TABLE = "denial_rules.csv"

_DEFAULT_ACTIONS = MappingProxyType({
    Category.ELIGIBILITY: "Re-verify eligibility for the date of service (270/271); correct the member "
                          "data or bill the payer that covered the patient then, else the patient.",
    Category.AUTHORIZATION: "Find the authorization: add its number and send a corrected claim, or ask "
                            "for a retro-authorization or appeal.",
    Category.CODING: "Fix the code, modifier, diagnosis or claim data and send a corrected claim "
                     "(frequency 7 with the payer's claim number).",
    Category.MEDICAL_NECESSITY: "Appeal with the session documentation (times, modality, diagnoses, "
                                "treatment plan; never psychotherapy notes).",
    Category.TIMELY_FILING: "Appeal only with proof of timely filing (999/277CA acceptance); otherwise "
                            "request a write-off.",
    Category.DUPLICATE: "Do not resubmit: check the original claim's status (276/277) and reconcile.",
    Category.COORDINATION_OF_BENEFITS: "Update coordination of benefits and bill the responsible "
                                       "payer first.",
    Category.BUNDLING: "If the services were separate, correct with 59/XE; otherwise accept the "
                       "bundling.",
    Category.CREDENTIALING: "Fix the provider's enrollment/credentialing or identifiers with the payer, "
                            "then send a corrected claim.",
    Category.PATIENT_RESPONSIBILITY: "Bill the patient (or the secondary payer).",
    Category.NON_COVERED: "Not covered: bill the patient only with a signed waiver/ABN on file, "
                          "otherwise write off.",
    Category.CONTRACTUAL: "Contractual or payment adjustment, not a denial: nothing to work.",
    Category.OTHER: "Read the remark codes and call the payer to learn what is needed.",
})


def default_action(category: Category) -> str:
    """The category's next step when the code has none of its own."""
    return _DEFAULT_ACTIONS[category]


@dataclass(frozen=True, slots=True)
class CarcRow:
    """One row of the CARC table."""

    carc: str
    category: Category
    denial: bool
    correctable: bool
    appealable: bool
    recovery: Decimal
    action: str
    basis: str


@dataclass(frozen=True, slots=True)
class DenialAdvice:
    """What went wrong and what to do: the workbench's reading of one denial."""

    category: Category
    correctable: bool
    appealable: bool
    action: str  # the recommended next step, in a biller's words
    recovery_chance: Decimal  # 0..1, orders the queue (dollars x chance)
    reason: str  # "CO-197: <X12 wording>; N54: <wording>"
    primary_carc: str = ""
    is_denial: bool = True
    basis: str = ""  # where the mapping comes from (reference section or [K])


def _flag(text: str) -> bool | None:
    return {"Y": True, "N": False}.get(text.strip().upper())


@cache
def carc_rows() -> Mapping[str, CarcRow]:
    """The CARC table by code."""
    rows = {}
    for r in read_csv_rows(CARC_TABLE):
        rows[r["carc"]] = CarcRow(r["carc"], Category(r["category"]), r["denial"] == "Y",
                                  r["correctable"] == "Y", r["appealable"] == "Y",
                                  Decimal(r["recovery"]), r["action"], r["basis"])
    return MappingProxyType(rows)


@dataclass(frozen=True, slots=True)
class _Rule:
    group: str
    carc: str
    rarc: str
    payer_kind: str
    category: Category | None
    correctable: bool | None
    appealable: bool | None
    recovery: Decimal | None
    action: str
    basis: str

    def matches(self, group: str, carc: str, rarcs: frozenset[str], payer_kind: str) -> bool:
        return ((not self.group or self.group == group) and (not self.carc or self.carc == carc)
                and (not self.rarc or self.rarc in rarcs)
                and (not self.payer_kind or self.payer_kind == payer_kind))


@cache
def _rules() -> tuple[_Rule, ...]:
    return tuple(
        _Rule(r["group"].strip(), r["carc"].strip(), r["rarc"].strip(), r["payer_kind"].strip(),
              Category(r["category"]) if r["category"].strip() else None,
              _flag(r["correctable"]), _flag(r["appealable"]),
              Decimal(r["recovery"]) if r["recovery"].strip() else None, r["action"].strip(),
              r["basis"].strip())
        for r in read_csv_rows(RULES_TABLE))


def _norm(codes: Iterable[str]) -> list[str]:
    return [c.strip().upper() for c in codes if c and c.strip()]


def _wording(carc: str, rarcs: list[str], group: str) -> str:
    known = adjustments.carc(carc)
    parts = [f"{group}-{carc}: "
             + (known.description.rstrip(".") if known else "code not in the X12 list we hold")]
    for code in rarcs:
        remark = adjustments.rarc(code)
        parts.append(f"{code}: "
                     + (remark.description.rstrip(".") if remark else "remark code not in our list"))
    return "; ".join(parts)


def classify(group: str, carcs: Iterable[str], rarcs: Iterable[str] = (), *,
             payer_kind: str = "") -> DenialAdvice:
    """The advice for one denied line: CAS group, its CARCs (first listed first) and RARCs."""
    group = (group or "").strip().upper()
    codes, remarks = _norm(carcs), _norm(rarcs)
    table = carc_rows()
    primary = next((c for c in codes if c in table and table[c].denial), None)
    if primary is None:
        primary = next((c for c in codes if c not in table), codes[0] if codes else "")
    row = table.get(primary)
    if row is None:
        advice = DenialAdvice(Category.OTHER, False, True,
                              f"CARC {primary or '(none)'} is not in our code list: look it up on "
                              "x12.org and call the payer.", Decimal("0.30"), "", primary,
                              True, "")
    else:
        advice = DenialAdvice(row.category, row.correctable, row.appealable,
                              row.action or default_action(row.category), row.recovery, "",
                              primary, row.denial, row.basis)
    seen = frozenset(remarks)
    for rule in _rules():
        if rule.matches(group, primary, seen, payer_kind):
            category = rule.category or advice.category
            advice = replace(
                advice, category=category,
                correctable=advice.correctable if rule.correctable is None else rule.correctable,
                appealable=advice.appealable if rule.appealable is None else rule.appealable,
                recovery_chance=advice.recovery_chance if rule.recovery is None else rule.recovery,
                action=rule.action or (default_action(category) if rule.category else advice.action),
                basis=" ".join(dict.fromkeys(f"{advice.basis} {rule.basis}".split())))
    if group == "PR":  # the payer says the patient owes it (reference §11 group codes)
        advice = replace(advice, category=Category.PATIENT_RESPONSIBILITY, correctable=False,
                         appealable=False, recovery_chance=Decimal("0.00"),
                         action=default_action(Category.PATIENT_RESPONSIBILITY))
    return replace(advice, reason=_wording(primary, remarks, group or "??") if primary else "")


def may_bill_patient(group: str, advice: DenialAdvice, *, waiver_on_file: bool = False
                     ) -> tuple[bool, str]:
    """Whether a denied amount may move to the patient, and why not when it may not.

    PR: yes. Non-covered services: only with a signed waiver/ABN (reference §11 CO-96).
    A payer that paid the patient (CARC 100): yes. Any other CO denial is the provider's
    liability under the contract and may not be billed to the patient.
    """
    group = (group or "").strip().upper()
    if group == "PR" or advice.category is Category.PATIENT_RESPONSIBILITY:
        return True, ""
    if advice.category is Category.NON_COVERED:
        if waiver_on_file:
            return True, ""
        return False, ("a non-covered service may be billed to the patient only with a signed "
                       "waiver/ABN on file; confirm the waiver first")
    return False, (f"group {group or '(none)'} {advice.category.label.lower()} denials are the "
                   "provider's liability and may not be billed to the patient; correct, appeal "
                   "or write it off")
