"""The documented exception tree of bhbilling.

Model:
- Every error the project raises on purpose derives from `BhBillingError`, so an adapter
  (API, CLI, web) can catch the whole family in one place and show a clear message.
- Errors that are also plain bad values (`InvalidIdentifier`, `InvalidMoney`) subclass
  `ValueError` too, so generic callers that expect `ValueError` keep working.
- Rules report problems as `Finding` values; exceptions are for broken invariants (an
  unbalanced journal entry, a query outside the tenant) and for rejecting a whole input
  (`ImportRejected` carries the findings that caused it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bhbilling.kernel.findings import Finding

__all__ = [
    "BhBillingError",
    "ImportRejected",
    "InvalidIdentifier",
    "InvalidMoney",
    "TenantScopeError",
    "UnbalancedEntry",
]


class BhBillingError(Exception):
    """Base of every error bhbilling raises deliberately."""


class InvalidIdentifier(BhBillingError, ValueError):
    """An NPI, TIN or other identifier failed its format or check-digit rule."""


class InvalidMoney(BhBillingError, ValueError):
    """A money amount is not a finite value with at most two decimal places."""


class UnbalancedEntry(BhBillingError):
    """A journal entry whose debits and credits differ, or with fewer than two postings.

    Double-entry books must balance at every entry; an unbalanced entry is a bug in the
    code that built it, never a state to store.
    """

    def __init__(self, message: str, difference: object = None) -> None:
        super().__init__(message)
        self.difference = difference


class TenantScopeError(BhBillingError):
    """Data from one practice (tenant) was about to be read or written from another."""


class ImportRejected(BhBillingError):
    """An uploaded file was refused as a whole; `findings` says where and why."""

    def __init__(self, message: str, findings: Iterable[Finding] = ()) -> None:
        self.findings: list[Finding] = list(findings)
        super().__init__(message)

    def __str__(self) -> str:
        head = super().__str__()
        if not self.findings:
            return head
        lines = "\n".join(f"  - {f}" for f in self.findings)
        return f"{head} ({len(self.findings)} finding(s)):\n{lines}"
