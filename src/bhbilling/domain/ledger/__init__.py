"""The practice's double-entry ledger, pure: accounts, entries, reversal, trial balance.

See `accounts` for the standard chart and `entries` for the balancing rules. Posting
plans (domain/posting) turn charges and 835 remittances into entries built here.
"""

from bhbilling.domain.ledger.accounts import (
    ACCOUNTS_BY_CODE,
    BAD_DEBT,
    CASH_CLEARING,
    CONTRACTUAL_ADJUSTMENTS,
    GROSS_CHARGES,
    INSURANCE_AR,
    INTEREST_INCOME,
    OTHER_ADJUSTMENTS,
    PATIENT_AR,
    RECOUPMENTS_PAYABLE,
    STANDARD_ACCOUNTS,
    UNAPPLIED_PAYMENTS,
    Account,
    AccountKind,
    Side,
)
from bhbilling.domain.ledger.entries import (
    JournalEntry,
    Posting,
    balances,
    credit,
    debit,
    make_entry,
    reverse,
)

__all__ = [
    "ACCOUNTS_BY_CODE",
    "BAD_DEBT",
    "CASH_CLEARING",
    "CONTRACTUAL_ADJUSTMENTS",
    "GROSS_CHARGES",
    "INSURANCE_AR",
    "INTEREST_INCOME",
    "OTHER_ADJUSTMENTS",
    "PATIENT_AR",
    "RECOUPMENTS_PAYABLE",
    "STANDARD_ACCOUNTS",
    "UNAPPLIED_PAYMENTS",
    "Account",
    "AccountKind",
    "JournalEntry",
    "Posting",
    "Side",
    "balances",
    "credit",
    "debit",
    "make_entry",
    "reverse",
]
