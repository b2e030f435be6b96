"""What a payer said about one member, as plain facts the summary rules read.

Why separate from the X12 model: `domain` may not import `x12`, and the rules should not
care whether the facts came from a 271, a payer portal or a phone call. `interchange`
maps a 271 member (loops 2100C/2100D and their 2110 EB loops) onto these; tests build
them directly. Codes keep their X12 values (EB01 "B", EB12 "Y", service type "MH") so a
reviewer can check a rule against the implementation guide line by line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["BenefitFact", "DateRange", "MemberFacts", "RejectionFact", "RelatedParty", "VisitPattern"]


@dataclass(frozen=True, slots=True)
class DateRange:
    """A dated fact: DTP01 qualifier (346 plan begin, 347 plan end, 356/357 eligibility
    begin/end, 291 plan, 307 eligibility, 348/349 benefit begin/end...) and its dates."""

    qualifier: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True, slots=True)
class RejectionFact:
    """An AAA: where it sat, AAA03 reason, AAA04 follow-up, AAA01 valid request."""

    loop: str
    reason: str
    follow_up: str = ""
    valid_request: bool = True


@dataclass(frozen=True, slots=True)
class RelatedParty:
    """A 2120 benefit related entity: NM101 role (PR payer, P3 primary care provider, X3
    utilization management organization, Y2 managed care organization...), name, id and
    the PER telephone."""

    role: str
    name: str
    id_qualifier: str = ""
    id: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class VisitPattern:
    """HSD: quantity qualifier (VS visits), quantity, unit, period qualifier and count."""

    qualifier: str
    quantity: Decimal | None
    unit: str = ""
    period: str = ""
    periods: Decimal | None = None


@dataclass(frozen=True, slots=True)
class BenefitFact:
    """One EB loop (see `x12.elig271.Benefit` for the element meanings)."""

    info: str
    service_types: tuple[str, ...] = ()
    coverage_level: str = ""
    insurance_type: str = ""
    plan: str = ""
    time_period: str = ""
    amount: Decimal | None = None
    percent: Decimal | None = None
    quantity_qualifier: str = ""
    quantity: Decimal | None = None
    authorization_required: str = ""
    in_network: str = ""
    messages: tuple[str, ...] = ()
    related: tuple[RelatedParty, ...] = ()
    patterns: tuple[VisitPattern, ...] = ()
    places_of_service: tuple[str, ...] = ()
    dates: tuple[DateRange, ...] = ()
    rejections: tuple[RejectionFact, ...] = ()

    @property
    def applies_to(self) -> tuple[str, ...]:
        """EB03 service types; an EB without EB03 speaks for the plan as a whole (30)."""
        return self.service_types or ("30",)


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """One subscriber or dependent answered in a 271, or (level "") a request the payer
    refused before reaching any member. `rejections` include those of the payer and
    receiver loops, which apply to every member of the response."""

    level: str
    name: str = ""
    member_id: str = ""
    birth_date: dt.date | None = None
    payer_name: str = ""
    payer_id: str = ""
    trace_numbers: tuple[str, ...] = ()
    group_number: str = ""
    dates: tuple[DateRange, ...] = ()
    rejections: tuple[RejectionFact, ...] = ()
    benefits: tuple[BenefitFact, ...] = ()
