"""Build the mental-health `BenefitSummary` of one member from the payer's facts.

Rules (each figure independently, see `picking` and `figures`):
- Coverage: EB01 1-5 (active) or 6-8 (inactive) from the most specific mental-health
  service type that has one, else 30. Active coverage whose dates (member or coverage
  loop DTP 356/357 eligibility, 346/347 plan, 348/349 benefit, or an RD8 range under 291,
  292 or 307) exclude the date asked becomes inactive on that date. No coverage loop and
  an AAA rejection: status "rejected"; neither: "unknown".
- Plan name: EB05 of the coverage loop, else of any loop that answered.
- Authorization required: EB11 of the most specific service type that states Y or N.
- Other payers: every EB01 R (other or additional payor) and every 2120 payer-like entity
  (PR, X3, Y2, 13, VN...) under a mental-health loop; the latter are marked as
  behavioral-health carve-outs. A P3 entity is the primary care provider.
- Telehealth notes: payer messages (MSG) that mention telehealth, telemedicine,
  telepsychiatry, virtual or video visits, and mental-health loops listed for place of
  service 02 or 10 (III*ZZ). All messages are also kept verbatim, each once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from bhbilling.domain.eligibility.codes import (
    COVERAGE_ACTIVE,
    COVERAGE_INACTIVE,
    HEALTH_PLAN,
    MENTAL_HEALTH_SERVICE_TYPES,
    OUTPATIENT_PREFERENCE,
    SERVICE_TYPE_LABELS,
)
from bhbilling.domain.eligibility.facts import BenefitFact, DateRange, MemberFacts
from bhbilling.domain.eligibility.figures import network_costs, visit_limit
from bhbilling.domain.eligibility.picking import IN_NETWORK, OUT_OF_NETWORK, Picker
from bhbilling.domain.eligibility.rejections import explain_rejection
from bhbilling.domain.eligibility.summary import BenefitSummary, OtherPayer

__all__ = ["PAYER_ROLES", "summarize_member"]

_TELEHEALTH = re.compile(r"tele[- ]?(health|medicine|psych\w*|therapy)|virtual|video", re.IGNORECASE)
_TELEHEALTH_POS = {"02": "telehealth other than home", "10": "telehealth in the patient's home"}
PAYER_ROLES = {
    "PR": "payer", "PRP": "primary payer", "SEP": "secondary payer", "TTP": "tertiary payer",
    "X3": "utilization management organization", "Y2": "managed care organization",
    "13": "contracted service provider", "VN": "vendor", "2B": "third-party administrator",
    "I3": "independent physicians association", "P5": "plan sponsor", "GP": "gateway provider",
}
_BEGIN = ("356", "346", "348")
_END = ("357", "347", "349")
_RANGES = ("307", "291", "292")


def _is_mh(benefit: BenefitFact) -> bool:
    return bool(MENTAL_HEALTH_SERVICE_TYPES.intersection(benefit.service_types))


def _coverage_dates(dates: Sequence[DateRange]) -> tuple[dt.date | None, dt.date | None]:
    by_qual = {d.qualifier: d for d in dates}
    start = next((by_qual[q].start for q in _BEGIN if q in by_qual), None)
    end = next((by_qual[q].end for q in _END if q in by_qual), None)
    for qual in _RANGES:
        rng = by_qual.get(qual)
        if rng is not None and rng.end > rng.start:
            start = start or rng.start
            end = end or rng.end
    return start, end


def _status(facts: MemberFacts, coverage: list[BenefitFact], on: dt.date,
            notes: list[str]) -> tuple[str, bool | None, dt.date | None, dt.date | None]:
    dates = list(facts.dates) + [d for b in coverage[:1] for d in b.dates]
    start, end = _coverage_dates(dates)
    if not coverage:
        rejected = facts.rejections or any(b.rejections for b in facts.benefits)
        return ("rejected" if rejected else "unknown"), None, start, end
    if not any(b.info in COVERAGE_ACTIVE for b in coverage):
        return "inactive", False, start, end
    if (start is not None and on < start) or (end is not None and on > end):
        notes.append(f"coverage dates {start or '...'} to {end or '...'} do not include {on}")
        return "inactive", False, start, end
    return "active", True, start, end


def _other_payers(benefits: Sequence[BenefitFact]) -> tuple[tuple[OtherPayer, ...], str]:
    payers: dict[tuple[str, str], OtherPayer] = {}
    pcp = ""
    for b in benefits:
        mh = _is_mh(b)
        for rel in b.related:
            if rel.role == "P3":
                pcp = pcp or rel.name
            elif rel.role in PAYER_ROLES and (mh or b.info == "R"):
                payers.setdefault((rel.name, rel.id), OtherPayer(
                    rel.name, PAYER_ROLES[rel.role], rel.id, rel.id_qualifier, rel.phone,
                    b.service_types, mh))
        if b.info == "R" and not b.related and b.plan:
            payers.setdefault((b.plan, ""), OtherPayer(b.plan, "other or additional payor",
                                                       service_types=b.service_types,
                                                       behavioral_health=mh))
    return tuple(payers.values()), pcp


def _telehealth(benefits: Sequence[BenefitFact]) -> tuple[str, ...]:
    notes = [m for b in benefits for m in b.messages if _TELEHEALTH.search(m)]
    for b in benefits:
        for pos in b.places_of_service:
            if pos in _TELEHEALTH_POS and _is_mh(b):
                names = ", ".join(SERVICE_TYPE_LABELS.get(t, t) for t in b.service_types)
                notes.append(f"{names} benefit listed for place of service {pos} "
                             f"({_TELEHEALTH_POS[pos]})")
    return tuple(dict.fromkeys(notes))


def _basis(picker: Picker, notes: list[str]) -> tuple[str, tuple[str, ...]]:
    codes = picker.codes_used()
    if any(c in MENTAL_HEALTH_SERVICE_TYPES for c in codes):
        fallback = [name for name, code in picker.sources if code == HEALTH_PLAN]
        mh = [c for c in codes if c != HEALTH_PLAN]
        notes.append("mental-health benefits read from service type " + ", ".join(mh))
        if fallback:
            notes.append("from 30 (health benefit plan coverage): " + ", ".join(fallback))
        return "mental_health", codes
    if codes:
        notes.append("no mental-health service type answered; "
                     "every figure is from 30 (health benefit plan coverage)")
        return "health_plan", codes
    return "none", codes


def summarize_member(facts: MemberFacts, *, on: dt.date,
                     preference: Sequence[str] = OUTPATIENT_PREFERENCE) -> BenefitSummary:
    """The mental-health benefit summary of `facts` on `on` (see the module docstring).

    `preference` orders the service types that may price a session, most specific first
    (codes.OUTPATIENT_PREFERENCE by default; SUBSTANCE_USE_PREFERENCE for a SUD program).
    """
    notes: list[str] = []
    benefits = facts.benefits
    picker = Picker(benefits, preference)
    coverage = picker.pick("coverage", lambda b: b.info in COVERAGE_ACTIVE | COVERAGE_INACTIVE)
    status, active, start, end = _status(facts, coverage, on, notes)
    planned = [b for b in coverage if b.plan] or [b for b in benefits if b.plan and b.info != "R"]
    in_costs = network_costs(picker, IN_NETWORK, notes)
    out_costs = network_costs(picker, OUT_OF_NETWORK, notes)
    visits = visit_limit(picker)
    auth = picker.pick("authorization_required", lambda b: b.authorization_required in ("Y", "N"))
    basis, codes = _basis(picker, notes)
    others, pcp = _other_payers(benefits)
    if any(p.behavioral_health for p in others):
        notes.append("a behavioral-health carve-out is named: mental-health claims may go to it")
    rejections = [*facts.rejections, *(r for b in benefits for r in b.rejections)]
    return BenefitSummary(
        checked_on=on, level=facts.level, member_name=facts.name, member_id=facts.member_id,
        birth_date=facts.birth_date, payer_name=facts.payer_name, payer_id=facts.payer_id,
        trace_numbers=facts.trace_numbers, status=status, active=active,
        plan_name=planned[0].plan if planned else "",
        insurance_type=coverage[0].insurance_type if coverage else "",
        group_number=facts.group_number, coverage_start=start, coverage_end=end,
        basis=basis, basis_service_types=codes, sources=tuple(picker.sources),
        in_network=in_costs, out_of_network=out_costs, visit_limit=visits,
        authorization_required=any(b.authorization_required == "Y" for b in auth) if auth else None,
        telehealth_notes=_telehealth(benefits), other_payers=others, primary_care_provider=pcp,
        messages=tuple(dict.fromkeys(m for b in benefits for m in b.messages)),
        rejections=tuple(explain_rejection(r.loop, r.reason, r.follow_up, r.valid_request)
                         for r in rejections),
        notes=tuple(notes),
    )
