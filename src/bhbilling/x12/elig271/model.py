"""Typed content of a 271 eligibility response (005010X279A1), as the payer sent it.

Model (implementation guide section 2.4):
- `EligibilityResponse`: one ST..SE. The information source (2000A/2100A, the payer) and
  receiver (2000B/2100B, us) with their AAA rejections, then one `Member` per subscriber
  (2000C/2100C) and per dependent (2000D/2100D) in file order.
- `Member`: TRN*2 traces (our TRN*1 echoed), NM1 name and id, REF, N3/N4, DMG, INS, DTP
  plan/eligibility dates, AAA rejections and the `Benefit` loops (2110C/2110D).
- `Benefit`: one EB segment and what follows it in the same 2110 loop: HSD delivery
  patterns, REF, DTP, AAA, MSG free text (verbatim), III (2115) and LS/LE-wrapped 2120
  `RelatedEntity` names (a carve-out company, the primary care provider...).
Values are kept as the payer wrote them (codes as codes, amounts as Decimal, percent
EB08 as the decimal fraction written, e.g. 0.2); meaning is given by `domain.eligibility`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "Address", "Benefit", "Contact", "DatePeriod", "Delivery", "EligibilityResponse", "Entity",
    "Member", "Party", "Rejection", "RelatedEntity", "Trace",
]


@dataclass(frozen=True, slots=True)
class Rejection:
    """AAA: AAA01 'Y' when the request was valid (the data was refused) or 'N' when the
    request itself was invalid; AAA03 reject reason (element 901); AAA04 follow-up action
    (element 889: C correct and resubmit, N not allowed, P resubmit original, R allowed,
    S do not resubmit/sent to third party, W wait 30 days, X wait 10 days, Y we will
    respond). `loop` names where it sat (2000A, 2100A, 2100B, 2100C, 2100D, 2110C, 2110D)."""

    loop: str
    valid_request: bool
    reason: str
    follow_up: str
    segment_number: int


@dataclass(frozen=True, slots=True)
class Entity:
    """An NM1: NM101 entity code, NM102 type (1 person, 2 organization), NM103 last or
    organization name, NM104 first, NM105 middle, NM107 suffix, NM108/NM109 id."""

    code: str
    kind: str
    last_or_organization: str
    first: str = ""
    middle: str = ""
    suffix: str = ""
    id_qualifier: str = ""
    id: str = ""

    @property
    def display_name(self) -> str:
        """'FIRST MIDDLE LAST SUFFIX' for a person, the organization name otherwise."""
        if self.kind != "1":
            return self.last_or_organization
        return " ".join(p for p in (self.first, self.middle, self.last_or_organization,
                                    self.suffix) if p)


@dataclass(frozen=True, slots=True)
class Contact:
    """PER*IC: contact name and (qualifier, number) pairs: TE phone, EX extension, FX fax,
    EM email, UR web address, ED EDI access number, WP work phone."""

    name: str
    numbers: tuple[tuple[str, str], ...]

    def number(self, qualifier: str) -> str:
        return next((value for qual, value in self.numbers if qual == qualifier), "")


@dataclass(frozen=True, slots=True)
class Address:
    """N3/N4 of a member or related entity."""

    line1: str
    line2: str
    city: str
    state: str
    postal_code: str


@dataclass(frozen=True, slots=True)
class Party:
    """2100A (information source) or 2100B (receiver): name, contacts, rejections."""

    entity: Entity
    contacts: tuple[Contact, ...] = ()
    rejections: tuple[Rejection, ...] = ()


@dataclass(frozen=True, slots=True)
class DatePeriod:
    """DTP: DTP01 qualifier (291 plan, 346 plan begin, 347 plan end, 356 eligibility begin,
    357 eligibility end, 307 eligibility, 292 benefit, 348/349 benefit begin/end, 304 latest
    visit...), a single date (D8) or a range (RD8): `end` equals `start` for D8."""

    qualifier: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True, slots=True)
class Trace:
    """TRN: TRN01 '1' (our current trace, when echoed as sent) or '2' (referenced: the
    payer's echo of our TRN*1), TRN02 number, TRN03 originator, TRN04 secondary id."""

    kind: str
    number: str
    originator: str
    secondary: str = ""


@dataclass(frozen=True, slots=True)
class Delivery:
    """HSD health care services delivery: HSD01 quantity qualifier (VS visits, DY days,
    HS hours...), HSD02 quantity, HSD03 unit (DA days, MO months, WK week, YR years...),
    HSD04 sample selection modulus, HSD05 time period qualifier, HSD06 number of periods,
    HSD07 delivery pattern, HSD08 delivery time."""

    quantity_qualifier: str
    quantity: Decimal | None
    unit: str
    modulus: Decimal | None
    period: str
    periods: Decimal | None
    pattern: str
    time: str


@dataclass(frozen=True, slots=True)
class RelatedEntity:
    """Loop 2120 (between LS*2120 and LE*2120): NM1 benefit related entity (PR payer, P3
    primary care provider, X3 utilization management organization, Y2 managed care
    organization, 13 contracted service provider, VN vendor...), N3/N4, PER, PRV."""

    entity: Entity
    address: Address | None = None
    contacts: tuple[Contact, ...] = ()
    taxonomy: str = ""

    @property
    def phone(self) -> str:
        return next((c.number("TE") for c in self.contacts if c.number("TE")), "")


@dataclass(frozen=True, slots=True)
class Benefit:
    """One 2110C/2110D loop: the EB segment and what follows it.

    EB01 info code (1 active, 6 inactive, A co-insurance, B co-payment, C deductible,
    F limitations, G out of pocket, R other or additional payor, U contact entity, CB
    coverage basis, L primary care provider...); EB02 coverage level (IND, FAM, EMP...);
    EB03 service types (repeats); EB04 insurance type; EB05 plan description; EB06 time
    period (23 calendar year, 22 service year, 29 remaining, 27 visit, 7 day, 24 year to
    date...); EB07 amount; EB08 percent as a fraction; EB09 quantity qualifier (VS visits,
    99 quantity used, DY days...); EB10 quantity; EB11 authorization required (Y/N/U);
    EB12 in plan network (Y in, N out, W not applicable, U unknown); EB13 procedure.
    """

    info: str
    coverage_level: str = ""
    service_types: tuple[str, ...] = ()
    insurance_type: str = ""
    plan_description: str = ""
    time_period: str = ""
    amount: Decimal | None = None
    percent: Decimal | None = None
    quantity_qualifier: str = ""
    quantity: Decimal | None = None
    authorization_required: str = ""
    in_network: str = ""
    procedure: tuple[str, ...] = ()
    deliveries: tuple[Delivery, ...] = ()
    references: tuple[tuple[str, str], ...] = ()
    dates: tuple[DatePeriod, ...] = ()
    rejections: tuple[Rejection, ...] = ()
    messages: tuple[str, ...] = ()
    additional_info: tuple[tuple[str, str], ...] = ()  # III01 qualifier, III02 code (e.g. ZZ, 02)
    related: tuple[RelatedEntity, ...] = ()
    segment_number: int = 0


@dataclass(frozen=True, slots=True)
class Member:
    """A subscriber (2000C/2100C, `level` 'subscriber') or dependent (2000D/2100D,
    'dependent'). A dependent carries its `subscriber` (whose member id the payer uses)."""

    level: str
    entity: Entity
    traces: tuple[Trace, ...] = ()
    references: tuple[tuple[str, str], ...] = ()
    address: Address | None = None
    birth_date: dt.date | None = None
    sex: str = ""
    relationship: str = ""  # INS02 (18 self; 01 spouse, 19 child... for a dependent)
    dates: tuple[DatePeriod, ...] = ()
    rejections: tuple[Rejection, ...] = ()
    benefits: tuple[Benefit, ...] = ()
    subscriber: Member | None = None

    @property
    def member_id(self) -> str:
        """NM109 of the 2100C subscriber (a dependent is found under the subscriber's id)."""
        if self.entity.id:
            return self.entity.id
        return self.subscriber.entity.id if self.subscriber is not None else ""

    def reference(self, qualifier: str) -> str:
        return next((value for qual, value in self.references if qual == qualifier), "")


@dataclass(frozen=True, slots=True)
class EligibilityResponse:
    """One 271 transaction set: ST02, BHT03 (our 270 BHT03 echoed), BHT04 date, parties,
    AAA at 2000A (the whole request refused), and the members answered."""

    file: str | None
    control_number: str
    reference: str
    created: dt.date | None
    source: Party | None
    receiver: Party | None
    source_rejections: tuple[Rejection, ...] = ()
    members: tuple[Member, ...] = ()

    @property
    def rejections(self) -> tuple[Rejection, ...]:
        """Rejections that apply to every member: 2000A, 2100A and 2100B."""
        out = list(self.source_rejections)
        for party in (self.source, self.receiver):
            if party is not None:
                out += party.rejections
        return tuple(out)
