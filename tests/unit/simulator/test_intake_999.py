"""The clearinghouse front door: 837P structure judged, answered with a 999.

Ring: simulator. Every 999 written passes pyx12 (map 999.5010X231.A1) with zero errors and
is read back by `x12.ack999.read_999`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bhbilling.simulator.ack_writer import write_999
from bhbilling.simulator.intake import judge_837p
from bhbilling.x12.ack999 import read_999
from bhbilling.x12.claim837p import Address, BillingProvider
from tests.unit.simulator.builders import book_for, claim, file_837, line, outputs, run
from tests.unit.x12.pyx12check import pyx12_errors
from tests.unit.x12.samples_837p import CLINIC, sample_claims, sample_transactions, write_samples

TODAY = dt.date(2026, 3, 26)


def _ack(data: bytes) -> tuple[str, list]:
    result = judge_837p(data, file_name="in.837")
    text = write_999(result, sender_id="BHSIMCH", control_number=9, today=TODAY)
    assert pyx12_errors(text) == []
    return text, read_999(text.encode())


def test_all_sample_claims_accepted():
    text, (ack,) = _ack(write_samples(sample_transactions([c for _, c in sample_claims()])).encode())
    assert (ack.status, ack.included, ack.received, ack.accepted_count) == ("A", 2, 2, 2)
    assert [t.status for t in ack.transactions] == ["A", "A"]
    assert (ack.functional_id, ack.group_control_number, ack.group_version) == ("HC", "201", "005010X222A1")
    assert "ISA*00*          *00*          *ZZ*BHSIMCH        *ZZ*NWB0001" in text


def test_value_error_becomes_ik3_ik4_with_the_claim_in_ctx():
    data = file_837(claim("CLMA1"), claim("CLMB2")).decode().replace("CLM*CLMB2*180", "CLM*CLMB2*18O")
    _, (ack,) = _ack(data.encode())
    response = ack.transactions[0]
    assert (response.status, response.codes, ack.status) == ("R", ("5",), "R")
    note, = response.errors
    assert (note.segment_id, note.code) == ("CLM", "8")
    assert note.contexts[0].name == "CLM01" and note.contexts[0].reference == "CLMB2"
    assert [(e.position, e.code) for e in note.elements] == [(2, "6")]
    segments = data.split("~")
    st = next(i for i, s in enumerate(segments) if s.startswith("ST*"))
    assert segments[st + note.position - 1].startswith("CLM*CLMB2")


def test_missing_segment_becomes_ik304_3():
    data = file_837(claim("CLMA1")).decode()
    data = data.replace("~DTP*472*D8*20260302~REF*6R*LC1", "~REF*6R*LC1")
    count = data.split("~")
    st = next(i for i, s in enumerate(count) if s.startswith("ST*"))
    se = next(i for i, s in enumerate(count) if s.startswith("SE*"))
    data = data.replace(count[se], f"SE*{se - st + 1}*0001")
    _, (ack,) = _ack(data.encode())
    note, = ack.transactions[0].errors
    assert (note.segment_id, note.code, note.elements) == ("REF", "3", ())


def test_envelope_errors_are_ik502_and_ak905():
    data = file_837(claim("CLMA1")).decode()
    wrong = data.replace("~SE*", "~SE*9", 1)  # SE01 count off
    _, (ack,) = _ack(wrong.encode())
    assert ack.transactions[0].codes == ("4",) and ack.status == "R"
    wrong = data.replace("GE*1*", "GE*2*")
    _, (ack,) = _ack(wrong.encode())
    assert ack.group_codes == ("5",) and ack.status == "R" and ack.transactions[0].status == "A"


def test_unsupported_version_rejects_the_group():
    data = file_837(claim("CLMA1")).decode().replace("005010X222A1", "005010X222A2")
    _, (ack,) = _ack(data.encode())
    assert ack.group_codes == ("2",) and ack.transactions[0].codes == ("1",)


def test_five_digit_billing_zip_is_accepted_with_errors():
    billing = BillingProvider(npi=CLINIC.npi, ein=CLINIC.ein, taxonomy=CLINIC.taxonomy,
                              address=Address("100 Main St", "Portland", "OR", "97201"),
                              organization_name="Calm Waters Counseling")
    _, (ack,) = _ack(file_837(claim("CLMA1"), billing=billing))
    response = ack.transactions[0]
    assert (response.status, ack.status, ack.accepted_count) == ("E", "E", 1)
    assert [(n.segment_id, [(e.position, e.code) for e in n.elements]) for n in response.errors] == [
        ("N4", [(3, "4")])]


def test_not_x12_has_no_999_but_a_clear_problem(tmp_path: Path):
    book = book_for(claim("CLMA1"))
    summary = run(tmp_path, book, b"hello, this is not an interchange")
    assert summary.outputs == [] and len(summary.problems) == 1
    name, why = summary.problems[0]
    assert name.endswith(".x12") and "ISA" in why


@pytest.mark.parametrize("broken", ["~SE*", "~GE*1*"])
def test_run_writes_a_999_for_envelope_errors(tmp_path: Path, broken: str):
    c = claim("CLMA1", line())
    data = file_837(c).decode().replace(broken, broken + "7", 1).encode()
    summary = run(tmp_path, book_for(c), data)
    ack_file, = outputs(tmp_path, summary, ".999")
    ack, = read_999(ack_file)
    assert ack.status == "R" and summary.claims_accepted == 0 and summary.sets_rejected == 1
    assert outputs(tmp_path, summary, ".277ca") == []
