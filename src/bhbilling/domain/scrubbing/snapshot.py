"""What the scrubber is given: an immutable snapshot of one claim and everything it depends on.

Model:
- A ``ClaimSnapshot`` holds facts, never rows: the claim (837P 2300 CLM, HI, REF*F8), its
  service lines (2400 SV1, DTP*472), the billing and rendering providers (2010AA, 2310B),
  coverage and the last eligibility answer (2010BA/2010BB, a 271), authorizations
  (2300 REF*G1), the payer's rules in force on the date of service, the fee schedule and
  the patient's earlier claim lines. Rules read it and never touch a database, so the same
  engine scrubs drafts from PostgreSQL and snapshots given as JSON Lines (``jsonl``).
- No PHI values: the patient is an opaque id and the subscriber is presence flags (member id,
  name, date of birth present), so findings can never echo a member id or a birth date.
- Defaults mean "not known / not applicable", so the app fills only what it has, in one pass,
  from rows it already loaded (see docs/scrubbing.md for where each field comes from).
- Money and units are ``Decimal``; dates are ``datetime.date``; collections are tuples and
  frozensets, so a snapshot never changes under a rule and is safe to share between threads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from bhbilling.domain.coding.profile import TelehealthRules

__all__ = [
    "INACTIVE_STATES",
    "MODALITIES",
    "Address",
    "Authorization",
    "BillingProvider",
    "ClaimSnapshot",
    "CoverageFacts",
    "Eligibility",
    "Line",
    "Part2Consent",
    "PatientFacts",
    "PayerRules",
    "PriorLine",
    "RenderingProvider",
    "TelehealthRules",
    "VisitLimit",
]

ONE = Decimal(1)
ZERO = Decimal(0)
MODALITIES = frozenset({"in_person", "video", "audio_only"})
# Claim states that no longer bill the service: a voided claim, a claim the payer denied,
# and one rejected before adjudication (277CA/999) may be billed again (issue 9, duplicates).
INACTIVE_STATES = frozenset({"void", "voided", "denied", "rejected"})


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address (837P N3/N4): street lines, city, state, ZIP (5 or 9 digits)."""

    lines: tuple[str, ...] = ()
    city: str = ""
    state: str = ""
    zip: str = ""


@dataclass(frozen=True, slots=True)
class BillingProvider:
    """Loop 2010AA: NPI (NM109), EIN (REF*EI), taxonomy (2000A PRV*BI), street address."""

    npi: str
    tin: str = ""
    taxonomy: str = ""
    address: Address = Address()


@dataclass(frozen=True, slots=True)
class RenderingProvider:
    """The clinician who rendered the service (2310B), and their supervisor when they have one.

    ``credential`` is a ``domain.parties.Credential`` value. ``licence_from``/``licence_to``
    bound the licence that lets them practise (None = not recorded). ``enrolled_payer_ids``
    lists the payers (``PayerRules.payer_id``) with whom they are enrolled/credentialed.
    An associate (pre-licensed) names a ``supervisor``; when the payer bills associates under
    the supervisor, the supervisor's credential, licence and enrollment are the ones checked.
    """

    npi: str
    credential: str
    taxonomy: str = ""
    licence_from: dt.date | None = None
    licence_to: dt.date | None = None
    enrolled_payer_ids: frozenset[str] = frozenset()
    is_associate: bool = False
    supervisor: RenderingProvider | None = None


@dataclass(frozen=True, slots=True)
class Part2Consent:
    """A 42 CFR Part 2 consent to disclose SUD records for payment (reference §10.2).

    Covers the payers in ``payer_ids``, or every payer when ``all_payers`` (a TPO consent
    for all future payment disclosures). In force from ``signed_on`` until ``expires_on``
    (inclusive) or ``revoked_on`` (revocation takes effect that day).
    """

    signed_on: dt.date
    payer_ids: frozenset[str] = frozenset()
    all_payers: bool = False
    expires_on: dt.date | None = None
    revoked_on: dt.date | None = None

    def covers(self, payer_id: str, day: dt.date) -> bool:
        if day < self.signed_on:
            return False
        if self.expires_on is not None and day > self.expires_on:
            return False
        if self.revoked_on is not None and day >= self.revoked_on:
            return False
        return self.all_payers or payer_id in self.payer_ids


@dataclass(frozen=True, slots=True)
class PatientFacts:
    """The patient, by opaque id only. ``self_pay``: uninsured or not filing with insurance
    (No Surprises Act Good Faith Estimate applies, reference §10.1)."""

    patient_id: str
    self_pay: bool = False
    gfe_issued_on: dt.date | None = None
    part2_consents: tuple[Part2Consent, ...] = ()


@dataclass(frozen=True, slots=True)
class Eligibility:
    """The last eligibility answer (271 EB01 active/inactive) and when it was asked."""

    checked_on: dt.date
    active: bool


@dataclass(frozen=True, slots=True)
class CoverageFacts:
    """The coverage billed (2000B SBR, 2010BA subscriber, 2010BB payer), as presence flags.

    ``relationship`` is the patient's relationship code (SBR02/PAT01: 18 self, 01, 19 ...).
    ``active_from``/``active_to`` are the plan dates on file (None = open).
    """

    payer_id: str
    member_id_present: bool = False
    subscriber_name_present: bool = False
    subscriber_birth_date_present: bool = False
    relationship: str = "18"
    active_from: dt.date | None = None
    active_to: dt.date | None = None
    eligibility: Eligibility | None = None


