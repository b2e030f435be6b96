"""Every denial cause, each from a crafted 837P: the CARC/RARC a payer would send.

Ring: simulator. Each claim goes through a whole cycle (999, 277CA, adjudication, 835);
the 835 passes pyx12 with zero errors, balances, echoes our CLM01 and REF*6R line
control numbers, and the denied line carries the expected group, reason and remarks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from bhbilling.x12.claim837p import PersonName, Provider
from tests.unit.simulator.builders import (
    DOS,
    book_for,
    child,
    claim,
    file_837,
    line,
    medicaid_claim,
    run,
    subscriber,
)
from tests.unit.simulator.remits import cas, claims_by_pcn, remarks

LATE = dt.date(2026, 9, 30)  # 212 days after the 2026-03-02 service: past Cascade's 180
COUNSELOR = Provider("1558598797", PersonName("Lee", "Kim"), "101YA0400X")  # addiction counselor


def _paid(tmp: Path, book, *claims, today: dt.date = dt.date(2026, 3, 26)):
    summary = run(tmp, book, file_837(*claims), today=today)
    found = claims_by_pcn(tmp, summary)
    for c in claims:
        paid, = found[c.patient_control_number]
        assert [li.control_number for li in paid.lines] == [li.control_number for li in c.lines]
    return summary, {pcn: payments[0] for pcn, payments in found.items()}


@pytest.mark.parametrize(("variant", "book_kw", "expected"), [
    # coverage ended before the date of service (commercial: decided in adjudication)
    ({}, {"plan": {"end": "2026-02-28"}}, ("CO", "27", [])),
    # coverage starting after the date of service
    ({}, {"plan": {"start": "2026-03-15"}}, ("CO", "26", [])),
    # a modifier Cascade does not accept
    ({"lines": (line(mods=("U4",)),)}, {}, ("CO", "4", [])),
    # telehealth place of service without a telehealth modifier
    ({"lines": (line(pos="10"),)}, {}, ("CO", "4", ["N822"])),
    # audio-only modifier on a code Cascade does not allow audio-only
    ({"lines": (line("96127", "20.00", mods=("93",)),)}, {}, ("CO", "4", [])),
    # psychotherapy pointing only at a Z code
    ({"diagnoses": ("Z63.0",)}, {}, ("CO", "11", [])),
    # code not on the fee schedule
    ({"lines": (line("90845", "150.00"),)}, {}, ("CO", "96", ["N216"])),
    # rendering provider's taxonomy not credentialed
    ({"rendering_provider": COUNSELOR}, {}, ("CO", "185", ["N95"])),
    # visit limit reached (Cascade bills it to the patient: PR-119)
    ({}, {"plan": {"visit_limit": 10, "visits_used": 10}}, ("PR", "119", ["N640"])),
    # authorization needed and none given
    ({"lines": (line("96130", "300.00"),), "diagnoses": ("F90.0",)}, {}, ("CO", "197", [])),
])
def test_line_denials(tmp_path: Path, variant, book_kw, expected):
    c = dataclasses.replace(claim("D1"), **variant)
    summary, paid = _paid(tmp_path, book_for(c, **book_kw), c)
    remit = paid["D1"]
    li, = remit.lines
    assert cas(li) == [(expected[0], expected[1], f"{li.charge:.2f}")]
    assert remarks(li) == expected[2] and li.paid == 0
    assert remit.status == ("1" if expected[0] == "PR" else "4")
    assert summary.denial_reasons == {f"835 {expected[0]}-{expected[1]}": 1}


def test_timely_filing(tmp_path: Path):
    c = claim("TF1")
    _, paid = _paid(tmp_path, book_for(c, plan={"end": "2026-12-31"}), c, today=LATE)
    assert cas(paid["TF1"].lines[0]) == [("CO", "29", "180.00")] and paid["TF1"].status == "4"


def test_credential_denial_b7_for_the_medicaid_payer(tmp_path: Path):
    c = dataclasses.replace(medicaid_claim("MB7", line("90837", "150.00")), rendering_provider=COUNSELOR)
    book = book_for(c, rules={"OMAP01": {"credential_taxonomy_prefixes": ["2084P"]}})
    _, paid = _paid(tmp_path, book, c)
    assert cas(paid["MB7"].lines[0]) == [("CO", "B7", "150.00")]


def test_duplicate_of_a_processed_claim(tmp_path: Path):
    first = claim("DUP1")
    book = book_for(first)
    _paid(tmp_path, book, first)
    again = dataclasses.replace(first, patient_control_number="DUP2")
    summary = run(tmp_path, book, file_837(again, control=2), today=dt.date(2026, 3, 27))
    dup = claims_by_pcn(tmp_path, summary)["DUP2"][0]
    assert cas(dup.lines[0]) == [("OA", "18", "180.00")] and remarks(dup.lines[0]) == ["N111"]


def test_bundling_pair_on_one_claim_denies_column_two_only(tmp_path: Path):
    c = claim("BUN1", line("90791", "250.00", n=1), line("96127", "10.00", n=2, units="2"))
    _, paid = _paid(tmp_path, book_for(c), c)
    eval_line, screen = paid["BUN1"].lines
    assert screen.paid == 0 and cas(screen) == [("CO", "97", "10.00")] and remarks(screen) == ["N20"]
    assert eval_line.paid > 0 and paid["BUN1"].status == "1"  # partly paid: one line denied


def test_bundling_is_lifted_by_a_modifier_when_the_pair_allows_it(tmp_path: Path):
    with_xe = claim("BUN2", line("90853", "60.00", n=1), line("90834", "140.00", n=2, mods=("XE",)))
    without = claim("BUN3", line("90853", "60.00", n=1), line("90834", "140.00", n=2), sub=subscriber("MEM9"))
    _, paid = _paid(tmp_path, book_for(with_xe, without), with_xe, without)
    assert all(li.paid > 0 for li in paid["BUN2"].lines)
    assert cas(paid["BUN3"].lines[1]) == [("CO", "97", "140.00")]


def test_bundling_against_a_claim_paid_earlier(tmp_path: Path):
    first = claim("EAR1", line("90837", "180.00"))
    book = book_for(first)
    _paid(tmp_path, book, first)
    later = claim("EAR2", line("90834", "140.00"))
    summary = run(tmp_path, book, file_837(later, control=2), today=dt.date(2026, 3, 27))
    assert cas(claims_by_pcn(tmp_path, summary)["EAR2"][0].lines[0]) == [("CO", "97", "140.00")]


AUTH = {"number": "PA-1", "member": "MEM900001", "payer": "CHP123", "codes": ["96130", "96131"],
        "units": "3", "start": "2026-02-01", "end": "2026-02-28"}


@pytest.mark.parametrize(("auth", "given", "expected"), [
    (AUTH, "PA-1", [("CO", "198", "300.00")]),  # expired before the date of service
    ({**AUTH, "end": "2026-04-30", "units_used": "3"}, "PA-1", [("CO", "198", "300.00")]),  # used up
    ({**AUTH, "end": "2026-04-30", "codes": ["96136"]}, "PA-1", [("CO", "197", "300.00")]),  # other code
    (AUTH, "PA-404", [("CO", "197", "300.00")]),  # a number the payer never issued
])
def test_authorization_denials(tmp_path: Path, auth, given, expected):
    c = claim("AU1", line("96130", "300.00"), dx=("F90.0",), prior_authorization=given)
    _, paid = _paid(tmp_path, book_for(c, authorizations=[auth]), c)
    li = paid["AU1"].lines[0]
    assert cas(li) == expected
    assert remarks(li) == (["M62"] if given == "PA-404" else ["N54"])


def test_authorization_with_fewer_units_left_pays_part(tmp_path: Path):
    c = claim("AU2", line("96131", "400.00", units="4"), dx=("F90.0",), prior_authorization="PA-1")
    auth = {**AUTH, "end": "2026-04-30", "units": "3", "units_used": "1"}
    _, paid = _paid(tmp_path, book_for(c, authorizations=[auth]), c)
    li = paid["AU2"].lines[0]
    assert (li.units, li.original_units) == (2, 4)
    assert cas(li)[0] == ("CO", "198", "200.00") and li.adjustments[0].quantity == 2
    assert li.paid > 0


def test_medical_necessity_and_records_request_from_the_mix(tmp_path: Path):
    claims = [claim(f"MX{n}", sub=subscriber(f"MEM8{n:04d}")) for n in range(40)]
    book = book_for(*claims, mix={"medical_necessity": "0.25", "documentation_request": "0.25"})
    summary, paid = _paid(tmp_path, book, *claims)
    reasons = {tuple(cas(p.lines[0])[0][:2]) for p in paid.values() if p.status == "4"}
    assert reasons == {("CO", "50"), ("CO", "252")}
    records = [p for p in paid.values() if p.status == "4" and cas(p.lines[0])[0][:2] == ("CO", "252")]
    assert all(remarks(p.lines[0]) == ["M127"] for p in records)
    assert 0 < summary.claims_denied < 40


def test_dependent_claim_names_patient_and_insured(tmp_path: Path):
    c = claim("DEP1", patient=child(), sub=subscriber(dob=None))
    _, paid = _paid(tmp_path, book_for(c), c)
    remit = paid["DEP1"]
    assert remit.patient.first == "SAM" and remit.insured.identifier == "MEM900001"
    assert remit.lines[0].service_date == DOS
