"""837P completeness, parties: subscriber, payer, NPIs, EIN, taxonomy, billing address.

Each rule names the loop/segment a clearinghouse would reject (005010X222A1):
- 2010BA subscriber NM1 (member id NM109, name NM103) and DMG (date of birth), 2000B SBR02;
  2010BB payer NM109. Self-pay claims never produce an 837, so these skip self-pay payers.
- 2010AA NM109 billing NPI and 2310B NM109 rendering NPI: 10 digits with the CMS check
  digit (kernel.ids); REF*EI the billing EIN; 2000A PRV03 / 2310B PRV03 taxonomy shape.
- 2010AA N3/N4: the billing provider address must be a street address -- a post-office or
  lock box goes in the pay-to loop 2010AB -- and N403 needs the 9-digit ZIP code.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bhbilling.domain.scrubbing.engine import ERROR, RuleSet
from bhbilling.domain.scrubbing.rules.code_groups import REF
from bhbilling.kernel.ids import is_valid_npi, is_valid_tin, npi_check_digit
from bhbilling.reference.taxonomy import is_valid_taxonomy_format

RULES = RuleSet("identifiers", "completeness")
_TR3 = "005010X222A1"
_SELF_PAY = ("self_pay",)
# 2000B SBR02 / 2000C PAT01 individual relationship codes allowed in 5010 837P.
RELATIONSHIP_CODES = frozenset({"01", "18", "19", "20", "21", "39", "40", "53", "G8"})
PO_BOX = re.compile(r"\b(P\.?\s*O\.?\s*B(OX)?|POST\s+OFFICE\s+BOX|LOCK\s*BOX|POB|BOX)\s*#?\s*\d",
                    re.IGNORECASE)
_STATE = re.compile(r"[A-Z]{2}")
_ZIP9 = re.compile(r"\d{5}-?\d{4}")
_PO_BOX_HIT = (("billing provider address is a post-office or lock box", None),)


@lru_cache(maxsize=4096)
def npi_problem(npi: str) -> str | None:
    if is_valid_npi(npi):
        return None
    text = npi.strip()
    if not text:
        return "is missing"
    if len(text) != 10 or not text.isdigit():
        return f"{text!r} is not 10 digits"
    return f"{text} fails the check digit (expected {npi_check_digit(text[:9])}, got {text[9]})"


@RULES.rule("CMP-SUB-001", ERROR, "subscriber data missing", element="2010BA NM1/DMG, 2000B SBR02",
            fix="complete the patient's coverage: member id, subscriber name and date of birth, relationship",
            reference=f"{_TR3} 2010BA; {REF}8.3", skip_payers=_SELF_PAY)
def subscriber(c, p):
    cov = c.coverage
    if cov is None:
        return ((f"no coverage on file for payer {c.payer.payer_id or '(none)'}", None),)
    missing = []
    if not cov.member_id_present:
        missing.append("member id (NM109)")
    if not cov.subscriber_name_present:
        missing.append("subscriber name (NM103)")
    if not cov.subscriber_birth_date_present:
        missing.append("subscriber date of birth (DMG02)")
    if cov.relationship not in RELATIONSHIP_CODES:
        missing.append(f"a valid relationship code (SBR02; got {cov.relationship!r})")
    if missing:
        return (("subscriber data missing: " + ", ".join(missing), None),)
    return None


@RULES.rule("CMP-PAYER-001", ERROR, "payer id missing or mismatched", element="2010BB NM109",
            fix="pick the payer on the coverage and make sure it has its clearinghouse payer id",
            reference=f"{_TR3} 2010BB", skip_payers=_SELF_PAY)
def payer_id(c, p):
    pid = c.payer.payer_id.strip()
    if not pid:
        return (("the payer has no payer id", None),)
    cov = c.coverage
    if cov is not None and cov.payer_id != pid:
        return ((f"the claim goes to payer {pid} but the coverage on file is with payer {cov.payer_id}",
                 None),)
    return None


@RULES.rule("CMP-NPI-001", ERROR, "billing NPI invalid", element="2010AA NM109",
            fix="correct the practice's NPI in its settings (10 digits, CMS check digit)",
            reference="45 CFR 162.406; CMS NPI check-digit algorithm")
def billing_npi(c, p):
    problem = npi_problem(c.billing.npi)
    return ((f"billing provider NPI {problem}", None),) if problem else None


@RULES.rule("CMP-NPI-002", ERROR, "rendering NPI invalid", element="2310B NM109",
            fix="correct the clinician's NPI on their profile (10 digits, CMS check digit)",
            reference="45 CFR 162.406; CMS NPI check-digit algorithm")
def rendering_npi(c, p):
    problem = npi_problem(c.rendering.npi)
    return ((f"rendering provider NPI {problem}", None),) if problem else None


@RULES.rule("CMP-TIN-001", ERROR, "billing EIN invalid", element="2010AA REF*EI",
            fix="enter the practice's employer identification number (9 digits, e.g. 12-3456789)",
            reference=f"{_TR3} 2010AA REF02; IRS EIN prefixes")
def billing_tin(c, p):
    problem = _tin_problem(c.billing.tin)
    return ((problem, None),) if problem else None


@lru_cache(maxsize=1024)
def _tin_problem(tin: str) -> str | None:
    if not tin.strip():
        return "billing provider EIN is missing"
    if not is_valid_tin(tin):
        return f"billing provider EIN {tin!r} is not a valid EIN (9 digits, assigned prefix)"
    return None


@RULES.rule("CMP-TAX-001", ERROR, "billing taxonomy missing", element="2000A PRV03",
            fix="set the practice's NUCC taxonomy code (e.g. 251S00000X, 261QM0801X)",
            reference=f"{_TR3} 2000A PRV; {REF}8.3")
def billing_taxonomy(c, p):
    tax = c.billing.taxonomy
    if not tax:
        return (("billing provider taxonomy is missing", None),)
    if not _taxonomy_ok(tax):
        return ((f"billing provider taxonomy {tax!r} is not a NUCC code (3 digits, 6 characters, X)", None),)
    return None


@lru_cache(maxsize=1024)
def _taxonomy_ok(tax: str) -> bool:
    return is_valid_taxonomy_format(tax)


@RULES.rule("CMP-TAX-002", ERROR, "rendering taxonomy malformed", element="2310B PRV03",
            fix="correct the clinician's NUCC taxonomy code (e.g. 1041C0700X)",
            reference=f"{_TR3} 2310B PRV; {REF}8.3")
def rendering_taxonomy(c, p):
    tax = c.rendering.taxonomy
    if tax and not _taxonomy_ok(tax):
        return ((f"rendering provider taxonomy {tax!r} is not a NUCC code (3 digits, 6 characters, X)",
                 None),)
    return None


@RULES.rule("CMP-ADDR-001", ERROR, "billing address is a PO box", element="2010AA N301",
            fix="use the practice's street address; put the PO box in the pay-to address (2010AB)",
            reference=f"{_TR3} 2010AA N3 (billing provider address must be a street address)")
def billing_po_box(c, p):
    return _PO_BOX_HIT if _is_po_box(c.billing.address.lines) else None


@lru_cache(maxsize=1024)
def _is_po_box(lines: tuple[str, ...]) -> bool:
    return any(PO_BOX.search(text) for text in lines)


@RULES.rule("CMP-ADDR-002", ERROR, "billing address incomplete", element="2010AA N3/N4",
            fix="complete the practice address: street, city, 2-letter state and ZIP+4",
            reference=f"{_TR3} 2010AA N4 (N403 needs the 9-digit ZIP code)")
def billing_address(c, p):
    problem = _address_problem(c.billing.address)
    return ((problem, None),) if problem else None


@lru_cache(maxsize=1024)
def _address_problem(a) -> str | None:
    missing = []
    if not any(line.strip() for line in a.lines):
        missing.append("street line")
    if not a.city.strip():
        missing.append("city")
    if not _STATE.fullmatch(a.state):
        missing.append("2-letter state")
    if not _ZIP9.fullmatch(a.zip):
        missing.append(f"9-digit ZIP code (got {len(a.zip.replace('-', ''))} digits)")
    return "billing provider address lacks " + ", ".join(missing) if missing else None
