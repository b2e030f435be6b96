"""Ledger repository: stores domain journal entries and reads balances back by SQL.

Model:
- ``post_entry`` writes an entry and all its lines in one transaction. It is idempotent by
  ``entry_key`` within a practice: posting the same key again returns the stored entry and
  writes nothing (an 835 re-run is safe); the same key with different content raises
  ``EntryKeyConflict``, because two different facts must never share a key.
- The entry is checked with the domain rules against the practice's chart before writing;
  on PostgreSQL a deferred trigger re-checks the balance at commit (migration 0002).
- ``Posting.claim_line_ref`` is the claim line's control number (837P 2400 REF*6R, echoed in
  835 2110 REF*6R) and is looked up among the lines of the ``claim`` passed in.
- Balances use debit-positive signs like ``domain.ledger.balances``: across all accounts of a
  practice they sum to zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from bhbilling.app import models as m
from bhbilling.domain import ledger as domain
from bhbilling.kernel.errors import BhBillingError, TenantScopeError, UnbalancedEntry
from bhbilling.kernel.findings import Finding
from bhbilling.kernel.money import ZERO, quantize_cents

__all__ = [
    "EntryKeyConflict",
    "EntryRejected",
    "EntryToPost",
    "account_balances",
    "as_domain",
    "ensure_chart_of_accounts",
    "post_entries",
    "post_entry",
]


class EntryKeyConflict(BhBillingError):
    """An entry key already names a stored entry with different content."""


class EntryRejected(BhBillingError, ValueError):
    """The entry cannot be stored (unknown account, unknown claim line or reversed entry)."""

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


def ensure_chart_of_accounts(practice: m.Practice | int) -> dict[str, m.LedgerAccount]:
    """The practice's accounts by code, creating any missing standard account."""
    practice_id = practice if isinstance(practice, int) else practice.pk
    existing = {a.code: a for a in m.LedgerAccount.unscoped.filter(practice_id=practice_id)}
    missing = [
        m.LedgerAccount(practice_id=practice_id, code=a.code, name=a.name, kind=a.kind.value)
        for a in domain.STANDARD_ACCOUNTS if a.code not in existing
    ]
    if missing:
        # ignore_conflicts: a concurrent first posting may create the same accounts.
        m.LedgerAccount.unscoped.bulk_create(missing, ignore_conflicts=True)
        existing = {a.code: a for a in m.LedgerAccount.unscoped.filter(practice_id=practice_id)}
    return existing


def as_domain(entry: m.JournalEntry) -> domain.JournalEntry:
    """The stored entry as a domain value (used for idempotency checks and reports)."""
    lines = (m.JournalLine.unscoped.filter(entry=entry)  # no tenant scope needed here
             .select_related("account", "claim_line").order_by("id"))
    return domain.JournalEntry(
        entry.entry_key,
        entry.effective_date,
        entry.memo,
        tuple(
            domain.Posting(line.account.code, line.debit, line.credit,
                           line.claim_line.line_control_number if line.claim_line else None)
            for line in lines
        ),
        entry.reverses.entry_key if entry.reverses_id else None,
    )


def _same_content(stored: m.JournalEntry, entry: domain.JournalEntry, claim_id, patient_id) -> bool:
    def lines(e: domain.JournalEntry) -> list[tuple]:
        return sorted((p.account_code, p.debit, p.credit, p.claim_line_ref or "")
                      for p in e.postings)

    mine = as_domain(stored)
    return (
        mine.effective_date == entry.effective_date and mine.memo == entry.memo
        and mine.reverses == entry.reverses and lines(mine) == lines(entry)
        and stored.claim_id == claim_id and stored.patient_id == patient_id
    )


def _existing(practice_id: int, entry: domain.JournalEntry, claim_id, patient_id):
    stored = m.JournalEntry.unscoped.filter(practice_id=practice_id,
                                            entry_key=entry.entry_key).first()
    if stored is not None and not _same_content(stored, entry, claim_id, patient_id):
        raise EntryKeyConflict(
            f"entry key {entry.entry_key!r} is already posted with different content")
    return stored


def _claim_lines(claim: m.Claim | None, entry: domain.JournalEntry,
                 other_claims: Sequence[m.Claim] = ()) -> dict[str, m.ClaimLine]:
    refs = {p.claim_line_ref for p in entry.postings if p.claim_line_ref}
    if not refs:
        return {}
    if claim is None:
        raise EntryRejected(f"entry {entry.entry_key}: postings name claim lines but no claim "
                            "was given")
    ids = [claim.pk, *(c.pk for c in other_claims)]
    found = {line.line_control_number: line for line in
             m.ClaimLine.unscoped.filter(claim_id__in=ids, line_control_number__in=refs)}
    unknown = sorted(refs - found.keys())
    if unknown:
        raise EntryRejected(f"entry {entry.entry_key}: claim {claim.pk} has no line with "
                            f"control number(s) {', '.join(unknown)}")
    return found


def _check(practice_id: int, entry: domain.JournalEntry, chart, claim, patient) -> None:
    for row, what in ((claim, "claim"), (patient, "patient")):
        if row is not None and row.practice_id != practice_id:
            raise TenantScopeError(f"the {what} belongs to another practice")
    findings = entry.check(accounts=chart)  # membership by code is all check() uses
    if not entry.is_balanced or len(entry.postings) < 2:
        raise UnbalancedEntry("; ".join(str(f) for f in findings), difference=entry.difference)
    if findings:
        raise EntryRejected("; ".join(str(f) for f in findings), findings)


