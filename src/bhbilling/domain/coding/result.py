"""What the coding engine returns: proposed claim lines with the reason for every choice.

- ``Note`` is one decision or warning in plain words, with a stable rule id (used in the UI,
  tests and docs) and the reference section it rests on (``reference §1.2`` points at
  ``docs/coding-reference.md``/the team's billing reference).
- Warnings state facts ("52 minutes supports 90834; 90837 needs 53") and never advise adding
  time.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Note:
    rule: str  # stable id, e.g. "PSY-TIME"
    text: str
    reference: str  # e.g. "BH reference §1.2"


@dataclass(frozen=True, slots=True)
class ProposedLine:
    """One 837P service line (loop 2400 SV1) as proposed."""

    code: str
    modifiers: tuple[str, ...] = ()  # at most four, in the payer's order (SV101-3..6)
    units: Decimal = Decimal(1)
    place_of_service: str = "11"  # SV105
    diagnosis_pointers: tuple[int, ...] = (1,)  # 1-based into the claim's diagnoses, max 4
    charge: Decimal | None = None  # units x fee; None when the fee schedule has no rate
    rendering_npi: str = ""
    billing_npi_override: str | None = None  # supervisor's NPI when billed under supervision


@dataclass(frozen=True, slots=True)
class CodingResult:
    session_id: str
    lines: tuple[ProposedLine, ...]
    reasons: tuple[Note, ...]
    warnings: tuple[Note, ...]
    diagnoses: tuple[str, ...] = ()  # the claim's diagnoses after validation, in order

    @property
    def billable(self) -> bool:
        return bool(self.lines)

    @property
    def total_charge(self) -> Decimal:
        return sum((line.charge or Decimal(0) for line in self.lines), Decimal(0))
