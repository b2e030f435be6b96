"""Domain ring: the JSON form of a summary (for `eligibility show --json` and the API)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D

from bhbilling.domain.eligibility import (
    Accumulator,
    BenefitSummary,
    NetworkCosts,
    OtherPayer,
    VisitLimit,
    explain_rejection,
    summary_to_dict,
)


def test_summary_to_dict_is_json_ready_and_exact():
    summary = BenefitSummary(
        dt.date(2026, 3, 9), "subscriber", member_name="ANA RIVERA", status="active", active=True,
        coverage_start=dt.date(2026, 1, 1), sources=(("in_network.copay", "A6"),),
        in_network=NetworkCosts(D("20.00"), D("0.2"), Accumulator(D("500"), D("0"), "calendar year", "IND")),
        visit_limit=VisitLimit(20, 6, 14, "service year"),
        other_payers=(OtherPayer("MINDWELL", "payer", "MW1", "PI", "8005550177", ("MH",), True),),
        rejections=(explain_rejection("2110C", "MA", "C"),))
    data = json.loads(json.dumps(summary_to_dict(summary)))
    assert data["checked_on"] == "2026-03-09" and data["coverage_start"] == "2026-01-01"
    assert data["in_network"]["copay"] == "20.00" and data["in_network"]["coinsurance"] == "0.2"
    assert data["in_network"]["deductible"] == {"amount": "500", "remaining": "0", "period": "calendar year",
                                                "coverage_level": "IND", "met": True}
    assert data["out_of_network"] == {"copay": None, "coinsurance": None, "deductible": None,
                                      "out_of_pocket": None}
    assert data["visit_limit"] == {"limit": 20, "used": 6, "remaining": 14, "period": "service year"}
    assert data["sources"] == {"in_network.copay": "A6"}
    assert data["carve_out"]["name"] == "MINDWELL" and data["carve_out"]["service_types"] == ["MH"]
    assert data["rejections"][0]["action"] == "an authorization is needed: request one before the session"
