"""Provider rules: credential allowed for the code and payer, licence valid on the date,
enrollment with the payer, supervision of associates (reference §5; CARC 8/170/185, N95).

The clinician who decides is ``claim_facts.billing_clinician``: the supervisor when the
payer bills an associate's services under the supervisor, otherwise the rendering
clinician. Credential scope comes from the payer's ``allowed_credentials`` and the coding
engine's built-in list (prescriber-only E/M and 90792, testing by psychologists and
physicians), through the same ``may_bill`` the coding engine uses.
"""

from __future__ import annotations

from bhbilling.domain.coding.credentials import may_bill
from bhbilling.domain.scrubbing.engine import ERROR, WARNING, RuleSet
from bhbilling.domain.scrubbing.rules.claim_facts import billing_clinician, derived
from bhbilling.domain.scrubbing.rules.code_groups import REF
from bhbilling.domain.scrubbing.rules.identifiers import npi_problem

RULES = RuleSet("provider", "provider")
_SELF_PAY = ("self_pay",)


@RULES.rule("PROV-CRED-001", ERROR, "credential not covered by the payer", element="2310B NM1",
            fix="have a clinician the payer covers render (or supervise) the service, or bill the patient",
            reference=f"{REF}5; CARC 170/185", skip_payers=_SELF_PAY)
def credential_covered(c, p):
    who = billing_clinician(c)
    if who.credential in c.payer.excluded_credentials:
        return ((f"payer {c.payer.payer_id} does not cover services billed by a {who.credential}", None),)
    return None


@RULES.rule("PROV-CRED-002", ERROR, "credential may not bill the code", element="2400 SV1-01",
            fix="remove the code or have a clinician whose licence covers it provide the service",
            reference=f"{REF}1.1, §1.7, §1.10, §5; RARC N95")
def credential_scope(c, p):
    credential = billing_clinician(c).credential
    payer = c.payer
    hits = None
    for i, line in enumerate(c.lines, 1):
        if not may_bill(line.code, credential, payer):
            hits = hits or []
            hits.append((f"{line.code} may not be billed by a {credential} for payer {payer.payer_id}", i))
    return hits


def _licence_problem(who, day) -> str | None:
    if who.licence_from is not None and day < who.licence_from:
        return f"licence of NPI {who.npi} starts {who.licence_from.isoformat()}"
    if who.licence_to is not None and day > who.licence_to:
        return f"licence of NPI {who.npi} expired {who.licence_to.isoformat()}"
    return None


@RULES.rule("PROV-LIC-001", ERROR, "licence not valid on the date", element="2310B NM109",
            fix="bill only services rendered while the licence was in force; update its dates if renewed",
            reference=f"{REF}5; CARC B7 (provider not certified on the date of service)")
def licence_valid(c, p):
    who = billing_clinician(c)
    d = derived(c)
    people = tuple(x for x in ((c.rendering,) if who is c.rendering else (c.rendering, who))
                   if not ((x.licence_from is None or x.licence_from <= d.first_day)
                           and (x.licence_to is None or d.last_day <= x.licence_to)))
    if not people:
        return None  # every date of service is inside every licence (or no dates: PROV-LIC-002)
    hits = None
    for i, line in enumerate(c.lines, 1):
        for who in people:
            problem = _licence_problem(who, line.date_of_service)
            if problem:
                hits = hits or []
                hits.append((f"{problem}; {line.code} is dated {line.date_of_service.isoformat()}", i))
                break
    return hits


@RULES.rule("PROV-LIC-002", WARNING, "licence dates not recorded", element="2310B NM109",
            fix="record the clinician's licence dates so expiry can be checked",
            reference=f"{REF}5")
def licence_recorded(c, p):
    who = billing_clinician(c)
    if who.licence_from is None and who.licence_to is None:
        return ((f"no licence dates on file for NPI {who.npi}", None),)
    return None


@RULES.rule("PROV-ENROLL-001", ERROR, "clinician not enrolled with the payer", element="2310B NM109",
            fix="finish enrollment/credentialing with the payer before submitting (or hold the claim)",
            reference=f"{REF}5, §8.3 (rendering must be credentialed with the payer); CARC 170/B7",
            skip_payers=_SELF_PAY)
def enrolled(c, p):
    who = billing_clinician(c)
    if c.payer.payer_id not in who.enrolled_payer_ids:
        return ((f"NPI {who.npi} ({who.credential}) is not enrolled with payer {c.payer.payer_id}", None),)
    return None


@RULES.rule("PROV-SUP-001", ERROR, "associate without a valid supervisor", element="2310B NM1",
            fix="record the associate's licensed supervisor (valid NPI) on the clinician's profile",
            reference=f"{REF}5 (incident-to / supervision)", skip_payers=_SELF_PAY)
def supervisor_present(c, p):
    r = c.rendering
    if not r.is_associate or c.payer.associate_billing != "supervisor":
        return None
    sup = r.supervisor
    if sup is None:
        return (("associate's services are billed under a supervisor but none is recorded", None),)
    if npi_problem(sup.npi) is not None:
        return ((f"the supervisor's NPI {sup.npi!r} is not a valid NPI", None),)
    if sup.is_associate:
        return ((f"the supervisor (NPI {sup.npi}) is an associate too; a licensed clinician must "
                 "supervise", None),)
    return None


@RULES.rule("PROV-SUP-002", ERROR, "payer does not cover associates", element="2310B NM1",
            fix="have a licensed clinician render the service, or bill the patient (with notice)",
            reference=f"{REF}5 [C: incident-to conditions]", skip_payers=_SELF_PAY)
def associate_covered(c, p):
    if not c.rendering.is_associate:
        return None
    mode = c.payer.associate_billing
    if mode == "not_covered":
        return ((f"payer {c.payer.payer_id} does not pay for services by a pre-licensed associate", None),)
    if mode not in ("supervisor", "self"):
        return ((f"payer {c.payer.payer_id} has an unknown associate billing rule {mode!r}", None),)
    return None
