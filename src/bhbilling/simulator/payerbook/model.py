"""The payer side's own records: payers and their rules, members and plans, authorizations.

Why the simulator keeps its own book: it judges our 837P files independently, so nothing
here comes from our domain or payer profiles; a bug on our side (a wrong fee, a missing
authorization, an expired plan) shows up as a real denial instead of being repeated.

Model:
- `Payer`: payer id (2010BB NM109 on our claims), name, kind, the CLP06 claim filing code
  it reports, its TIN (835 TRN03 "1" + TIN), a `FeeSchedule` (allowed amount per unit by
  code, or code:modifier), and `PayerRules`: timely filing, which codes need
  authorization, credentialed taxonomies/NPIs, accepted modifiers, telehealth and
  audio-only rules, diagnosis rules, visit limits, eligibility at the front end, prompt
  payment (interest) and adjudication delay.
- `Member`: member id -> payer, name and birth date (for the 271 and claim checks), one
  `Plan` (coverage dates, deductible and amount met, copay, coinsurance, out-of-pocket
  maximum and amount met, visit limit and visits used, network) and `Dependent`s.
- `Authorization`: number (our REF*G1), member, codes, units, dates, units used.
- `DenialMix`: probabilities of random-but-realistic events (medical necessity, records
  request, late payment with interest, reversal with a corrected payment, recoupment).
Money is Decimal; coinsurance and probabilities are fractions (0.2 = 20 %).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = [
    "DEFAULT_PAYER_ADDRESS", "Address", "Authorization", "DenialMix", "Dependent", "DiagnosisRule",
    "FeeSchedule", "Member",
    "Payee", "Payer", "PayerBook", "PayerRules", "Plan",
]


@dataclass(frozen=True, slots=True)
class Address:
    line1: str
    city: str
    state: str
    postal_code: str
    line2: str = ""


DEFAULT_PAYER_ADDRESS = Address("PO BOX 1", "ANYTOWN", "OR", "972010001")


@dataclass(frozen=True, slots=True)
class FeeSchedule:
    """Allowed amount per unit: "90837" or "90837:95" (a modifier-specific rate wins)."""

    rates: Mapping[str, Decimal]

    def rate(self, code: str, modifiers: tuple[str, ...]) -> Decimal | None:
        """The rate for the first modifier with its own entry, else the code's rate."""
        for mod in modifiers:
            if (hit := self.rates.get(f"{code}:{mod}")) is not None:
                return hit
        return self.rates.get(code)


@dataclass(frozen=True, slots=True)
class DiagnosisRule:
    """Codes in `codes` need at least one pointed diagnosis starting with a `prefixes` entry
    (e.g. psychotherapy needs a mental-health diagnosis, chapter F), else CO-11."""

    codes: frozenset[str]
    prefixes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PayerRules:
    timely_filing_days: int = 365
    authorization_codes: frozenset[str] = frozenset()
    credential_taxonomy_prefixes: tuple[str, ...] = ()  # empty: every taxonomy is credentialed
    credential_npis: frozenset[str] = frozenset()
    credential_reason: str = "185"  # CARC 185 (rendering not eligible) or B7 (not certified)
    accepted_modifiers: frozenset[str] | None = None  # None: any modifier is accepted
    telehealth_places: frozenset[str] = frozenset({"02", "10"})
    telehealth_modifiers: frozenset[str] = frozenset({"95", "GT", "93", "FQ"})
    audio_only_modifiers: frozenset[str] = frozenset({"93", "FQ"})
    audio_only_codes: frozenset[str] | None = None  # None: audio-only allowed for any code
    diagnosis_rules: tuple[DiagnosisRule, ...] = ()
    visit_codes: frozenset[str] = frozenset()
    visit_limit_group: str = "CO"  # CAS group of CARC 119: CO (provider) or PR (patient)
    front_end_eligibility: bool = False  # reject inactive members in the 277CA
    prompt_pay_days: int = 30
    interest_rate: Decimal = Decimal("0.12")  # yearly, on payments later than prompt_pay_days
    adjudication_delay_days: int = 0
    correction_factor: Decimal = Decimal("1.05")  # allowed after a fee-schedule correction


