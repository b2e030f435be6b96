"""After adjudication: delays, interest, reversal with correction, recoupment, forward
balance, voids and replacements -- across cycles, with the state file as memory.

Ring: simulator. Every 835 passes pyx12 with zero errors and balances.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

from bhbilling.simulator.state import SimulatorState
from tests.unit.simulator.builders import book_for, claim, file_837, line, run, subscriber
from tests.unit.simulator.remits import cas, claims_by_pcn, remittances

DAY1 = dt.date(2026, 3, 26)


def _plb(tmp: Path, summary) -> list[tuple[str, str, Decimal]]:
    return [(p.reason, p.reference, p.amount) for r in remittances(tmp,
                                                                   summary) for p in r.provider_adjustments]


def test_claims_wait_for_the_payers_delay(tmp_path: Path):
    c = claim("W1")
    book = book_for(c, rules={"CHP123": {"adjudication_delay_days": 14}})
    first = run(tmp_path, book, file_837(c))
    assert first.claims_pending == 1 and not [o for o in first.outputs if o.endswith(".835")]
    early = run(tmp_path, book, today=DAY1 + dt.timedelta(days=13))
    assert early.claims_adjudicated == 0
    due = run(tmp_path, book, today=DAY1 + dt.timedelta(days=14))
    assert due.claims_adjudicated == 1 and claims_by_pcn(tmp_path, due)["W1"][0].paid == Decimal("180.00")


def test_late_payment_earns_interest_in_amt_i_and_plb_l6(tmp_path: Path):
    c = claim("INT1")
    book = book_for(c, mix={"late_payment": "1", "late_days": 60})
    run(tmp_path, book, file_837(c))
    paid_day = DAY1 + dt.timedelta(days=60)
    summary = run(tmp_path, book, today=paid_day)
    payment, = claims_by_pcn(tmp_path, summary)["INT1"]
    # 180.00 x 12 % x (60 - 30 prompt-pay days) / 365 = 1.775... -> 1.78
    assert [(a.qualifier, a.amount) for a in payment.amounts] == [("I", Decimal("1.78"))]
    assert _plb(tmp_path, summary) == [("L6", payment.payer_claim_number, Decimal("-1.78"))]
    remit, = remittances(tmp_path, summary)
    assert remit.payment.amount == Decimal("181.78") and remit.payment.method == "ACH"
    assert summary.interest == Decimal("1.78")


def test_reversal_and_corrected_payment(tmp_path: Path):
    c = claim("REV1", line("90837", "250.00"))
    book = book_for(c, mix={"reversal": "1"})
    first = run(tmp_path, book, file_837(c))
    original, = claims_by_pcn(tmp_path, first)["REV1"]
    assert run(tmp_path, book, today=DAY1 + dt.timedelta(days=13)).reversals == 0
    later = run(tmp_path, book, today=DAY1 + dt.timedelta(days=14))
    reversal, correction = claims_by_pcn(tmp_path, later)["REV1"]
    assert reversal.status == "22" and reversal.payer_claim_number == original.payer_claim_number
    assert (reversal.charge, reversal.paid) == (-original.charge, -original.paid)
    assert correction.status == "1" and correction.payer_claim_number != original.payer_claim_number
    # allowed 200.40 x 1.05 = 210.42: the payer adds 10.02 (CO-45 shrinks by as much)
    assert correction.paid == original.paid + Decimal("10.02")
    assert cas(correction.lines[0]) == [("CO", "45", "39.58")]
    assert later.reversals == 1
    again = run(tmp_path, book, today=DAY1 + dt.timedelta(days=60))
    assert again.reversals == 0  # a correction is not corrected again
    state = SimulatorState.load(tmp_path / "state.json")
    assert state.claims[original.payer_claim_number]["status"] == "reversed"


def test_recoupment_and_forward_balance(tmp_path: Path):
    c = claim("REC1")
    book = book_for(c, mix={"recoupment": "1"})
    first = run(tmp_path, book, file_837(c))
    icn = claims_by_pcn(tmp_path, first)["REC1"][0].payer_claim_number
    summary = run(tmp_path, book, today=DAY1 + dt.timedelta(days=30))
    # nothing else is paid this cycle: the 180.00 taken back is carried forward (FB)
    remit, = remittances(tmp_path, summary)
    assert remit.claims == () and remit.payment.amount == 0 and remit.payment.handling == "H"
    assert remit.payee.name == "CALM WATERS COUNSELING" and remit.payee.tin == "931234567"
    plb = _plb(tmp_path, summary)
    assert plb[0] == ("WO", icn, Decimal("180.00")) and plb[1][0] == "FB" and plb[1][2] == Decimal("-180.00")
    assert summary.recoupments == 1 and summary.recouped == Decimal("180.00")
    nxt = claim("REC2", line("90834", "100.00", dos=dt.date(2026, 4, 20)))
    paid_later = run(tmp_path, book, file_837(nxt, control=2), today=DAY1 + dt.timedelta(days=31))
    remit, = remittances(tmp_path, paid_later)
    assert [(p.reason, p.amount) for p in remit.provider_adjustments] == [("FB", Decimal("180.00")),
                                                                         ("FB", Decimal("-80.00"))]
    assert SimulatorState.load(tmp_path / "state.json").amount("forward_balances", "CHP123|1234567893") == 80


def test_void_reverses_the_original(tmp_path: Path):
    c = claim("V1")
    book = book_for(c)
    first = run(tmp_path, book, file_837(c))
    icn = claims_by_pcn(tmp_path, first)["V1"][0].payer_claim_number
    void = dataclasses.replace(c, frequency_code="8", original_claim_number=icn)
    summary = run(tmp_path, book, file_837(void, control=2), today=DAY1 + dt.timedelta(days=5))
    reversal, = claims_by_pcn(tmp_path, summary)["V1"]
    assert reversal.status == "22" and reversal.paid == Decimal("-180.00")
    assert SimulatorState.load(tmp_path / "state.json").claims[icn]["status"] == "voided"


def test_replacement_reverses_and_pays_again_without_a_duplicate(tmp_path: Path):
    c = claim("RP1", line("90834", "140.00"))
    book = book_for(c, plan={"deductible": "50.00"})
    first = run(tmp_path, book, file_837(c))
    original, = claims_by_pcn(tmp_path, first)["RP1"]
    assert cas(original.lines[0]) == [("CO", "45", "3.32"), ("PR", "1", "50.00")]
    fixed = dataclasses.replace(c, frequency_code="7", original_claim_number=original.payer_claim_number,
                                lines=(line("90837", "180.00"),))
    summary = run(tmp_path, book, file_837(fixed, control=2), today=DAY1 + dt.timedelta(days=5))
    reversal, replacement = claims_by_pcn(tmp_path, summary)["RP1"]
    assert reversal.status == "22" and replacement.status == "1"
    # the deductible given back by the reversal applies again; not a duplicate, not bundled
    assert cas(replacement.lines[0]) == [("PR", "1", "50.00")] and replacement.paid == Decimal("130.00")


def test_one_payee_per_transaction_and_one_file_per_payer(tmp_path: Path):
    from tests.unit.x12.samples_837p import SOLO
    a, b = claim("PA1"), claim("PB1", sub=subscriber("MEM77"))
    book = book_for(a, b)
    summary = run(tmp_path, book, file_837(a), file_837(b, control=2, billing=SOLO))
    remits = remittances(tmp_path, summary)
    assert len([o for o in summary.outputs if o.endswith(".835")]) == 1
    assert sorted(r.payee.npi for r in remits) == sorted([a.subscriber and "1234567893", SOLO.npi])
    assert len({r.trace.number for r in remits}) == 2
