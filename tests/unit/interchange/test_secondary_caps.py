"""A secondary claim's lines take 835 credits only up to their open insurance balance:
paid first, then the patient's share, then the other adjustments (remittance_entries)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from bhbilling.interchange.remittance_entries import claim_entry
from bhbilling.x12.remit835 import read_835
from tests.unit.x12.remit835.make835 import ClaimSpec, LineSpec, RemitSpec, write_835

D = Decimal
ON = dt.date(2026, 7, 16)


def _payment(paid: str, adjustments, status: str = "2"):
    spec = ClaimSpec("P1-S9-2", "-140" if status == "22" else "140", paid, status=status,
                     lines=[LineSpec("90834", "-140" if status == "22" else "140", paid, adjustments,
                                     control="L1")])
    other = ClaimSpec("P1-S10", "100", "100", lines=[LineSpec("90834", "100", "100", control="L9")])
    [rem] = read_835(io.BytesIO(write_835([RemitSpec([spec, other])])))
    return rem.claims[0]


def _moves(entry):
    return sorted((p.account_code, p.debit, p.credit) for p in entry.postings)


def test_a_secondary_that_readjudicates_the_whole_charge_takes_only_the_balance_moved_to_it():
    # the primary paid 0 (deductible) after its own CO-45 of 39.20: 100.80 moved to the secondary;
    # the secondary allows 92.40, all to the patient again, and adjusts 47.60 by its own contract
    cp = _payment("0", [("CO", "45", "47.60"), ("PR", "1", "92.40")])
    capped = claim_entry(cp, ["L1"], key="era:x", on=ON, memo="m", open_balances={"L1": D("100.80")})
    assert _moves(capped) == [("1100", D("0"), D("8.40")), ("1100", D("0"), D("92.40")),
                              ("1200", D("92.40"), D("0")), ("4100", D("8.40"), D("0"))]
    uncapped = claim_entry(cp, ["L1"], key="era:x", on=ON, memo="m")  # a primary claim: as sent
    assert ("4100", D("47.60"), D("0")) in _moves(uncapped)


def test_payment_is_never_capped_and_nothing_more_is_taken_once_the_balance_is_used():
    cp = _payment("110", [("CO", "45", "30")])
    entry = claim_entry(cp, ["L1"], key="era:y", on=ON, memo="m", open_balances={"L1": D("100")})
    assert _moves(entry) == [("1000", D("110"), D("0")), ("1100", D("0"), D("110"))]


def test_a_reversal_is_posted_as_sent():
    cp = _payment("-40", [("CO", "45", "-60")], status="22")
    entry = claim_entry(cp, ["L1"], key="era:z", on=ON, memo="m", open_balances={"L1": D("0")})
    assert ("4100", D("0"), D("60")) in _moves(entry) and ("1000", D("0"), D("40")) in _moves(entry)
