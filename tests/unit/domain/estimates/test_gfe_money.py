"""The 12-month period, itemized charges from the self-pay schedule, the $400 flag, coverage."""

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.domain.estimates import (
    EstimateError,
    ExpectedService,
    IssuedEstimate,
    MissingFee,
    PeriodTooLong,
    check_period,
    covering_issue_date,
    dispute_check,
    dispute_window_ends,
    estimate_total,
    max_period_end,
    price_services,
)

D = dt.date
FEES = {("90834", ()): Decimal("150.00"), ("90791", ()): Decimal("250.00"),
        ("90834", ("95",)): Decimal("140.00"), ("96127", ()): Decimal("10.00")}


@pytest.mark.parametrize(("start", "last"), [
    (D(2026, 1, 1), D(2026, 12, 31)),
    (D(2026, 3, 15), D(2027, 3, 14)),
    (D(2028, 2, 29), D(2029, 2, 28)),   # anniversary of Feb 29 in a common year: Mar 1
    (D(2027, 3, 1), D(2028, 2, 29)),    # ends on the leap day
])
def test_twelve_months_end_the_day_before_the_anniversary(start, last):
    assert max_period_end(start) == last
    check_period(start, last)
    with pytest.raises(PeriodTooLong, match="at most 12 months"):
        check_period(start, last + dt.timedelta(days=1))


def test_period_out_of_order_is_refused():
    with pytest.raises(EstimateError, match="period_end"):
        check_period(D(2026, 3, 2), D(2026, 3, 1))


def test_items_are_sessions_times_the_self_pay_fee():
    lines = price_services([ExpectedService("90791", (), 1), ExpectedService("90834", (), 52),
                            ExpectedService("96127", (), 4, Decimal(2))], FEES, lambda c: f"label {c}")
    assert [(x.code, x.fee, x.sessions, x.total) for x in lines] == [
        ("90791", Decimal("250.00"), 1, Decimal("250.00")),
        ("90834", Decimal("150.00"), 52, Decimal("7800.00")),
        ("96127", Decimal("10.00"), 4, Decimal("80.00"))]   # 10.00 x 2 units x 4
    assert estimate_total(lines) == Decimal("8130.00")
    assert lines[1].label == "label 90834"


def test_modifier_rate_first_then_the_code_rate():
    [telehealth, interpreter] = price_services(
        [ExpectedService("90834", ("95",), 10), ExpectedService("90834", ("U4",), 10)], FEES)
    assert (telehealth.fee, telehealth.total) == (Decimal("140.00"), Decimal("1400.00"))
    assert (interpreter.fee, interpreter.total) == (Decimal("150.00"), Decimal("1500.00"))


def test_a_code_with_no_self_pay_rate_is_named():
    with pytest.raises(MissingFee, match="code 90837: no self-pay rate") as exc:
        price_services([ExpectedService("90834", (), 5), ExpectedService("90837", (), 5)], FEES)
    assert exc.value.code == "90837"


@pytest.mark.parametrize("bad", [ExpectedService("90834", (), 0), ExpectedService("", (), 1)])
def test_bad_expected_services_are_refused(bad):
    with pytest.raises(EstimateError):
        price_services([bad], FEES)
    with pytest.raises(EstimateError, match="at least one"):
        price_services([], FEES)


def test_line_round_trips_through_its_json_shape():
    [line] = price_services([ExpectedService("90834", ("95",), 3)], FEES)
    assert type(line).from_dict(line.as_dict()) == line
    assert line.as_dict()["total"] == "420.00"


@pytest.mark.parametrize(("billed", "difference", "eligible"), [
    ("1399.99", "399.99", False),
    ("1400.00", "400.00", True),    # exactly $400 over counts
    ("1400.01", "400.01", True),
    ("950.00", "-50.00", False),
    ("1000.00", "0.00", False),
])
def test_dispute_threshold_edges(billed, difference, eligible):
    check = dispute_check(Decimal("1000.00"), Decimal(billed))
    assert check == (Decimal(difference), eligible)
    diff, flag = check
    assert (check.difference, check.eligible) == (diff, flag)


def test_dispute_window_is_120_calendar_days_from_the_initial_bill():
    assert dispute_window_ends(D(2026, 12, 1)) == D(2027, 3, 31)


def test_the_covering_estimate_is_the_newest_issued_on_or_before_the_service():
    year = IssuedEstimate(1, D(2026, 1, 5), D(2026, 1, 1), D(2026, 12, 31))
    replacement = IssuedEstimate(1, D(2026, 6, 1), D(2026, 6, 1), D(2027, 5, 31))
    late = IssuedEstimate(2, D(2026, 3, 10), D(2026, 3, 1), D(2026, 8, 31))
    rows = [year, replacement, late]
    assert covering_issue_date(rows, 1, D(2026, 3, 2)) == D(2026, 1, 5)
    assert covering_issue_date(rows, 1, D(2026, 7, 1)) == D(2026, 6, 1)
    assert covering_issue_date(rows, 1, D(2027, 2, 1)) == D(2026, 6, 1)
    assert covering_issue_date(rows, 1, D(2025, 12, 31)) is None       # before every period
    assert covering_issue_date(rows, 2, D(2026, 3, 2)) == D(2026, 3, 10)  # only one, issued late
    assert covering_issue_date(rows, 3, D(2026, 3, 2)) is None          # another provider
