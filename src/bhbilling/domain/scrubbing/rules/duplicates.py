"""Duplicates: the same service -- patient, date of service, code, rendering clinician --
already billed on another claim that still bills (reference §11: CO-18 exact duplicate).

Left out (``claim_facts.related_history``): claims voided, denied or rejected, this claim
itself, and the claim a replacement or void (CLM05-3 7/8) points to in REF*F8.
"""

from __future__ import annotations

from bhbilling.domain.scrubbing.engine import ERROR, RuleSet
from bhbilling.domain.scrubbing.rules.claim_facts import related_history
from bhbilling.domain.scrubbing.rules.code_groups import REF

RULES = RuleSet("duplicates", "duplicates")


@RULES.rule("DUP-001", ERROR, "service already billed", element="2400 SV1-01, DTP*472",
            fix="do not bill it twice: check the earlier claim's status, or send a replacement (frequency 7) "
                "that names it",
            reference=f"{REF}11 (CO-18), §8.2")
def duplicate_service(c, p):
    history = related_history(c)
    if not history:
        return None
    hits = None
    for i, line in enumerate(c.lines, 1):
        for h in history:
            if h.code == line.code and h.date_of_service == line.date_of_service:
                hits = hits or []
                hits.append((f"{line.code} on {line.date_of_service.isoformat()} by NPI {h.provider_npi} is "
                             f"already on claim {h.claim_id} ({h.state})", i))
                break
    return hits
