"""271 eligibility responses -> mental-health benefit summaries.

The X12 side (`x12.elig271`) reads what the payer sent; the domain side
(`domain.eligibility`) decides what it means. This module only maps one onto the other:
- each 2100C subscriber and 2100D dependent becomes `MemberFacts`; a subscriber whose
  loop only carries dependents (no EB, AAA or TRN of its own) is not a patient and is
  left out;
- AAA of 2000A/2100A/2100B (payer or provider refused) are added to every member; a
  response refused before any member gives one summary with level "";
- 2100C/2100D REF*6P (or 1L) is the group number; TRN02 of each trace is kept so the app
  can match the answer to its 270 (our TRN*1 comes back as TRN*2);
- EB loops keep their codes; HSD becomes `VisitPattern`, III*ZZ place-of-service codes
  `places_of_service`, 2120 NM1/PER `RelatedParty` (name, id, telephone).
The raw 271 is not copied into the summary; the caller keeps the file with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bhbilling.domain.eligibility import (
    OUTPATIENT_PREFERENCE,
    BenefitFact,
    BenefitSummary,
    DateRange,
    MemberFacts,
    RejectionFact,
    RelatedParty,
    VisitPattern,
    summarize_member,
)
from bhbilling.x12.elig271 import (
    Benefit,
    DatePeriod,
    EligibilityResponse,
    Member,
    Rejection,
    read_271,
)
from bhbilling.x12.reader import Source

__all__ = ["member_facts", "summarize_271", "summarize_response"]


def _dates(periods: Sequence[DatePeriod]) -> tuple[DateRange, ...]:
    return tuple(DateRange(p.qualifier, p.start, p.end) for p in periods)


def _rejections(items: Sequence[Rejection]) -> tuple[RejectionFact, ...]:
    return tuple(RejectionFact(r.loop, r.reason, r.follow_up, r.valid_request) for r in items)


def _benefit(b: Benefit) -> BenefitFact:
    return BenefitFact(
        info=b.info, service_types=b.service_types, coverage_level=b.coverage_level,
        insurance_type=b.insurance_type, plan=b.plan_description, time_period=b.time_period,
        amount=b.amount, percent=b.percent, quantity_qualifier=b.quantity_qualifier,
        quantity=b.quantity, authorization_required=b.authorization_required,
        in_network=b.in_network, messages=b.messages,
        related=tuple(RelatedParty(r.entity.code, r.entity.display_name, r.entity.id_qualifier,
                                   r.entity.id, r.phone) for r in b.related),
        patterns=tuple(VisitPattern(d.quantity_qualifier, d.quantity, d.unit, d.period, d.periods)
                       for d in b.deliveries),
        places_of_service=tuple(code for qual, code in b.additional_info if qual == "ZZ"),
        dates=_dates(b.dates), rejections=_rejections(b.rejections),
    )


def _is_container(member: Member, parents: set[int]) -> bool:
    """A 2100C loop that only parents dependents answered for themselves."""
    return id(member) in parents and not (member.benefits or member.rejections or member.traces)


def member_facts(response: EligibilityResponse) -> list[MemberFacts]:
    """The members of one 271 transaction as domain facts (see the module docstring)."""
    payer = response.source.entity if response.source is not None else None
    payer_name = payer.display_name if payer is not None else ""
    payer_id = payer.id if payer is not None else ""
    shared = _rejections(response.rejections)
    parents = {id(m.subscriber) for m in response.members if m.subscriber is not None}
    members = [m for m in response.members if not _is_container(m, parents)]
    if not members:
        return [MemberFacts("", payer_name=payer_name, payer_id=payer_id, rejections=shared)]
    out = []
    for m in members:
        group = m.reference("6P") or m.reference("1L")
        if not group and m.subscriber is not None:
            group = m.subscriber.reference("6P") or m.subscriber.reference("1L")
        inherited = m.subscriber.dates if m.subscriber is not None and not m.dates else ()
        out.append(MemberFacts(
            level=m.level, name=m.entity.display_name, member_id=m.member_id,
            birth_date=m.birth_date, payer_name=payer_name, payer_id=payer_id,
            trace_numbers=tuple(t.number for t in m.traces), group_number=group,
            dates=_dates((*m.dates, *inherited)),
            rejections=shared + _rejections(m.rejections),
            benefits=tuple(_benefit(b) for b in m.benefits)))
    return out


def summarize_response(response: EligibilityResponse, *, on: dt.date,
                       preference: Sequence[str] = OUTPATIENT_PREFERENCE) -> list[BenefitSummary]:
    """One `BenefitSummary` per patient answered in `response`, as of `on`."""
    return [summarize_member(f, on=on, preference=preference) for f in member_facts(response)]


def summarize_271(source: Source, *, on: dt.date, file_name: str | None = None,
                  preference: Sequence[str] = OUTPATIENT_PREFERENCE) -> list[BenefitSummary]:
    """Read a 271 (path, bytes or binary stream) and summarise every patient in it.

    Raises `X12Error` (naming file, segment and element) for a file that is not a
    readable 271; a payer's rejection is not an error but a summary with `rejections`.
    """
    return [s for response in read_271(source, file_name=file_name)
            for s in summarize_response(response, on=on, preference=preference)]
