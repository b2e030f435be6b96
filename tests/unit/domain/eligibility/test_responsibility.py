"""Domain ring: expected patient responsibility for one session, rule by rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from bhbilling.domain.eligibility import (
    Accumulator,
    BenefitSummary,
    NetworkCosts,
    expected_responsibility,
)

ON = dt.date(2026, 3, 9)
NONE = NetworkCosts()


def _plan(in_network: NetworkCosts, out: NetworkCosts = NONE, active: bool | None = True):
    return BenefitSummary(ON, "subscriber", active=active, in_network=in_network, out_of_network=out)


def _ded(remaining: str | None, amount: str | None = "1000") -> Accumulator:
    return Accumulator(D(amount) if amount else None, D(remaining) if remaining is not None else None)


@pytest.mark.parametrize(("costs", "fee", "owed"), [
    (NetworkCosts(copay=D("25")), "150", "25.00"),  # copay only
    (NetworkCosts(copay=D("25")), "20", "20.00"),  # a copay never exceeds the fee
    (NetworkCosts(coinsurance=D("0.2")), "150", "30.00"),  # coinsurance x allowed
    (NetworkCosts(coinsurance=D("0.2"), deductible=_ded("100")), "150", "110.00"),  # 100 + 20% of 50
    (NetworkCosts(copay=D("25"), deductible=_ded("100")), "150", "125.00"),  # 100 + copay
    (NetworkCosts(copay=D("25"), deductible=_ded("500")), "150", "150.00"),  # all to the deductible
    (NetworkCosts(copay=D("25"), deductible=_ded("0")), "150", "25.00"),  # deductible met
    (NetworkCosts(coinsurance=D("0.2"), deductible=_ded(None, "80")), "150", "94.00"),  # none met yet
    (NetworkCosts(coinsurance=D("0.5"), out_of_pocket=_ded("40", "3000")), "150", "40.00"),  # OOP cap
    (NetworkCosts(copay=D("25"), out_of_pocket=_ded("0", "3000")), "150", "0.00"),  # OOP met
    (NetworkCosts(), "150", "0.00"),  # covered, no cost sharing reported
    (NetworkCosts(coinsurance=D("0.15")), "133.33", "20.00"),  # 19.9995 rounds half up
])
def test_arithmetic(costs, fee, owed):
    assert expected_responsibility(_plan(costs), D(fee)) == D(owed)


def test_out_of_network_side():
    summary = _plan(NetworkCosts(copay=D("20")), NetworkCosts(coinsurance=D("0.4")))
    assert expected_responsibility(summary, D("200"), in_network=False) == D("80.00")
    assert expected_responsibility(summary, D("200")) == D("20.00")


@pytest.mark.parametrize("active", [False, None])
def test_not_confirmed_active_means_the_whole_fee(active):
    assert expected_responsibility(_plan(NetworkCosts(copay=D("5")), active=active), "99.50") == D("99.50")


def test_bad_fees_are_refused():
    with pytest.raises(TypeError):
        expected_responsibility(_plan(NetworkCosts()), 150.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="negative"):
        expected_responsibility(_plan(NetworkCosts()), D("-1"))