@dataclass(frozen=True, slots=True)
class Authorization:
    """A prior authorization (2300 REF*G1): codes covered (empty = any), dates (inclusive),
    units approved (None = not unit-limited) and units already used by other claims."""

    number: str
    start: dt.date
    end: dt.date
    codes: frozenset[str] = frozenset()
    units_approved: Decimal | None = None
    units_used: Decimal = ZERO

    def covers(self, code: str, day: dt.date) -> bool:
        return self.start <= day <= self.end and (not self.codes or code in self.codes)


@dataclass(frozen=True, slots=True)
class VisitLimit:
    """A benefit-year visit cap and the visits other claims already used this benefit year."""

    limit: int
    used: int = 0


@dataclass(frozen=True, slots=True)
class PayerRules:
    """The payer's rules in force on the date of service, as the scrubber needs them.

    The app fills these from the payer profile (``payers`` ring: telehealth, Z-code policy,
    credentials, associate billing) and the payer's contract rows (timely filing,
    eligibility window, codes needing authorization). ``None`` numbers take the rule pack's
    default for the payer (``data/packs/*.toml``). ``name`` is the profile name
    ("medicare"), ``kind`` a ``domain.parties.PayerKind`` value.
    """

    payer_id: str
    name: str = ""
    kind: str = "commercial"
    telehealth: TelehealthRules = field(default_factory=TelehealthRules)
    z_code_primary_allowed: bool = True
    auth_required_codes: frozenset[str] = frozenset()
    timely_filing_days: int | None = None
    eligibility_window_days: int | None = None
    allowed_credentials: Mapping[str, frozenset[str]] = field(default_factory=dict)
    excluded_credentials: frozenset[str] = frozenset()
    associate_billing: str = "supervisor"  # "supervisor" | "self" | "not_covered"


@dataclass(frozen=True, slots=True)
class Line:
    """One service line (2400): SV101 code + modifiers, SV102 charge, SV104 units, SV105
    place of service ("" = the claim's), SV107 pointers, DTP*472 date.

    ``minutes``: documented minutes for a time-based code (psychotherapy, crisis: total
    crisis minutes on the date, family); None = not recorded. ``session_id`` groups lines of
    one encounter ("" = unknown). ``no_disclose``: the patient paid in full out of pocket and
    asked that the service not be disclosed to the plan (45 CFR 164.522(a)(1)(vi)).
    """

    code: str
    charge: Decimal
    date_of_service: dt.date
    units: Decimal = ONE
    modifiers: tuple[str, ...] = ()
    pointers: tuple[int, ...] = (1,)
    minutes: int | None = None
    place_of_service: str = ""
    session_id: str = ""
    no_disclose: bool = False


@dataclass(frozen=True, slots=True)
class PriorLine:
    """A service line on one of the patient's other claims (any state), for duplicate,
    same-day and NCCI checks. ``provider_npi`` is the rendering NPI; ``state`` the claim's
    lifecycle state (``INACTIVE_STATES`` no longer bill); ``payer_claim_number`` lets a
    replacement (frequency 7) skip the claim it replaces."""

    claim_id: str
    patient_id: str
    date_of_service: dt.date
    code: str
    provider_npi: str
    state: str
    units: Decimal = ONE
    modifiers: tuple[str, ...] = ()
    payer_claim_number: str = ""


@dataclass(frozen=True, slots=True)
class ClaimSnapshot:
    """One claim as it would be sent, with the facts every scrub rule reads.

    ``as_of`` is the day the claim is scrubbed (timely filing, consents in force at
    disclosure). ``modality`` is how the session was delivered (in_person | video |
    audio_only) and ``patient_at_home`` where a telehealth patient was (None = unknown).
    ``part2_program``: the practice is a federally assisted SUD program under 42 CFR Part 2.
    ``fee_schedule``: the practice's charge per unit for this payer, keyed "CODE" (base rate)
    or "CODE-MOD1-MOD2" (modifiers sorted) when a rate depends on modifiers.
    """

    claim_id: str
    as_of: dt.date
    billing: BillingProvider
    rendering: RenderingProvider
    patient: PatientFacts
    payer: PayerRules
    lines: tuple[Line, ...] = ()
    coverage: CoverageFacts | None = None
    diagnoses: tuple[str, ...] = ()
    total_charge: Decimal = ZERO
    place_of_service: str = "11"
    frequency_code: str = "1"
    original_claim_number: str = ""
    patient_control_number: str = ""
    modality: str = "in_person"
    patient_at_home: bool | None = None
    authorizations: tuple[Authorization, ...] = ()
    visit_limit: VisitLimit | None = None
    fee_schedule: Mapping[str, Decimal] = field(default_factory=dict)
    history: tuple[PriorLine, ...] = ()
    part2_program: bool = True

    @property
    def first_date_of_service(self) -> dt.date:
        """The claim's "from" date (Part B span claims file from it); ``as_of`` when no lines."""
        lines = self.lines
        if not lines:
            return self.as_of
        day = lines[0].date_of_service
        for line in lines:
            if line.date_of_service < day:
                day = line.date_of_service
        return day
