"""`explain`: the EOB view as plain JSON-ready data (strings, lists, dicts, booleans).

Ring: x12 (pure, reads reference code lists).
"""

from __future__ import annotations

import json

from bhbilling.x12.remit835 import explain, read_835
from tests.unit.x12.remit835.make835 import ClaimSpec, LineSpec, RemitSpec, simple_claim, write_835


def _leaves(node: object) -> list[object]:
    if isinstance(node, dict):
        return [leaf for value in node.values() for leaf in _leaves(value)]
    if isinstance(node, list):
        return [leaf for value in node for leaf in _leaves(value)]
    return [node]


def _remit(spec: RemitSpec):
    return next(read_835(write_835([spec]), file_name="era.835"))


def test_a_balanced_remittance_explained() -> None:
    odd = LineSpec("90834", "100", "100", [("CO", "Z99", "0")])  # a CARC we do not know
    spec = RemitSpec([simple_claim("A1"), ClaimSpec("A2", "100", "100", lines=[odd])],
                     plb=[("L6", "", "-1.5")])
    data = explain(_remit(spec))
    assert all(isinstance(leaf, str | bool) for leaf in _leaves(data))
    assert json.loads(json.dumps(data)) == data
    assert data["balanced"] is True and data["differences"] == []
    assert data["payment"] == {"amount": "241.50", "handling": "I", "credit_debit": "C",
                               "method": "CHK", "method_text": "check", "date": "2026-06-01",
                               "trace_number": "EFT0001", "payer_trace_id": "1512345678"}
    assert data["totals"] == {"claims_charged": "300.00", "claims_paid": "240.00",
                              "provider_adjustments": "-1.50", "payment": "241.50"}
    claim = data["claims"][0]
    assert (claim["patient_control_number"], claim["status_text"]) == ("A1", "Processed as Primary")
    assert (claim["charge"], claim["paid"], claim["patient_responsibility"]) == (
        "200.00", "140.00", "20.00")
    assert claim["adjustments_by_group"] == {"CO": "40.00", "PR": "20.00"}
    assert claim["patient"] == {"name": "DOE, JANE", "id_qualifier": "MI", "id": "W123456789"}
    line = claim["lines"][0]
    assert (line["code"], line["modifiers"], line["date"], line["allowed"], line["control_number"]) == (
        "90837", ["95"], "2026-05-15", "160.00", "A1-1")
    assert line["adjustments"][1]["reason_text"] == "Coinsurance Amount"
    assert line["adjustments"][1]["group_name"] == "Patient Responsibility"
    assert line["remarks"][0]["code"] == "N130" and line["remarks"][0]["text"]
    unknown = data["claims"][1]["lines"][0]["adjustments"][0]
    assert (unknown["reason"], unknown["reason_text"]) == ("Z99", "")
    assert data["provider_adjustments"] == [{"reason": "L6", "reference": "", "amount": "-1.50",
                                             "provider_id": "1234567893",
                                             "fiscal_period_date": "2026-12-31"}]


def test_an_unbalanced_remittance_shows_each_difference() -> None:
    spec = RemitSpec([simple_claim("A1")], payment="150")  # claims paid 140
    data = explain(_remit(spec))
    assert data["balanced"] is False
    assert data["differences"] == [{"rule": "payment", "location": "transaction (segment 4)",
                                    "element": "BPR02", "stated": "150.00", "expected": "140.00",
                                    "difference": "10.00"}]


def test_reversal_and_crossover_flags() -> None:
    reversal = ClaimSpec("R1", "-100", "-100", status="22", lines=[LineSpec("90834", "-100", "-100")])
    spec = RemitSpec([reversal, simple_claim("C1", status="19", crossover_carrier="STATE MEDICAID")],
                     payment="40")
    claims = explain(_remit(spec))["claims"]
    assert (claims[0]["reversal"], claims[0]["paid"], claims[0]["status_text"]) == (
        True, "-100.00", "Reversal of Previous Payment")
    assert (claims[1]["crossover"], claims[1]["crossover_carrier"]) == (True, "STATE MEDICAID")
