"""Double-entry journal entries: postings, balancing, reversal, trial balance.

Model:
- A `Posting` moves a whole-cent `Decimal` amount on one side (debit or credit) of one
  account, optionally tagged with the claim line it concerns so line-level A/R can be
  rebuilt from the journal.
- A `JournalEntry` is a frozen set of postings that must balance (debits == credits) and
  have at least two postings. `check()` reports problems as findings; `make_entry` is the
  constructor every writer uses, and raises `UnbalancedEntry` because an unbalanced entry
  is a bug, never data.
- History is append-only: a mistake is corrected by `reverse` (a new entry that swaps
  every debit and credit and names the entry it reverses), then a new correct entry.
- `balances` is the trial balance: per account, debits minus credits (debit positive).
  Across all accounts it always sums to zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from bhbilling.domain.ledger.accounts import Account
from bhbilling.kernel.errors import UnbalancedEntry
from bhbilling.kernel.findings import Finding
from bhbilling.kernel.money import ZERO, to_money

__all__ = [
    "JournalEntry",
    "Posting",
    "balances",
    "credit",
    "debit",
    "make_entry",
    "reverse",
]


def _amount(value: object, side: str) -> Decimal:
    if not isinstance(value, Decimal):
        raise TypeError(
            f"posting {side} must be a Decimal, got {type(value).__name__} {value!r}"
        )
    amount = to_money(value)  # refuses NaN, infinity and sub-cent digits
    if amount < 0:
        raise ValueError(f"posting {side} must not be negative, got {value}")
    return amount


@dataclass(frozen=True, slots=True)
class Posting:
    """One line of a journal entry: exactly one of `debit`/`credit` is positive."""

    account_code: str
    debit: Decimal
    credit: Decimal
    claim_line_ref: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.account_code, str) or not self.account_code.strip():
            raise ValueError(f"posting needs an account code, got {self.account_code!r}")
        object.__setattr__(self, "debit", _amount(self.debit, "debit"))
        object.__setattr__(self, "credit", _amount(self.credit, "credit"))
        if (self.debit > 0) == (self.credit > 0):
            raise ValueError(
                "a posting needs exactly one positive side, got "
                f"debit {self.debit} and credit {self.credit} on account {self.account_code}"
            )

    @property
    def net(self) -> Decimal:
        """Signed amount, debit positive."""
        return self.debit - self.credit

    def swapped(self) -> Posting:
        """The same amount on the opposite side: the building block of a reversal."""
        return Posting(self.account_code, self.credit, self.debit, self.claim_line_ref)


def debit(account_code: str, amount: Decimal, claim_line_ref: str | None = None) -> Posting:
    """A debit posting of `amount` to `account_code`."""
    return Posting(account_code, amount, ZERO, claim_line_ref)


def credit(account_code: str, amount: Decimal, claim_line_ref: str | None = None) -> Posting:
    """A credit posting of `amount` to `account_code`."""
    return Posting(account_code, ZERO, amount, claim_line_ref)


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """A dated, keyed, balanced group of postings.

    `entry_key` is the idempotency key (e.g. "835:<trace>:<claim>:<line>"): writing the same
    key twice must be a no-op in storage. `reverses` names the entry this one undoes.
    """

    entry_key: str
    effective_date: date
    memo: str
    postings: tuple[Posting, ...]
    reverses: str | None = None

    @property
    def total_debits(self) -> Decimal:
        return sum((p.debit for p in self.postings), ZERO)

    @property
    def total_credits(self) -> Decimal:
        return sum((p.credit for p in self.postings), ZERO)

    @property
    def difference(self) -> Decimal:
        """Debits minus credits; zero for a balanced entry."""
        return self.total_debits - self.total_credits

    @property
    def is_balanced(self) -> bool:
        return self.difference == 0

    def check(self, accounts: Mapping[str, Account] | None = None) -> list[Finding]:
        """Findings for everything wrong with this entry (empty when it is sound).

        With `accounts`, postings to codes outside that chart are reported too.
        """
        where = self.entry_key or "<no key>"
        findings: list[Finding] = []

        def add(code: str, message: str, expected: str | None = None) -> None:
            findings.append(
                Finding(code, f"entry {where}: {message}", "error", expected=expected)
            )

        if not self.entry_key or not self.entry_key.strip():
            add("LEDGER-NO-KEY", "has no entry key", "a unique, non-blank key")
        if isinstance(self.effective_date, datetime) or not isinstance(
            self.effective_date, date
        ):
            add("LEDGER-BAD-DATE", f"effective date {self.effective_date!r}", "a date")
        if len(self.postings) < 2:
            add(
                "LEDGER-TOO-FEW-POSTINGS",
                f"has {len(self.postings)} posting(s)",
                "at least 2 postings",
            )
        if not self.is_balanced:
            add(
                "LEDGER-UNBALANCED",
                f"debits {self.total_debits} != credits {self.total_credits} "
                f"(difference {self.difference})",
                "debits equal to credits",
            )
        if self.reverses is not None and self.reverses == self.entry_key:
            add("LEDGER-SELF-REVERSAL", "reverses itself", "the key of an earlier entry")
        if accounts is not None:
            for index, posting in enumerate(self.postings, start=1):
                if posting.account_code not in accounts:
                    add(
                        "LEDGER-UNKNOWN-ACCOUNT",
                        f"posting {index} uses unknown account {posting.account_code!r}",
                        "an account from the chart",
                    )
        return findings


def make_entry(
    entry_key: str,
    effective_date: date,
    memo: str,
    postings: Iterable[Posting],
    reverses: str | None = None,
) -> JournalEntry:
    """Build a journal entry, refusing any that would break the books.

    Raises `UnbalancedEntry` (with `.difference` = debits - credits) when the entry has
    fewer than two postings or does not balance, and ValueError for any other finding.
    """
    entry = JournalEntry(entry_key, effective_date, memo, tuple(postings), reverses)
    if len(entry.postings) < 2:
        raise UnbalancedEntry(
            f"entry {entry_key}: needs at least 2 postings, got {len(entry.postings)}",
            difference=entry.difference,
        )
    if not entry.is_balanced:
        raise UnbalancedEntry(
            f"entry {entry_key}: debits {entry.total_debits} != credits "
            f"{entry.total_credits}, difference {entry.difference}",
            difference=entry.difference,
        )
    problems = entry.check()
    if problems:
        raise ValueError("; ".join(str(problem) for problem in problems))
    return entry


def reverse(entry: JournalEntry, new_key: str, on: date, memo: str | None = None) -> JournalEntry:
    """The correcting entry that undoes `entry`, dated `on`.

    Every debit becomes a credit and vice versa, claim-line tags are kept, and `reverses`
    points at the original. The original is never edited.
    """
    return make_entry(
        new_key,
        on,
        memo if memo is not None else f"Reversal of {entry.entry_key}: {entry.memo}",
        (posting.swapped() for posting in entry.postings),
        reverses=entry.entry_key,
    )


def balances(entries: Iterable[JournalEntry]) -> dict[str, Decimal]:
    """Trial balance: account code -> debits minus credits over `entries`.

    Every account touched appears, even when it nets to zero.
    """
    totals: dict[str, Decimal] = {}
    for entry in entries:
        for posting in entry.postings:
            totals[posting.account_code] = totals.get(posting.account_code, ZERO) + posting.net
    return totals
