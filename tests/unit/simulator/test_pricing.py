"""Allowed amounts and cost sharing: CO-45, PR-1/2/3, the out-of-pocket cap, COB, memory.

Ring: simulator. Numbers are worked by hand from the example book's Cascade fees
(90837 200.40, 90834 136.68, 90832 103.01) and the plan a test gives.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from bhbilling.x12.claim837p import Adjustment, LineAdjudication, OtherPayer, PersonName
from tests.unit.simulator.builders import DOS, book_for, claim, file_837, line, run, subscriber
from tests.unit.simulator.remits import cas, claims_by_pcn
from tests.unit.x12.samples_837p import MEDICARE

PLAN = {"deductible": "100.00", "copay": "20.00", "coinsurance": "0.20", "oop_max": "1000.00"}


def _one(tmp: Path, book, c, today=dt.date(2026, 3, 26)):
    summary = run(tmp, book, file_837(c, control=today.day), today=today)
    payment, = claims_by_pcn(tmp, summary)[c.patient_control_number]
    return payment


def test_copay_then_deductible_then_coinsurance(tmp_path: Path):
    c = claim("P1", line("90837", "250.00"))
    p = _one(tmp_path, book_for(c, plan=PLAN), c)
    li, = p.lines
    # allowed 200.40: copay 20, deductible 100, coinsurance 20 % of 80.40 = 16.08
    assert cas(li) == [("CO", "45", "49.60"), ("PR", "1", "100.00"), ("PR", "3", "20.00"), ("PR", "2",
                                                                                            "16.08")]
    assert li.paid == Decimal("64.32") and p.patient_responsibility == Decimal("136.08")
    assert [(a.qualifier, a.amount) for a in li.amounts] == [("B6", Decimal("200.40"))]


def test_charge_below_the_fee_is_allowed_in_full(tmp_path: Path):
    c = claim("P2", line("90837", "150.00"))
    li = _one(tmp_path, book_for(c), c).lines[0]
    assert cas(li) == [] and li.paid == Decimal("150.00")


def test_deductible_accumulates_across_cycles(tmp_path: Path):
    first = claim("P3", line("90832", "110.00", dos=DOS))
    later = claim("P4", line("90832", "110.00", dos=DOS + dt.timedelta(days=7)))
    book = book_for(first, plan={"deductible": "150.00"})
    one = _one(tmp_path, book, first)
    assert cas(one.lines[0]) == [("CO", "45", "6.99"), ("PR", "1", "103.01")]
    two = _one(tmp_path, book, later, today=dt.date(2026, 3, 27))
    assert cas(two.lines[0]) == [("CO", "45", "6.99"), ("PR", "1", "46.99")]
    assert two.lines[0].paid == Decimal("56.02")


def test_visit_days_accumulate_across_cycles(tmp_path: Path):
    first = claim("P7", line("90832", "110.00", dos=DOS))
    same_day = claim("P8", line("90853", "60.00", dos=DOS))
    later = claim("P9", line("90832", "110.00", dos=DOS + dt.timedelta(days=7)))
    book = book_for(first, plan={"visit_limit": 1})
    assert _one(tmp_path, book, first).lines[0].paid == Decimal("103.01")
    assert _one(tmp_path, book, same_day, today=dt.date(2026, 3, 27)).lines[0].paid == Decimal("36.47")
    assert cas(_one(tmp_path, book, later, today=dt.date(2026, 3, 28)).lines[0]) == [("PR", "119", "110.00")]


def test_out_of_pocket_maximum_caps_the_patient_share(tmp_path: Path):
    c = claim("P5", line("90837", "250.00"))
    book = book_for(c, plan={**PLAN, "oop_max": "1000.00", "oop_met": "990.00"})
    li = _one(tmp_path, book, c).lines[0]
    assert cas(li)[1:] == [("PR", "1", "10.00")]  # the cap leaves room for 10.00 only
    assert li.paid == Decimal("190.40")


def test_secondary_pays_what_the_patient_still_owes(tmp_path: Path):
    prior = LineAdjudication("MCRB01", Decimal("120.00"), "90837", Decimal(1), dt.date(2026, 3, 20),
                             adjustments=(Adjustment("CO", "45", Decimal("50.00")),
                                          Adjustment("PR", "2", Decimal("30.00"))))
    sub = subscriber(resp="S")
    medicare = OtherPayer("P", "18", "MB", PersonName("Rivera", "Pat"), "MCR1", MEDICARE, Decimal("120.00"),
                          adjudication_date=dt.date(2026, 3, 20))
    base = line("90837", "200.00")
    c = claim("P6", type(base)(**{**{f: getattr(base, f) for f in base.__slots__}, "adjudications": (prior,
                                                                                                     )}),
              sub=sub, other_payers=(medicare,))
    p = _one(tmp_path, book_for(c, plan={"copay": "25.00"}), c)
    li, = p.lines
    # allowed 200.00 (the charge); Medicare paid 120 (OA-23); normal benefit 175 > 80 still owed
    assert p.status == "2"
    assert cas(li) == [("OA", "23", "120.00")] and li.paid == Decimal("80.00")