@dataclass(frozen=True, slots=True)
class Payer:
    payer_id: str
    name: str
    kind: str  # commercial, medicaid, medicare, medicaid_mco, medicare_advantage...
    claim_filing_code: str  # 835 CLP06: 12 PPO, HM HMO, MB Medicare B, MC Medicaid...
    tin: str  # nine digits; TRN03 / BPR10 "1" + TIN
    fees: FeeSchedule
    rules: PayerRules = PayerRules()
    address: Address = field(default_factory=lambda: DEFAULT_PAYER_ADDRESS)
    phone: str = "8005550100"
    bank_routing: str = "021000021"
    bank_account: str = "000123456"


@dataclass(frozen=True, slots=True)
class Plan:
    name: str
    start: dt.date
    end: dt.date | None = None
    group: str = ""
    deductible: Decimal = Decimal("0.00")
    deductible_met: Decimal = Decimal("0.00")
    copay: Decimal = Decimal("0.00")
    coinsurance: Decimal = Decimal("0")
    oop_max: Decimal | None = None
    oop_met: Decimal = Decimal("0.00")
    visit_limit: int | None = None
    visits_used: int = 0
    in_network: bool = True

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Dependent:
    last_name: str = field(repr=False)
    first_name: str = field(repr=False)
    birth_date: dt.date | None = field(default=None, repr=False)
    relationship: str = "19"


@dataclass(frozen=True, slots=True)
class Member:
    member_id: str = field(repr=False)
    payer_id: str
    last_name: str = field(repr=False)
    first_name: str = field(repr=False)
    plan: Plan
    birth_date: dt.date | None = field(default=None, repr=False)
    sex: str = ""
    dependents: tuple[Dependent, ...] = ()


@dataclass(frozen=True, slots=True)
class Authorization:
    number: str
    member_id: str = field(repr=False)
    payer_id: str
    codes: frozenset[str]
    units: Decimal
    start: dt.date
    end: dt.date
    units_used: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class DenialMix:
    """Per-claim probabilities, drawn deterministically from the seed and the claim."""

    medical_necessity: Decimal = Decimal("0")  # CO-50 on every payable line
    documentation_request: Decimal = Decimal("0")  # CO-252 + M127: records needed
    late_payment: Decimal = Decimal("0")  # adjudicated `late_days` later: interest is owed
    reversal: Decimal = Decimal("0")  # a paid claim reversed (CLP02 22) and paid again
    recoupment: Decimal = Decimal("0")  # a paid line taken back in PLB WO
    late_days: int = 45


@dataclass(frozen=True, slots=True)
class Payee:
    """Bank details of a billing provider (BPR12-15); defaults are used when absent."""

    npi: str
    routing: str = "999999992"
    account: str = "000111222"


@dataclass(frozen=True, slots=True)
class PayerBook:
    clearinghouse_id: str
    clearinghouse_name: str
    payers: Mapping[str, Payer]
    members: Mapping[str, Member] = field(repr=False)
    authorizations: tuple[Authorization, ...] = ()
    mix: DenialMix = DenialMix()
    seed: int = 0
    payees: Mapping[str, Payee] = field(default_factory=dict)
    source: str = ""

    def payer(self, payer_id: str) -> Payer | None:
        return self.payers.get(payer_id)

    def member(self, payer_id: str, member_id: str) -> Member | None:
        """The member with this id at this payer (another payer's member is not found)."""
        found = self.members.get(member_id)
        return found if found is not None and found.payer_id == payer_id else None

    def authorizations_for(self, payer_id: str, member_id: str) -> tuple[Authorization, ...]:
        return tuple(a for a in self.authorizations
                     if a.payer_id == payer_id and a.member_id == member_id)

    def payee(self, npi: str) -> Payee:
        return self.payees.get(npi) or Payee(npi)