def post_entry(
    practice_id: int,
    entry: domain.JournalEntry,
    *,
    claim: m.Claim | None = None,
    patient: m.Patient | None = None,
    posted_at: datetime | None = None,
    other_claims: Sequence[m.Claim] = (),
) -> m.JournalEntry:
    """Store ``entry`` and its lines atomically; a repeated key returns the stored entry.

    ``other_claims``: further claims (same practice) whose line control numbers postings
    may name, for an entry that moves a balance between claims (next payer, COB): each
    tagged line then counts for its own claim (``app.balances``).
    """
    claim_id = claim.pk if claim is not None else None
    patient_id = patient.pk if patient is not None else None
    stored = _existing(practice_id, entry, claim_id, patient_id)
    if stored is not None:
        return stored
    chart = ensure_chart_of_accounts(practice_id)
    _check(practice_id, entry, chart, claim, patient)
    for other in other_claims:
        if other.practice_id != practice_id:
            raise TenantScopeError("the other claim belongs to another practice")
    claim_lines = _claim_lines(claim, entry, other_claims)
    reverses = None
    if entry.reverses is not None:
        reverses = m.JournalEntry.unscoped.filter(practice_id=practice_id,
                                                  entry_key=entry.reverses).first()
        if reverses is None:
            raise EntryRejected(f"entry {entry.entry_key}: reverses unknown entry "
                                f"{entry.reverses!r}")
    try:
        with transaction.atomic():
            row = m.JournalEntry.unscoped.create(
                practice_id=practice_id, entry_key=entry.entry_key,
                effective_date=entry.effective_date, posted_at=posted_at or timezone.now(),
                memo=entry.memo, reverses=reverses, claim=claim, patient=patient,
            )
            m.JournalLine.unscoped.bulk_create([
                _line(practice_id, row, chart[p.account_code], p, claim_lines.get(p.claim_line_ref or ""))
                for p in entry.postings
            ])
    except IntegrityError:
        # A concurrent writer stored the same key first: same content is a no-op.
        stored = _existing(practice_id, entry, claim_id, patient_id)
        if stored is None:
            raise
        return stored
    return row


def _line(practice_id: int, entry: m.JournalEntry, account: m.LedgerAccount,
          posting: domain.Posting, claim_line: m.ClaimLine | None) -> m.JournalLine:
    """A stored line; its claim is the tagged claim line's claim, else the entry's claim."""
    return m.JournalLine(practice_id=practice_id, entry=entry, account=account,
                         debit=posting.debit, credit=posting.credit, claim_line=claim_line,
                         claim_id=claim_line.claim_id if claim_line is not None else entry.claim_id)


@dataclass(frozen=True, slots=True)
class EntryToPost:
    """One entry of a batch: the claim and patient it belongs to, and the claim's lines by
    REF*6R (already loaded by the caller, so resolving tags costs no query)."""

    entry: domain.JournalEntry
    claim: m.Claim | None = None
    patient: m.Patient | None = None
    lines_by_ref: Mapping[str, m.ClaimLine] = field(default_factory=dict)


def post_entries(practice_id: int, items: Sequence[EntryToPost]) -> list[m.JournalEntry]:
    """Store many entries with two bulk inserts (batch posting of an 835).

    Same rules as ``post_entry``: each entry is checked against the chart and must
    balance; a key already stored goes through ``post_entry`` (same content is a no-op,
    other content raises). Call inside the caller's transaction.
    """
    if not items:
        return []
    keys = [it.entry.entry_key for it in items]
    seen = set(m.JournalEntry.unscoped.filter(practice_id=practice_id, entry_key__in=keys)
               .values_list("entry_key", flat=True))
    chart = ensure_chart_of_accounts(practice_id)
    fresh = [it for it in items if it.entry.entry_key not in seen]
    now = timezone.now()
    for it in fresh:
        _check(practice_id, it.entry, chart, it.claim, it.patient)
        if it.entry.reverses is not None:
            raise EntryRejected(f"entry {it.entry.entry_key}: post reversals with post_entry")
        unknown = {p.claim_line_ref for p in it.entry.postings if p.claim_line_ref} - set(
            it.lines_by_ref)
        if unknown:
            raise EntryRejected(f"entry {it.entry.entry_key}: no claim line with control "
                                f"number(s) {', '.join(sorted(unknown))}")
    rows = m.JournalEntry.unscoped.bulk_create([
        m.JournalEntry(practice_id=practice_id, entry_key=it.entry.entry_key,
                       effective_date=it.entry.effective_date, posted_at=now, memo=it.entry.memo,
                       claim=it.claim, patient=it.patient) for it in fresh])
    m.JournalLine.unscoped.bulk_create([
        _line(practice_id, row, chart[p.account_code], p, it.lines_by_ref.get(p.claim_line_ref or ""))
        for row, it in zip(rows, fresh, strict=True) for p in it.entry.postings])
    stored = {row.entry_key: row for row in rows}
    return [stored.get(it.entry.entry_key) or post_entry(practice_id, it.entry, claim=it.claim,
                                                         patient=it.patient) for it in items]


def account_balances(practice_id: int) -> dict[str, Decimal]:
    """Trial balance by account code (debits minus credits), aggregated in SQL."""
    rows = (m.JournalLine.unscoped.filter(practice_id=practice_id)
            .values("account__code").annotate(debits=Sum("debit"), credits=Sum("credit"))
            .order_by("account__code"))
    return {
        row["account__code"]: quantize_cents((row["debits"] or ZERO) - (row["credits"] or ZERO))
        for row in rows
    }
