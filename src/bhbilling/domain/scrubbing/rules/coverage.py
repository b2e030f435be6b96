"""Coverage: the plan active on the date, eligibility checked recently and active, and the
benefit-year visit limit (reference §9, §11: CARC 27 coverage terminated, CARC 119 benefit
maximum).

- Eligibility is "recent" when the last 270/271 was asked within the payer's window
  (``eligibility_window_days``, pack or contract) of the date of service, before or after.
  Not checking is a warning -- the payer does not deny for it -- but an inactive answer is
  an error.
- Visits: each date of service on this claim is one visit, added to the visits other
  claims used this benefit year (``VisitLimit.used``, counted by the app).
"""

from __future__ import annotations

from bhbilling.domain.scrubbing.engine import ERROR, WARNING, RuleSet
from bhbilling.domain.scrubbing.rules.claim_facts import derived
from bhbilling.domain.scrubbing.rules.code_groups import REF

RULES = RuleSet("coverage", "coverage")
_SELF_PAY = ("self_pay",)


def _visits(c) -> int:
    return len(derived(c).days)


@RULES.rule("COV-ACTIVE-001", ERROR, "coverage not active on the date", element="2000B SBR, 2010BA",
            fix="check eligibility for the date of service; bill the plan active then, or the patient",
            reference=f"{REF}11 (CARC 27)", skip_payers=_SELF_PAY)
def coverage_active(c, p):
    cov = c.coverage
    if cov is None or (cov.active_from is None and cov.active_to is None):
        return None
    hits = None
    for i, line in enumerate(c.lines, 1):
        day = line.date_of_service
        if cov.active_from is not None and day < cov.active_from:
            text = (f"coverage starts {cov.active_from.isoformat()}, after the date of service "
                    f"{day.isoformat()}")
        elif cov.active_to is not None and day > cov.active_to:
            text = f"coverage ended {cov.active_to.isoformat()}, before the date of service {day.isoformat()}"
        else:
            continue
        hits = hits or []
        hits.append((text, i))
    return hits


@RULES.rule("COV-ELIG-001", WARNING, "eligibility not checked recently", element="270/271",
            fix="run an eligibility check (270) for the date of service before submitting",
            reference=f"{REF}9, §11 (CARC 27)", skip_payers=_SELF_PAY)
def eligibility_recent(c, p):
    cov = c.coverage
    if cov is None:
        return None
    elig = cov.eligibility
    day = derived(c).first_day
    if elig is None:
        return (("eligibility was never checked for this coverage", None),)
    gap = abs((day - elig.checked_on).days)
    if gap > p.eligibility_window_days:
        return ((f"eligibility last checked {elig.checked_on.isoformat()}, {gap} days from the date of "
                 f"service; payer window is {p.eligibility_window_days} days", None),)
    return None


@RULES.rule("COV-ELIG-002", ERROR, "eligibility check says inactive", element="271 EB01",
            fix="confirm the patient's current plan; bill the active payer or the patient",
            reference=f"{REF}11 (CARC 27)", skip_payers=_SELF_PAY)
def eligibility_active(c, p):
    cov = c.coverage
    if cov is None or cov.eligibility is None or cov.eligibility.active:
        return None
    checked = cov.eligibility.checked_on.isoformat()
    return ((f"the eligibility check of {checked} found the coverage inactive", None),)


@RULES.rule("COV-VISIT-001", ERROR, "benefit-year visit limit exceeded", element="2300 CLM",
            fix="request more visits (authorization or exception) or tell the patient before billing them",
            reference=f"{REF}9 (annual visit caps; parity), §11 (CARC 119)", skip_payers=_SELF_PAY)
def visit_limit(c, p):
    limit = c.visit_limit
    if limit is None:
        return None
    n = _visits(c)
    if limit.used + n > limit.limit:
        return ((f"{limit.used} of {limit.limit} benefit-year visits used; this claim adds {n}", None),)
    return None


@RULES.rule("COV-VISIT-002", WARNING, "few benefit-year visits left", element="2300 CLM",
            fix="plan with the patient: request more visits before the limit is reached",
            reference=f"{REF}9", skip_payers=_SELF_PAY)
def visits_left(c, p):
    limit = c.visit_limit
    if limit is None:
        return None
    left = limit.limit - limit.used - _visits(c)
    if 0 <= left <= p.visit_warn_remaining:
        return ((f"{left} benefit-year visit(s) left after this claim ({limit.limit} allowed)", None),)
    return None
