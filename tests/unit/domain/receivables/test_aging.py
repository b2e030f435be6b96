"""Aging buckets at their edges: day 30 is 0-30, day 31 is 31-60, ... day 121 is 120+."""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.domain.receivables.aging import BUCKETS, age_in_days, bucket_for

AS_OF = dt.date(2026, 6, 30)


@pytest.mark.parametrize(("days", "key"), [
    (0, "0_30"), (30, "0_30"), (31, "31_60"), (60, "31_60"), (61, "61_90"), (90, "61_90"),
    (91, "91_120"), (120, "91_120"), (121, "120_plus"), (2000, "120_plus")])
def test_bucket_edges(days, key):
    assert bucket_for(days).key == key
    assert bucket_for(age_in_days(AS_OF - dt.timedelta(days=days), AS_OF)).key == key


def test_future_dates_and_negative_ages_count_as_zero():
    assert age_in_days(dt.date(2026, 7, 3), AS_OF) == 0
    assert bucket_for(-5).key == "0_30"


def test_buckets_cover_every_day_once():
    assert [b.label for b in BUCKETS] == ["0-30", "31-60", "61-90", "91-120", "120+"]
    for day in range(0, 400):
        assert sum(1 for b in BUCKETS if b.low <= day and (b.high is None or day <= b.high)) == 1
