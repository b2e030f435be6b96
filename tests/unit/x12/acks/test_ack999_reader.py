"""999 implementation acknowledgments read into typed values, and refused when garbled.

Ring: x12. Inputs are the shared corpus (every 999 there is read, or fails with a located
`X12Error` when its envelope is broken) and small crafted files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bhbilling.x12.ack999 import read_999
from bhbilling.x12.errors import X12EnvelopeError, X12Error, X12ValueError

CORPUS = Path(__file__).resolve().parents[4].parent / "shared" / "x12-corpus" / "999"
HEAD = ("ISA*00*          *00*          *ZZ*PAYERCH        *ZZ*NWB0001        *260326*1200*^*00501*"
        "000000007*0*T*:~GS*FA*PAYERCH*NWB0001*20260326*1200*7*X*005010X231A1~")


def _file(*body: str) -> bytes:
    segs = ["ST*999*0001*005010X231A1", *body]
    text = HEAD + "~".join(segs) + f"~SE*{len(segs) + 1}*0001~GE*1*7~IEA*1*000000007~"
    return text.encode()


def test_rejection_with_segment_and_element_notes():
    ack, = read_999(_file("AK1*HC*201*005010X222A1", "AK2*837*0001*005010X222A1", "IK3*CLM*57**8",
                          "CTX*CLM01:CLM00003", "IK4*2**6", "IK3*NM1*12*2010BA*3", "IK5*R*5",
                          "AK2*837*0002*005010X222A1", "IK5*A", "AK9*P*2*2*1"))
    assert (ack.functional_id, ack.group_control_number, ack.group_version) == ("HC", "201", "005010X222A1")
    assert (ack.status, ack.included, ack.received, ack.accepted_count) == ("P", 2, 2, 1)
    assert not ack.accepted
    first, second = ack.transactions
    assert (first.control_number, first.status, first.codes, first.accepted) == ("0001", "R", ("5",), False)
    clm, nm1 = first.errors
    assert (clm.segment_id, clm.position, clm.code) == ("CLM", 57, "8")
    assert clm.contexts[0].name == "CLM01" and clm.contexts[0].reference == "CLM00003"
    assert [(e.position, e.component, e.code, e.element) for e in clm.elements] == [(2, None, "6", "02")]
    assert (nm1.segment_id, nm1.position, nm1.loop, nm1.code, nm1.elements) == ("NM1", 12, "2010BA", "3", ())
    assert second.accepted and second.errors == ()
    assert ack.response_for("1") is first and ack.response_for("0003") is None


def test_component_and_repetition_positions():
    ack, = read_999(_file("AK1*HC*5", "AK2*837*1234", "IK3*SV1*20**8", "IK4*1:2:1*234*7", "IK5*E",
                          "AK9*E*1*1*1"))
    note = ack.transactions[0].errors[0].elements[0]
    assert (note.position, note.component, note.repetition, note.reference_number) == (1, 2, 1, "234")
    assert note.element == "01-2"
    assert ack.accepted and ack.transactions[0].accepted


def test_group_error_codes():
    ack, = read_999(_file("AK1*HC*5*005010X222A1", "AK9*R*2*1*0*5*4"))
    assert ack.transactions == () and ack.group_codes == ("5", "4") and ack.status == "R"


@pytest.mark.parametrize(("body", "element"), [
    (("AK1*HC*5", "AK2*837*1", "IK5*Q", "AK9*R*1*1*0"), "IK501"),
    (("AK1*HC*5", "AK2*837*1", "IK5*R*99", "AK9*R*1*1*0"), "IK502"),
    (("AK1*HC*5", "AK9*Z*1*1*0"), "AK901"),
    (("AK1*HC*5", "AK9*A*one*1*1"), "AK902"),
    (("AK1*HC*5", "AK2*837*1", "IK3*CLM*x**8", "IK5*R", "AK9*R*1*1*0"), "IK302"),
    (("AK1*HC*5", "AK2*837*1", "IK3*CLM*4**8", "IK4*2**77", "IK5*R", "AK9*R*1*1*0"), "IK403"),
])
def test_bad_codes_are_located(body, element):
    with pytest.raises(X12ValueError) as err:
        read_999(_file(*body))
    assert err.value.element == element and err.value.segment_number is not None


@pytest.mark.parametrize("body", [
    ("AK2*837*1", "IK5*A", "AK9*A*1*1*1"),  # no AK1
    ("AK1*HC*5", "AK2*837*1", "AK9*A*1*1*1"),  # no IK5
    ("AK1*HC*5", "AK2*837*1", "IK5*A"),  # no AK9
    ("AK1*HC*5", "AK9*A*0*0*0", "AK2*837*1"),  # segment after AK9
])
def test_structure_errors_name_the_segment(body):
    with pytest.raises(X12ValueError) as err:
        read_999(_file(*body))
    assert err.value.ack_code is not None and err.value.ack_code.field == "IK304"


def test_another_transaction_set_is_refused():
    text = _file("AK1*HC*5", "AK9*A*0*0*0").replace(b"ST*999*0001*005010X231A1", b"ST*997*0001")
    with pytest.raises(X12ValueError) as err:
        read_999(text)
    assert err.value.element == "ST01"


def test_corpus_files_read_or_fail_located():
    files = sorted(CORPUS.iterdir())
    assert len(files) == 4
    outcomes = {}
    for path in files:
        try:
            outcomes[path.name] = [a.status for a in read_999(path)]
        except X12Error as exc:
            outcomes[path.name] = exc
    # IEA02 of this sample differs from its ISA13: the envelope reader refuses it, located.
    broken = outcomes.pop("imsweb__x12_999_accepted.txt")
    assert isinstance(broken, X12EnvelopeError) and broken.element == "IEA02"
    assert outcomes == {"imsweb__x12_999_rejected.txt": ["R"], "pyx12__834_ls_le_ls_5010.999.txt": ["A"],
                        "pyx12__834_lui_id_5010.999.txt": ["A", "A", "A", "A"]}


def test_corpus_rejection_details():
    ack, = read_999(CORPUS / "imsweb__x12_999_rejected.txt")
    response = ack.transactions[0]
    assert (response.control_number, response.status, response.codes) == ("0028", "R", ("5",))
    note = response.errors[0]
    assert (note.segment_id, note.position, note.code) == ("NM", 17, "1")


def test_body_of_the_broken_corpus_file_reads_once_its_trailer_is_fixed():
    data = (CORPUS / "imsweb__x12_999_accepted.txt").read_bytes().replace(b"IEA*1*000000001",
                                                                          b"IEA*1*000000286")
    ack, = read_999(data)
    assert ack.accepted and ack.transactions[0].control_number == "0001"
