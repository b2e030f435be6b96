"""Write-off reasons, pure: which kind of write-off a request is and which account it hits.

Why kinds: a write-off is income the practice gives up, and auditors and owners need to
see why. Administrative write-offs (timely filing missed, small balances, courtesy,
non-covered services without a waiver) go to 4200 other adjustments; balances given up
as uncollectible (bad debt, sent to collections) go to 4300 bad debt, kept apart because
Medicare cost reports and ASC 606 implicit-price-concession analysis treat them
differently (reference §12 KPIs report them separately).

The kind is its own column (``WriteOff.kind``, migration 0013) beside the biller's words,
so reports can group write-offs by kind in SQL.
"""

from __future__ import annotations

from enum import Enum

from bhbilling.domain import ledger as dl

__all__ = ["WriteOffKind", "account_for"]


class WriteOffKind(Enum):
    ADMINISTRATIVE = "administrative"
    TIMELY_FILING = "timely_filing"
    SMALL_BALANCE = "small_balance"
    COURTESY = "courtesy"
    NON_COVERED = "non_covered"
    APPEAL_LOST = "appeal_lost"
    BAD_DEBT = "bad_debt"
    COLLECTIONS = "collections"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def is_bad_debt(self) -> bool:
        return self in (WriteOffKind.BAD_DEBT, WriteOffKind.COLLECTIONS)


_LABELS = {
    WriteOffKind.ADMINISTRATIVE: "Administrative",
    WriteOffKind.TIMELY_FILING: "Timely filing missed",
    WriteOffKind.SMALL_BALANCE: "Small balance",
    WriteOffKind.COURTESY: "Courtesy / hardship",
    WriteOffKind.NON_COVERED: "Non-covered, no waiver on file",
    WriteOffKind.APPEAL_LOST: "Appeal lost / not worth appealing",
    WriteOffKind.BAD_DEBT: "Bad debt (uncollectible)",
    WriteOffKind.COLLECTIONS: "Sent to collections",
}


def account_for(kind: WriteOffKind) -> str:
    """The contra-income account the write-off is debited to."""
    return dl.BAD_DEBT if kind.is_bad_debt else dl.OTHER_ADJUSTMENTS

