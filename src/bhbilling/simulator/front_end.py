"""Claim-level front-end edits: accepted into adjudication, or rejected in the 277CA.

Why these edits: a clearinghouse and a payer's front end refuse a claim they cannot
process before anyone looks at benefits; such a claim was never "filed" and must be
corrected and sent again as a new claim (reference doc section 11: MA130, correct and
resubmit). Each rejection is a real 277CA pair of category (code source 507) and status
(code source 508) with the entity in error, plus a plain-language reason:
- payer id unknown here: A3:116 (claim submitted to incorrect payer), entity PR;
- billing or rendering NPI fails its check digit: A7:562 (entity's NPI), entity 85/82;
- member id not found at this payer: A3:33 (subscriber and subscriber id not found), IL;
- dependent not on the member's record: A3:97 (patient eligibility not found), QC;
- subscriber first name or the patient's birth date missing: A6:125 / A6:158;
- birth date differs from the payer's record: A7:158 (entity's date of birth);
- payers that check eligibility at the front door (Medicaid): coverage not in force on
  the date of service: A3:88 (entity not eligible for benefits for those dates), QC;
- diagnosis not a billable ICD-10-CM code: A7:254 (principal) / A7:255 (diagnosis code);
- procedure code malformed: A7:454, also on that line's 2220D loop;
- replacement or void (CLM05-3 7/8) whose REF*F8 this payer never issued: A7:35
  (claim/encounter not found).
Every code is checked against the shipped 507/508 lists when written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bhbilling.kernel.ids import is_valid_npi
from bhbilling.reference.icd10cm import diagnosis_problem
from bhbilling.simulator.facts import ClaimFacts
from bhbilling.simulator.payerbook import PayerBook
from bhbilling.simulator.state import SimulatorState

__all__ = ["Rejection", "front_end_edits"]

_PROCEDURE = re.compile(r"[0-9A-Z][0-9]{3}[0-9A-Z]")


@dataclass(frozen=True, slots=True)
class Rejection:
    """One STC composite (category:status:entity) and why, in words without PHI."""

    category: str
    code: str
    entity: str
    reason: str
    line: int = 0  # the 2400 line in error (its 2220D loop echoes REF*FJ), 0 for the claim


def _member_edits(facts: ClaimFacts, book: PayerBook) -> list[Rejection]:
    member = book.member(facts.payer_id, facts.member_id)
    if member is None:
        return [Rejection("A3", "33", "IL", "member id not found at this payer")]
    out: list[Rejection] = []
    sub = facts.subscriber
    if not sub.first:
        out.append(Rejection("A6", "125", "IL", "subscriber first name missing"))
    person, entity = (facts.patient, "QC") if facts.patient is not None else (sub, "IL")
    if person.birth_date is None:
        out.append(Rejection("A6", "158", entity, "patient date of birth missing"))
    if facts.patient is not None:
        known = [d for d in member.dependents
                 if d.first_name.upper() == facts.patient.first.upper()
                 and (d.birth_date is None or d.birth_date == facts.patient.birth_date)]
        if not known:
            out.append(Rejection("A3", "97", "QC", "patient not on the member's coverage"))
    elif member.birth_date is not None and sub.birth_date not in (None, member.birth_date):
        out.append(Rejection("A7", "158", "IL", "subscriber date of birth differs from the payer's record"))
    payer = book.payer(facts.payer_id)
    if payer is not None and payer.rules.front_end_eligibility and not member.plan.covers(facts.first_date):
        out.append(Rejection("A3", "88", "QC", "coverage not in force on the date of service"))
    return out


def front_end_edits(facts: ClaimFacts, book: PayerBook, state: SimulatorState) -> list[Rejection]:
    """Every front-end problem of one claim; empty means accepted into adjudication."""
    if book.payer(facts.payer_id) is None:
        return [Rejection("A3", "116", "PR", "payer id not known to the clearinghouse")]
    out: list[Rejection] = []
    if not is_valid_npi(facts.billing.npi):
        out.append(Rejection("A7", "562", "85", "billing provider NPI is not valid"))
    if facts.rendering is not None and not is_valid_npi(facts.rendering.npi):
        out.append(Rejection("A7", "562", "82", "rendering provider NPI is not valid"))
    out += _member_edits(facts, book)
    for n, code in enumerate(facts.diagnoses):
        if diagnosis_problem(code, facts.first_date) is not None:
            which = "principal diagnosis" if n == 0 else "diagnosis"
            out.append(Rejection("A7", "254" if n == 0 else "255", "",
                                 f"{which} code {code} is not billable"))
    out += [Rejection("A7", "454", "", "procedure code is not a CPT/HCPCS code", line.number)
            for line in facts.lines if not _PROCEDURE.fullmatch(line.code)]
    if facts.frequency in ("7", "8"):
        original = state.claims.get(facts.original_claim_number)
        if original is None or original["payer"] != facts.payer_id:
            out.append(Rejection("A7", "35", "", "the claim to replace or void (REF F8) is not known"))
    return out
