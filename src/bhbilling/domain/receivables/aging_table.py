"""The A/R aging table, pure: open claim balances into rows x buckets, and a cell's claims.

Why pure: the screen, the API, the CLI and the drill-down must put every dollar in the same
cell, so the rule lives once, over plain facts (``OpenClaim``) the app reads from the ledger.

- Basis ``dos`` ages from the date of service; ``submission`` from the last time the claim
  (or, for a replacement never sent itself, its original) went to a payer (HFMA ages billed
  A/R from the bill date; reference §12 "Aged A/R"). A claim never submitted (e.g. a
  secondary claim still in draft) has no age on that basis: it is shown in a separate
  "Not submitted" column, so the table still adds up to the ledger.
- Grouping ``payer`` puts a claim's insurance A/R (1100) on its payer's row and its patient
  A/R (1200) on one "Patient responsibility" row, because the patient, not the payer, owes
  it. Grouping ``provider`` / ``practice`` keeps both on the claim's row, split in columns.
- A cell counts the claims that put a non-zero amount in it; a row or the total counts each
  claim once. Credit balances (negative) are kept: the table must equal the ledger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from bhbilling.domain.receivables.aging import BUCKETS, age_in_days, bucket_for

__all__ = ["NOT_SUBMITTED", "PATIENT_ROW", "AgingCell", "AgingRow", "AgingTable", "Basis",
           "CellClaim", "GroupBy", "OpenClaim", "aging_table", "cell_claims", "column_keys",
           "column_of", "parse_row", "portions", "row_token"]

ZERO = Decimal("0.00")
PATIENT_ROW = "patient"  # row key of patient A/R when grouped by payer
NOT_SUBMITTED = "not_submitted"  # column key of claims never submitted (basis submission)


class Basis(StrEnum):
    DOS = "dos"
    SUBMISSION = "submission"


class GroupBy(StrEnum):
    PAYER = "payer"
    PROVIDER = "provider"
    PRACTICE = "practice"


@dataclass(frozen=True, slots=True)
class OpenClaim:
    """A claim with an open balance: what it owes and the dates it is aged from."""

    claim_id: int
    control_number: str
    practice_id: int
    payer_id: int | None
    provider_id: int
    state: str
    service_date: dt.date
    submitted_on: dt.date | None
    insurance: Decimal
    patient: Decimal

    def since(self, basis: Basis) -> dt.date | None:
        return self.service_date if basis is Basis.DOS else self.submitted_on


def column_keys(basis: Basis) -> tuple[str, ...]:
    """The table's columns: the five buckets, plus "Not submitted" on the submission basis."""
    keys = tuple(b.key for b in BUCKETS)
    return (*keys, NOT_SUBMITTED) if basis is Basis.SUBMISSION else keys


def column_of(claim: OpenClaim, basis: Basis, as_of: dt.date) -> str:
    since = claim.since(basis)
    if since is None:
        return NOT_SUBMITTED
    return bucket_for(age_in_days(since, as_of)).key


def portions(claim: OpenClaim, group: GroupBy) -> Iterator[tuple[int | str | None, Decimal, Decimal]]:
    """(row key, insurance, patient) pieces of a claim's balance under ``group``."""
    if group is GroupBy.PAYER:
        if claim.insurance:
            yield claim.payer_id, claim.insurance, ZERO
        if claim.patient:
            yield PATIENT_ROW, ZERO, claim.patient
        return
    key = claim.provider_id if group is GroupBy.PROVIDER else claim.practice_id
    yield key, claim.insurance, claim.patient


@dataclass(slots=True)
class AgingCell:
    insurance: Decimal = ZERO
    patient: Decimal = ZERO
    claim_ids: set[int] = field(default_factory=set)

    @property
    def amount(self) -> Decimal:
        return self.insurance + self.patient

    @property
    def claims(self) -> int:
        return len(self.claim_ids)

    def add(self, claim_id: int, insurance: Decimal, patient: Decimal) -> None:
        self.insurance += insurance
        self.patient += patient
        self.claim_ids.add(claim_id)


@dataclass(slots=True)
class AgingRow:
    key: int | str | None
    cells: dict[str, AgingCell]
    total: AgingCell = field(default_factory=AgingCell)


@dataclass(slots=True)
class AgingTable:
    basis: Basis
    group: GroupBy
    as_of: dt.date
    columns: tuple[str, ...]
    rows: list[AgingRow]
    totals: AgingRow


def _row(key: int | str | None, columns: tuple[str, ...]) -> AgingRow:
    return AgingRow(key, {c: AgingCell() for c in columns})


def aging_table(claims: Iterable[OpenClaim], *, basis: Basis, group: GroupBy,
                as_of: dt.date) -> AgingTable:
    """Rows in first-seen order of their key (the caller sorts by label); totals last."""
    columns = column_keys(basis)
    rows: dict[int | str | None, AgingRow] = {}
    totals = _row(None, columns)
    for claim in claims:
        col = column_of(claim, basis, as_of)
        for key, insurance, patient in portions(claim, group):
            row = rows.get(key)
            if row is None:
                row = rows[key] = _row(key, columns)
            for target in (row.cells[col], row.total, totals.cells[col], totals.total):
                target.add(claim.claim_id, insurance, patient)
    return AgingTable(basis, group, as_of, columns, list(rows.values()), totals)


@dataclass(frozen=True, slots=True)
class CellClaim:
    """One claim behind a cell and the part of its balance the cell counts."""

    claim: OpenClaim
    insurance: Decimal
    patient: Decimal

    @property
    def amount(self) -> Decimal:
        return self.insurance + self.patient


def cell_claims(claims: Iterable[OpenClaim], *, basis: Basis, group: GroupBy, as_of: dt.date,
                row_key: int | str | None, column: str | None) -> list[CellClaim]:
    """The claims behind one cell (``column`` None: the whole row), oldest first then largest;
    their amounts add up to the cell exactly (the same rule fills both)."""
    out = []
    for claim in claims:
        if column is not None and column_of(claim, basis, as_of) != column:
            continue
        for key, insurance, patient in portions(claim, group):
            if key == row_key:
                out.append(CellClaim(claim, insurance, patient))
    out.sort(key=lambda c: (c.claim.since(basis) or as_of, -c.amount, c.claim.claim_id))
    return out


NO_KEY = "none"


def row_token(key: int | str | None) -> str:
    """A row key as text for links and the API: an id, "patient", or "none" (no payer)."""
    return NO_KEY if key is None else str(key)


def parse_row(token: str) -> int | str | None:
    """The row key a ``row_token`` stands for; ValueError names what is expected."""
    token = (token or "").strip()
    if token == NO_KEY:
        return None
    if token == PATIENT_ROW:
        return PATIENT_ROW
    if token.isdigit():
        return int(token)
    raise ValueError(f"row: expected an id, '{PATIENT_ROW}' or '{NO_KEY}', got {token[:20]!r}")
