"""Front-end edits: each rejection a real 277CA category/status pair, the rest accepted.

Ring: simulator. Every 277CA written passes pyx12 (map 277.5010.X214) with zero errors and
is read back by `x12.status277.read_277`; our CLM01 comes back in TRN*2, the payer claim
number in REF*1K.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from bhbilling.simulator.state import SimulatorState
from bhbilling.x12.claim837p import PersonName, Provider
from bhbilling.x12.status277 import read_277
from tests.unit.simulator.builders import (
    book_for,
    child,
    claim,
    file_837,
    line,
    medicaid_claim,
    outputs,
    run,
    subscriber,
)
from tests.unit.x12.pyx12check import pyx12_errors
from tests.unit.x12.samples_837p import COMMERCIAL, Payer


def _acks(tmp: Path, book, *claims):
    summary = run(tmp, book, file_837(*claims))
    ca_file, = outputs(tmp, summary, ".277ca")
    text = ca_file.read_text()
    assert pyx12_errors(text) == []
    responses = read_277(ca_file)
    return summary, {c.patient_control_number: c for r in responses for c in r.claims}, responses


def test_accepted_claim_gets_a2_20_and_a_payer_claim_number(tmp_path: Path):
    c = claim("CLMOK1")
    summary, acks, (resp,) = _acks(tmp_path, book_for(c), c)
    ack = acks["CLMOK1"]
    assert ack.accepted and [str(x) for x in ack.status.codes] == ["A2:20"] and ack.status.action == "WQ"
    state = SimulatorState.load(tmp_path / "state.json")
    assert state.claims[ack.payer_claim_number]["pcn"] == "CLMOK1"
    assert summary.claims_accepted == 1 and summary.claims_rejected == 0
    source, receiver, provider = resp.parties
    assert source.entity.id == "CHP123" and receiver.trace == "1"  # BHT03 of our 837P
    assert receiver.quantity("90") == 1 and provider.entity.id == "1234567893"


BAD_NPI = Provider("1234567890", PersonName("Nguyen", "Lee"), "101YP2500X")


@pytest.mark.parametrize(("variant", "codes"), [
    ({"payer": Payer("Nowhere Health", "NOWHERE")}, ["A3:116:PR"]),
    ({"rendering_provider": BAD_NPI}, ["A7:562:82"]),
    ({"subscriber": subscriber("NOSUCH1")}, ["A3:33:IL"]),
    ({"subscriber": subscriber(dob=None), "patient": child("Noone")}, ["A3:97:QC"]),
    ({"subscriber": subscriber(first="")}, ["A6:125:IL"]),
    ({"subscriber": subscriber(dob=dt.date(1999, 9, 9))}, ["A7:158:IL"]),
    ({"diagnoses": ("F41",)}, ["A7:254"]),
    ({"diagnoses": ("F33.1", "F50.01")}, ["A7:255"]),
    ({"frequency_code": "7", "original_claim_number": "NEVERISSUED"}, ["A7:35"]),
])
def test_rejections(tmp_path: Path, variant, codes):
    """The payer knows member MEM900001 (born 1980-05-05, no dependents) at CHP123."""
    book = book_for(claim("BASE"))
    c = dataclasses.replace(claim("C"), **variant)
    summary, acks, _ = _acks(tmp_path, book, c)
    ack = acks["C"]
    assert ack.rejected and not ack.accepted and ack.payer_claim_number == ""
    assert [str(x) for x in ack.status.codes] == codes and ack.status.action == "U"
    assert ack.status.message  # a plain reason, upper case, no PHI
    assert summary.claims_rejected == 1 and summary.claims_accepted == 0
    assert ack.lines == ()


def test_line_level_reason_names_the_line_by_our_control_number(tmp_path: Path):
    c = claim("C", line("90837", n=1), line("ABCDE", "20.00", n=2))
    _, acks, _ = _acks(tmp_path, book_for(claim("BASE")), c)
    assert [str(x) for x in acks["C"].status.codes] == ["A7:454"]
    li, = acks["C"].lines
    assert (li.procedure, li.line_control_number, str(li.statuses[0].codes[0])) == ("ABCDE", "LC2", "A7:454")


def test_front_end_eligibility_rejects_inactive_medicaid_member(tmp_path: Path):
    c = medicaid_claim("CMC", line("90837", "150.00"))
    book = book_for(c, plan={"start": "2025-07-01", "end": "2026-02-28"})
    _, acks, _ = _acks(tmp_path, book, c)
    assert [str(x) for x in acks["CMC"].status.codes] == ["A3:88:QC"]


def test_bad_billing_npi_and_several_reasons(tmp_path: Path):
    c = claim("C2", rendering_provider=BAD_NPI, dx=("F41",))
    _, acks, _ = _acks(tmp_path, book_for(c), c)
    assert [str(x) for x in acks["C2"].status.codes] == ["A7:562:82", "A7:254"]


def test_mixed_batch_counts_and_unknown_payer_under_the_clearinghouse(tmp_path: Path):
    ok, unknown = claim("OK1"), claim("UP1", payer=Payer("Nowhere Health", "NOWHERE"))
    summary, acks, responses = _acks(tmp_path, book_for(ok), ok, unknown)
    assert acks["OK1"].accepted and acks["UP1"].rejected
    sources = {r.parties[0].entity.code: r for r in responses}
    assert set(sources) == {"PR", "AY"} and sources["AY"].parties[0].entity.id == "BHSIMCH"
    assert (summary.claims_accepted, summary.claims_rejected) == (1, 1)


def test_replacement_of_an_issued_claim_is_accepted(tmp_path: Path):
    first = claim("CR1")
    book = book_for(first)
    summary = run(tmp_path, book, file_837(first))
    icn = next(iter(SimulatorState.load(tmp_path / "state.json").claims))
    second = dataclasses.replace(first, frequency_code="7", original_claim_number=icn, payer=COMMERCIAL)
    summary = run(tmp_path, book, file_837(second, control=2), today=dt.date(2026, 3, 27))
    assert summary.claims_accepted == 1 and summary.claims_rejected == 0
