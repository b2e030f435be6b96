"""Account kinds and a practice's standard chart of accounts, as data.

Model:
- Every account has a kind; the kind fixes its normal balance side. Assets, expenses and
  contra-income accounts grow with debits; liabilities, equity and income grow with
  credits. Reports show balances on the normal side so A/R reads positive.
- Gross charges are booked at the practice's full fee (income 4000). What payers will not
  pay under contract is a contractual adjustment (835 CAS group CO, usually CARC 45),
  booked to the contra-income account 4100 so gross and net revenue stay visible.
- Insurance and patient A/R are separate because they age, are worked and are reported
  separately: only the patient responsibility (CAS group PR) moves to 1200.
- Codes are four-digit strings; practices may add accounts but the standard ones below
  are what posting rules target.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType

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
    "Side",
]


class Side(Enum):
    """The two columns of a double-entry posting."""

    DEBIT = "debit"
    CREDIT = "credit"


class AccountKind(Enum):
    """What an account represents; fixes which side increases it."""

    ASSET = "asset"
    LIABILITY = "liability"
    INCOME = "income"
    CONTRA_INCOME = "contra_income"
    EXPENSE = "expense"
    EQUITY = "equity"

    @property
    def normal_balance(self) -> Side:
        """The side that increases this kind of account."""
        if self in (AccountKind.ASSET, AccountKind.EXPENSE, AccountKind.CONTRA_INCOME):
            return Side.DEBIT
        return Side.CREDIT

    @property
    def label(self) -> str:
        return self.value.replace("_", "-").capitalize()


@dataclass(frozen=True, slots=True)
class Account:
    """One account of the chart."""

    code: str
    name: str
    kind: AccountKind
    description: str = ""

    def __post_init__(self) -> None:
        if not (self.code.isascii() and self.code.isdigit()):
            raise ValueError(f"account code must be digits, got {self.code!r}")


CASH_CLEARING = "1000"
INSURANCE_AR = "1100"
PATIENT_AR = "1200"
UNAPPLIED_PAYMENTS = "2100"
RECOUPMENTS_PAYABLE = "2200"
GROSS_CHARGES = "4000"
CONTRACTUAL_ADJUSTMENTS = "4100"
OTHER_ADJUSTMENTS = "4200"
BAD_DEBT = "4300"
INTEREST_INCOME = "4400"

STANDARD_ACCOUNTS: tuple[Account, ...] = (
    Account(
        CASH_CLEARING, "Cash / deposits clearing", AccountKind.ASSET,
        "Payments received (835 BPR, patient payments) until matched to the bank deposit.",
    ),
    Account(
        INSURANCE_AR, "Insurance A/R", AccountKind.ASSET,
        "Charges billed to payers and not yet paid, adjusted or moved to the patient.",
    ),
    Account(
        PATIENT_AR, "Patient A/R", AccountKind.ASSET,
        "Patient responsibility (835 CAS group PR: deductible, coinsurance, copay) and "
        "self-pay charges.",
    ),
    Account(
        UNAPPLIED_PAYMENTS, "Unapplied payments / patient credit", AccountKind.LIABILITY,
        "Money received but not yet applied to a charge, and patient overpayments owed "
        "back as a credit or refund.",
    ),
    Account(
        RECOUPMENTS_PAYABLE, "Payer recoupments payable", AccountKind.LIABILITY,
        "Overpayments a payer will take back (835 PLB WO/FB offsets) before they are "
        "netted from a later remittance.",
    ),
    Account(
        GROSS_CHARGES, "Gross charges", AccountKind.INCOME,
        "Every billed service at the practice's full fee schedule.",
    ),
    Account(
        CONTRACTUAL_ADJUSTMENTS, "Contractual adjustments", AccountKind.CONTRA_INCOME,
        "Amounts the payer contract says are not owed (835 CAS group CO, e.g. CARC 45).",
    ),
    Account(
        OTHER_ADJUSTMENTS, "Other adjustments / write-offs", AccountKind.CONTRA_INCOME,
        "Administrative write-offs: timely filing, small balances, courtesy discounts.",
    ),
    # Under ASC 606 most uncollectible patient balances are implicit price concessions, so
    # bad debt is kept in the contra-income range rather than as an operating expense.
    Account(
        BAD_DEBT, "Bad debt", AccountKind.CONTRA_INCOME,
        "Patient balances written off as uncollectible (sent to collections).",
    ),
    Account(
        INTEREST_INCOME, "Interest income", AccountKind.INCOME,
        "Prompt-pay interest paid by payers on late claims (835 2100 AMT*I, PLB L6).",
    ),
)

ACCOUNTS_BY_CODE = MappingProxyType({account.code: account for account in STANDARD_ACCOUNTS})
