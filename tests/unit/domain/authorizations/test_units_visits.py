"""Domain ring: units from minutes, code groups, and visit limits across providers."""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.domain.authorizations import (
    Authorization,
    Frequency,
    UnitType,
    Visit,
    benefit_year,
    count_visits,
    expand_codes,
    units_for,
)


@pytest.mark.parametrize(("minutes", "units"), [
    (0, 0), (7, 0), (8, 1), (22, 1), (23, 2), (37, 2), (38, 3), (52, 3), (53, 4), (67, 4), (68, 5),
])
def test_fifteen_minute_units_follow_the_eight_minute_rule(minutes, units):
    assert units_for(UnitType.MINUTES_15, minutes) == units


def test_visit_and_day_units():
    assert units_for(UnitType.VISIT) == 1 and units_for(UnitType.DAY, 240) == 1
    with pytest.raises(ValueError):
        units_for(UnitType.MINUTES_15)


def test_code_groups():
    assert expand_codes(["group:family_psychotherapy", "90791"]) == {"90846", "90847", "90791"}
    with pytest.raises(ValueError, match="unknown code group"):
        expand_codes(["group:nope"])


def test_model_checks():
    jan, feb = dt.date(2026, 1, 1), dt.date(2026, 2, 1)
    with pytest.raises(ValueError):
        Authorization("P", "", frozenset({"90837"}), 1, UnitType.VISIT, jan, feb)
    with pytest.raises(ValueError):
        Authorization("P", "A", frozenset({"90837"}), 1, UnitType.VISIT, feb, jan)
    with pytest.raises(ValueError):
        Frequency(1, "fortnight")
    assert Frequency(2, "month").period_of(dt.date(2026, 3, 9)) == (2026, 3)


def test_benefit_year():
    d = dt.date
    assert benefit_year(d(2020, 1, 1), d(2026, 3, 9)) == (d(2026, 1, 1), d(2026, 12, 31))
    assert benefit_year(d(2019, 7, 1), d(2026, 3, 9)) == (d(2025, 7, 1), d(2026, 6, 30))
    assert benefit_year(d(2024, 2, 29), d(2026, 3, 1)) == (d(2026, 2, 28), d(2027, 2, 27))


def test_visits_count_across_providers_of_the_practice():
    visits = [
        Visit(dt.date(2026, 6, 2), "dr-a", "billed"),
        Visit(dt.date(2026, 6, 2), "dr-a", "completed"),  # second code of the same session
        Visit(dt.date(2026, 6, 2), "dr-b", "billed"),  # another clinician the same day
        Visit(dt.date(2026, 7, 7), "dr-b", "completed"),
        Visit(dt.date(2026, 7, 14), "dr-c", "cancelled"),
        Visit(dt.date(2026, 7, 21), "dr-a", "voided"),
        Visit(dt.date(2026, 8, 4), "dr-a", "scheduled"),
        Visit(dt.date(2026, 6, 2), "dr-a", "scheduled"),  # already billed: counted once
        Visit(dt.date(2025, 6, 30), "dr-a", "billed"),  # the previous benefit year
    ]
    count = count_visits(visits, benefit_year_start=dt.date(2020, 7, 1), on=dt.date(2026, 6, 25), limit=20)
    assert (count.year_start, count.year_end) == (dt.date(2025, 7, 1), dt.date(2026, 6, 30))
    assert (count.used, count.scheduled, count.remaining) == (2, 0, 18)
    calendar = count_visits(visits, benefit_year_start=dt.date(2026, 1, 1), on=dt.date(2026, 7, 25), limit=5)
    assert (calendar.used, calendar.scheduled, calendar.remaining) == (3, 1, 1)
    assert calendar.by_provider == (("dr-a", 2), ("dr-b", 2))
    assert count_visits([], benefit_year_start=dt.date(2026, 1, 1), on=dt.date(2026, 1, 2)).remaining is None
    with pytest.raises(ValueError):
        Visit(dt.date(2026, 1, 1), "dr-a", "maybe")
