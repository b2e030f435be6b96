"""Due dates, 45 CFR 149.610(b)(1)(vi): the scheduling/request day is day 0."""

import datetime as dt

import pytest

from bhbilling.domain.estimates import EstimateError, Trigger, deadline, due_date, lead_business_days

D = dt.date


@pytest.mark.parametrize(("scheduled", "service", "lead"), [
    (D(2026, 3, 2), D(2026, 3, 5), 3),     # Monday for Thursday: Tue, Wed, Thu
    (D(2026, 3, 4), D(2026, 3, 7), 2),     # Wednesday for Saturday: Thu, Fri
    (D(2026, 3, 7), D(2026, 3, 11), 3),    # Saturday for Wednesday: Mon, Tue, Wed
    (D(2026, 11, 25), D(2026, 11, 30), 2),  # Thanksgiving in between
    (D(2026, 3, 4), D(2026, 3, 4), 0),
])
def test_lead_counts_business_days_after_scheduling_up_to_the_service(scheduled, service, lead):
    assert lead_business_days(scheduled, service) == lead


@pytest.mark.parametrize(("scheduled", "service", "due", "paragraph"), [
    # Wed 2026-11-25, before Thanksgiving (Thu 26): business days after are 27, 30, 1, 2, ...
    (D(2026, 11, 25), D(2026, 11, 30), None, ""),            # 2 ahead: no deadline
    (D(2026, 11, 25), D(2026, 12, 1), D(2026, 11, 27), "(A)"),  # 3 ahead: 1 day -> Friday
    (D(2026, 11, 25), D(2026, 12, 9), D(2026, 11, 27), "(A)"),  # 9 ahead
    (D(2026, 11, 25), D(2026, 12, 10), D(2026, 12, 1), "(B)"),  # 10 ahead: 3 days -> Tue
    # Friday scheduling
    (D(2026, 3, 6), D(2026, 3, 10), None, ""),                # Mon, Tue: 2
    (D(2026, 3, 6), D(2026, 3, 11), D(2026, 3, 9), "(A)"),
    (D(2026, 3, 6), D(2026, 3, 20), D(2026, 3, 11), "(B)"),   # 10 business days: Mar 20
    (D(2026, 3, 6), D(2026, 3, 19), D(2026, 3, 9), "(A)"),    # 9
    # Christmas and New Year 2026/27
    (D(2026, 12, 24), D(2027, 1, 11), D(2026, 12, 30), "(B)"),  # 10: Dec 28..31, Jan 4..8, 11
    (D(2026, 12, 24), D(2027, 1, 8), D(2026, 12, 28), "(A)"),   # 9
    # Juneteenth (Fri 2026-06-19)
    (D(2026, 6, 18), D(2026, 6, 23), None, ""),               # Mon 22, Tue 23: 2
    (D(2026, 6, 18), D(2026, 6, 24), D(2026, 6, 22), "(A)"),
    # Monday holiday (Labor Day 2026-09-07)
    (D(2026, 9, 4), D(2026, 9, 10), D(2026, 9, 8), "(A)"),    # Tue 8, Wed 9, Thu 10
    (D(2026, 9, 4), D(2026, 9, 9), None, ""),
])
def test_scheduled_due_dates(scheduled, service, due, paragraph):
    rule = deadline(Trigger.SCHEDULED, scheduled, service)
    assert (rule.due_on, rule.paragraph) == (due, paragraph)
    assert due_date("scheduled", scheduled, service) == due


def test_no_deadline_says_why():
    rule = deadline("scheduled", D(2026, 11, 25), D(2026, 11, 30))
    assert rule.due_on is None and rule.business_days is None and rule.lead == 2
    assert "fewer than 3" in rule.reason and "no deadline" in rule.reason


@pytest.mark.parametrize(("asked", "due"), [
    (D(2026, 11, 25), D(2026, 12, 1)),
    (D(2026, 3, 6), D(2026, 3, 11)),
    (D(2026, 3, 8), D(2026, 3, 11)),   # asked on a Sunday: Mon, Tue, Wed
    (D(2026, 12, 30), D(2027, 1, 5)),
])
def test_request_is_due_in_three_business_days_whatever_the_service_date(asked, due):
    assert due_date(Trigger.REQUEST, asked, None) == due
    assert due_date(Trigger.REQUEST, asked, asked) == due


def test_scheduled_needs_a_service_date_on_or_after_scheduling():
    with pytest.raises(EstimateError, match="first_service_on"):
        deadline("scheduled", D(2026, 3, 2), None)
    with pytest.raises(EstimateError, match="on or after the scheduling date"):
        deadline("scheduled", D(2026, 3, 2), D(2026, 3, 1))
    with pytest.raises(ValueError):
        deadline("walk-in", D(2026, 3, 2), D(2026, 3, 9))


@pytest.mark.parametrize(("changed", "service", "due", "paragraph"), [
    (D(2026, 3, 2), D(2026, 3, 5), D(2026, 3, 3), "(A)"),        # ordinary Tue is earlier than Wed
    (D(2026, 3, 6), D(2026, 3, 20), D(2026, 3, 11), "(B)"),
    (D(2026, 11, 23), D(2026, 11, 30), D(2026, 11, 24), "(A)"),
    (D(2026, 11, 25), D(2026, 11, 30), D(2026, 11, 27), "(vii)"),  # 2 ahead: Friday before the Monday
    (D(2026, 11, 27), D(2026, 11, 30), D(2026, 11, 27), "(vii)"),  # changed on that Friday itself
    (D(2026, 11, 28), D(2026, 11, 30), D(2026, 11, 30), "(vii)"),  # changed later: on the day
    (D(2026, 11, 30), D(2026, 11, 30), D(2026, 11, 30), "(vii)"),
])
def test_a_replacement_is_due_one_business_day_before_the_service(changed, service, due, paragraph):
    rule = deadline("scheduled", changed, service, replaces=True)
    assert (rule.due_on, rule.paragraph) == (due, paragraph)


def test_business_day_before():
    from bhbilling.domain.estimates import business_day_before

    assert business_day_before(D(2026, 11, 27)) == D(2026, 11, 25)  # Thanksgiving skipped
    assert business_day_before(D(2026, 9, 8)) == D(2026, 9, 4)      # Labor Day and weekend
    assert business_day_before(D(2027, 1, 4)) == D(2026, 12, 31)
