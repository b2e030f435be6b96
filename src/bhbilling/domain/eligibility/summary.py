"""The mental-health benefit summary a biller reads before a session.

Model:
- `BenefitSummary`: one member on one date: coverage status and dates, plan, in- and
  out-of-network `NetworkCosts` (copay, coinsurance, deductible and out-of-pocket
  `Accumulator`s with amount and remaining), `VisitLimit`, whether authorization is
  required, telehealth notes, `OtherPayer`s (a behavioral-health carve-out or another
  payer), the payer's messages verbatim, and AAA rejections as `RejectionAction`s.
- `basis` says which benefits priced it: "mental_health" when any figure came from a
  mental-health service type, "health_plan" when only the generic 30 answered, "none"
  when nothing did; `sources` names the service type behind each figure and `notes` say
  in words what was assumed. A summary never invents a figure: unknown is None.
Money is Decimal; coinsurance is a fraction (0.20 = 20 %).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from bhbilling.domain.eligibility.rejections import RejectionAction

__all__ = ["Accumulator", "BenefitSummary", "NetworkCosts", "OtherPayer", "VisitLimit"]


@dataclass(frozen=True, slots=True)
class Accumulator:
    """A deductible or out-of-pocket maximum: plan `amount` for the `period`, what is
    `remaining`, and the coverage level it is counted at (IND individual, FAM family)."""

    amount: Decimal | None = None
    remaining: Decimal | None = None
    period: str = ""
    coverage_level: str = ""

    @property
    def met(self) -> bool | None:
        """True when nothing remains; None when the payer did not say."""
        return None if self.remaining is None else self.remaining <= 0


@dataclass(frozen=True, slots=True)
class NetworkCosts:
    """Cost sharing for one network side; None where the payer gave no figure."""

    copay: Decimal | None = None
    coinsurance: Decimal | None = None
    deductible: Accumulator | None = None
    out_of_pocket: Accumulator | None = None


@dataclass(frozen=True, slots=True)
class VisitLimit:
    """Visits allowed per `period`, used and remaining (payer figures, completed by
    arithmetic when two of the three are given)."""

    limit: int | None = None
    used: int | None = None
    remaining: int | None = None
    period: str = ""


@dataclass(frozen=True, slots=True)
class OtherPayer:
    """A payer or organization named in the 271 as handling some benefits: a
    behavioral-health carve-out (2120 entity under a mental-health EB loop) or another
    payer (EB01 R). `behavioral_health` is True when its service types are mental health."""

    name: str
    role: str
    id: str = ""
    id_qualifier: str = ""
    phone: str = ""
    service_types: tuple[str, ...] = ()
    behavioral_health: bool = False


@dataclass(frozen=True, slots=True)
class BenefitSummary:
    """One patient's mental-health benefits as of `checked_on` (see the module docstring).
    `status` is active, inactive, rejected (an AAA and no coverage answer) or unknown."""

    checked_on: dt.date
    level: str
    member_name: str = ""
    member_id: str = ""
    birth_date: dt.date | None = None
    payer_name: str = ""
    payer_id: str = ""
    trace_numbers: tuple[str, ...] = ()
    status: str = "unknown"  # active | inactive | rejected | unknown
    active: bool | None = None
    plan_name: str = ""
    insurance_type: str = ""
    group_number: str = ""
    coverage_start: dt.date | None = None
    coverage_end: dt.date | None = None
    basis: str = "none"  # mental_health | health_plan | none
    basis_service_types: tuple[str, ...] = ()
    sources: tuple[tuple[str, str], ...] = ()
    in_network: NetworkCosts = field(default_factory=NetworkCosts)
    out_of_network: NetworkCosts = field(default_factory=NetworkCosts)
    visit_limit: VisitLimit | None = None
    authorization_required: bool | None = None
    telehealth_notes: tuple[str, ...] = ()
    other_payers: tuple[OtherPayer, ...] = ()
    primary_care_provider: str = ""
    messages: tuple[str, ...] = ()
    rejections: tuple[RejectionAction, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def carve_out(self) -> OtherPayer | None:
        """The first organization named for behavioral health, if any."""
        return next((p for p in self.other_payers if p.behavioral_health), None)

    def source_of(self, figure: str) -> str:
        """The service type code behind `figure` (e.g. "in_network.copay"), "" if none."""
        return next((code for name, code in self.sources if name == figure), "")
