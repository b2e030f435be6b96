"""Privacy and patient protection (reference §10.1, §10.2, §8.4).

- 42 CFR Part 2: sending a claim is a disclosure; a substance-use-disorder diagnosis
  (F10-F19 except F17 tobacco, 42 CFR 2.11 [K]) or SUD service (alcohol/drug H-codes, OTP
  and office-based SUD bundles, SBIRT, HF/HG program modifiers) from a Part 2 program needs
  a consent in force on the day of disclosure (``as_of``) that covers this payer (§10.2
  [V: S109, S110]).
- A service the patient paid in full out of pocket and asked not to disclose to the plan is
  never sent (45 CFR 164.522(a)(1)(vi); §8.4 [V: S208]).
- Self-pay (uninsured, or not filing) patients need a Good Faith Estimate issued on or
  before the date of service (No Surprises Act, 45 CFR 149.610, §10.1 [V: S211, S212]); one
  estimate covers recurring services for up to 12 months [K].
"""

from __future__ import annotations

from bhbilling.domain.scrubbing.engine import ERROR, WARNING, RuleSet
from bhbilling.domain.scrubbing.rules.claim_facts import is_sud_diagnosis, is_sud_line
from bhbilling.domain.scrubbing.rules.code_groups import REF

RULES = RuleSet("privacy", "privacy")
_SELF_PAY = ("self_pay",)


def _self_pay(c) -> bool:
    return c.patient.self_pay or c.payer.kind == "self_pay"


@RULES.rule("PRIV-P2-001", ERROR, "SUD claim without Part 2 consent", element="2300 HI, 2400 SV1",
            fix="get the patient's 42 CFR Part 2 consent naming this payer (or all payers) before sending",
            reference=f"{REF}10.2; 42 CFR 2.31, 2.33", skip_payers=_SELF_PAY)
def part2_consent(c, p):
    if not c.part2_program:
        return None
    sud = None
    for d in c.diagnoses:
        if is_sud_diagnosis(d):
            sud = f"diagnosis {d}"
            break
    else:
        for line in c.lines:
            if is_sud_line(line):
                sud = f"service {'-'.join((line.code, *line.modifiers))}"
                break
        else:
            return None
    payer = c.payer.payer_id
    if any(consent.covers(payer, c.as_of) for consent in c.patient.part2_consents):
        return None
    n = len(c.patient.part2_consents)
    return ((f"SUD {sud} on the claim; {n} Part 2 consent(s) on file, none covers payer {payer} on "
             f"{c.as_of.isoformat()}", None),)


@RULES.rule("PRIV-OOP-001", ERROR, "paid out of pocket, not to be disclosed", element="2400 SV1",
            fix="remove the line: the patient paid in full and restricted disclosure to the plan",
            reference=f"45 CFR 164.522(a)(1)(vi); {REF}8.4", skip_payers=_SELF_PAY)
def no_disclose(c, p):
    hits = None
    for i, line in enumerate(c.lines, 1):
        if line.no_disclose:
            hits = hits or []
            hits.append((f"{line.code} on {line.date_of_service.isoformat()} was paid out of pocket with a "
                         "restriction on disclosure to the plan", i))
    return hits


@RULES.rule("PRIV-GFE-001", ERROR, "self-pay without a Good Faith Estimate", element="(statement)",
            fix="issue the Good Faith Estimate (itemized expected charges) and record it",
            reference=f"{REF}10.1; 45 CFR 149.610")
def gfe_present(c, p):
    if not _self_pay(c):
        return None
    issued = c.patient.gfe_issued_on
    first = c.first_date_of_service
    if issued is None:
        return ((f"no issued Good Faith Estimate from the rendering provider covers the service on "
                 f"{first.isoformat()}", None),)
    if issued > first:
        return ((f"Good Faith Estimate issued {issued.isoformat()}, after the service on {first.isoformat()}",
                 None),)
    return None


@RULES.rule("PRIV-GFE-002", WARNING, "Good Faith Estimate older than 12 months", element="(statement)",
            fix="issue a new Good Faith Estimate for the coming year of recurring services",
            reference=f"{REF}10.1 [K: 12 months for recurring services]")
def gfe_current(c, p):
    if not _self_pay(c):
        return None
    issued = c.patient.gfe_issued_on
    if issued is None:
        return None
    last = max((line.date_of_service for line in c.lines), default=c.as_of)
    age = (last - issued).days
    if age > p.gfe_valid_days:
        return ((f"Good Faith Estimate issued {issued.isoformat()}, {age} days before the service", None),)
    return None
