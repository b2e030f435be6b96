"""A/R aging buckets: 0-30, 31-60, 61-90, 91-120 and over 120 days (the industry's standard).

Age is counted in calendar days from the date of service or from the last submission to
``as_of``; day 30 is still in 0-30 and day 31 starts 31-60 (HFMA/MGMA aging reports use
these edges; reference §12 "Aged A/R"). One definition for the A/R screens, the reports and
the monthly client report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["BUCKETS", "Bucket", "age_in_days", "bucket_for"]


@dataclass(frozen=True, slots=True)
class Bucket:
    key: str
    label: str
    low: int  # first day in the bucket
    high: int | None  # last day, None for open-ended


BUCKETS: tuple[Bucket, ...] = (
    Bucket("0_30", "0-30", 0, 30),
    Bucket("31_60", "31-60", 31, 60),
    Bucket("61_90", "61-90", 61, 90),
    Bucket("91_120", "91-120", 91, 120),
    Bucket("120_plus", "120+", 121, None),
)


def age_in_days(since: dt.date, as_of: dt.date) -> int:
    """Calendar days from ``since`` to ``as_of``; a future date counts as 0."""
    return max((as_of - since).days, 0)


def bucket_for(age_days: int) -> Bucket:
    """The bucket an age in days falls in (negative ages count as 0)."""
    for bucket in BUCKETS:
        if bucket.high is None or age_days <= bucket.high:
            return bucket
    raise AssertionError("unreachable: the last bucket is open-ended")
