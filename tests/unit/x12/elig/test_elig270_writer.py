"""270 eligibility inquiries written from typed values, structured as the guide says.

Ring: x12. pyx12 4.0.0 (the newest release) ships no 005010X279A1 map, so it cannot check a
270 at all; the project does not carry a copy of anyone's map. These tests check the
envelope with our reader (SE/GE/IEA counts and control numbers) and the loop structure,
segment by segment, against the implementation guide.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from bhbilling.x12.elig270 import (
    Dependent,
    InformationReceiver,
    InformationSource,
    Inquiry,
    PersonName,
    Subscriber,
    Transaction270,
    write_270,
)
from bhbilling.x12.envelope_reader import iter_transactions
from bhbilling.x12.errors import X12Error
from bhbilling.x12.syntax import Delimiters
from bhbilling.x12.values import X12WriteError

CORPUS = Path(__file__).resolve().parents[4].parent / "shared" / "x12-corpus" / "270"
CREATED = dt.datetime(2026, 3, 2, 8, 15)
DOS = dt.date(2026, 3, 9)
PAYER = InformationSource("Blue Horizon Health", "BHH01")
CLINIC = InformationReceiver("1234567893", organization_name="Calm Minds Therapy")
CLINICIAN = InformationReceiver("1234567893", person=PersonName("Okafor", "June", "A"),
                                taxonomy="101YP2500X")
ANA = Subscriber("XHB123456701", PersonName("Rivera", "Ana", "M"), dt.date(1988, 2, 14), "F",
                 group_number="GRP77001")
DANA = Subscriber("XHB778899001", PersonName("Morgan", "Dana"), dt.date(1981, 5, 12), "F")
ELI = Dependent(PersonName("Morgan", "Eli", suffix="Jr"), dt.date(2011, 8, 24), "M", "19")
MH_TYPES = ("30", "MH", "A6", "A8", "AI", "CF")


def _inquiry(trace: str = "T0101", subscriber: Subscriber = ANA, originator: str = "1123456789",
             **kw) -> Inquiry:
    return Inquiry(trace, originator, subscriber, DOS, **kw)


def _write(*transactions: Transaction270, **kw) -> str:
    return write_270(list(transactions), sender_id="CALMMINDS", receiver_id="BHHEALTH",
                     interchange_control_number=101, group_control_number=101,
                     created=CREATED, test=True, **kw)


def _segments(text: str) -> list[list[str]]:
    return [s.strip().split("*") for s in text.split("~") if s.strip()]


def _assert_valid(text: str) -> None:
    """Envelope counts and control numbers hold, and every HL names an earlier parent."""
    transactions = list(iter_transactions(text.encode()))
    assert transactions and all(tx.set_id == "270" for tx in transactions)
    for tx in transactions:
        seen: set[str] = set()
        for hl in (s for s in tx.segments if s.id == "HL"):
            assert hl[2] == "" or hl[2] in seen, f"HL {hl[1]} names unknown parent {hl[2]}"
            seen.add(hl[1])


SINGLE = Transaction270(1, "ELIG0101", PAYER, CLINIC, (_inquiry(service_types=MH_TYPES),))
DEPENDENT = Transaction270(2, "ELIG0112", PAYER, CLINICIAN,
                           (_inquiry("T0112", DANA, dependent=ELI, service_types=("30", "MH")),))
BATCH = Transaction270(3, "BATCH0114", PAYER, CLINIC, (
    _inquiry("B1", service_types=("30", "MH")),
    _inquiry("B2", DANA, dependent=ELI, service_types=("MH", "A6")),
    _inquiry("B3", dataclasses.replace(DANA, member_id="XHB778899002"), service_types=("A8",),
             service_date_end=dt.date(2026, 3, 31)),
))


@pytest.mark.parametrize("tx", [SINGLE, DEPENDENT, BATCH], ids=["single", "dependent", "batch"])
def test_written_270_reads_back_with_a_sound_envelope(tx):
    _assert_valid(_write(tx))


def test_batch_of_several_payers_in_one_interchange():
    other = dataclasses.replace(BATCH, control_number=4, source=InformationSource("Lakeside", "LHP30"))
    text = _write(SINGLE, DEPENDENT, BATCH, other, line_break=True)
    _assert_valid(text)
    assert [tx.set_id for tx in iter_transactions(text.encode())] == ["270"] * 4


def test_subscriber_inquiry_structure():
    segs = _segments(_write(SINGLE))
    ids = [s[0] for s in segs]
    assert ids[2:9] == ["ST", "BHT", "HL", "NM1", "HL", "NM1", "HL"]
    assert segs[3][:3] == ["BHT", "0022", "13"] and segs[3][3] == "ELIG0101"
    assert segs[5] == ["NM1", "PR", "2", "BLUE HORIZON HEALTH", "", "", "", "", "PI", "BHH01"]
    assert segs[7] == ["NM1", "1P", "2", "CALM MINDS THERAPY", "", "", "", "", "XX", "1234567893"]
    assert segs[8] == ["HL", "3", "2", "22", "0"]
    assert segs[9] == ["TRN", "1", "T0101", "1123456789"]
    assert segs[10] == ["NM1", "IL", "1", "RIVERA", "ANA", "M", "", "", "MI", "XHB123456701"]
    assert segs[11] == ["REF", "6P", "GRP77001"]
    assert segs[12] == ["DMG", "D8", "19880214", "F"]
    assert segs[13] == ["DTP", "291", "D8", "20260309"]
    assert [s[1] for s in segs if s[0] == "EQ"] == list(MH_TYPES)


def test_dependent_inquiry_puts_trace_and_eq_at_the_dependent_level():
    segs = _segments(_write(DEPENDENT))
    hl = [s for s in segs if s[0] == "HL"]
    assert hl[2] == ["HL", "3", "2", "22", "1"] and hl[3] == ["HL", "4", "3", "23", "0"]
    start = segs.index(hl[3])
    assert [s[0] for s in segs[start:start + 8]] == ["HL", "TRN", "NM1", "DMG", "INS", "DTP", "EQ", "EQ"]
    assert segs[start + 2] == ["NM1", "03", "1", "MORGAN", "ELI", "", "", "JR"]
    assert segs[start + 4] == ["INS", "N", "19"]
    assert ["PRV", "PE", "PXC", "101YP2500X"] in segs
    assert not any(s[0] in ("TRN", "EQ", "DTP") for s in segs[:start])


def test_batch_numbers_every_hl_and_counts_segments():
    text = _write(BATCH)
    (tx,) = iter_transactions(text.encode())  # SE01, SE02, GE, IEA checked by the reader
    hls = [s for s in tx.segments if s.id == "HL"]
    assert [h[1] for h in hls] == ["1", "2", "3", "4", "5", "6"]
    assert [(h[2], h[3]) for h in hls] == [("", "20"), ("1", "21"), ("2", "22"), ("2", "22"),
                                          ("4", "23"), ("2", "22")]
    assert [s[2] for s in tx.segments if s.id == "TRN"] == ["B1", "B2", "B3"]
    dtp = [s for s in tx.segments if s.id == "DTP"]
    assert dtp[-1].elements[1:] == ("291", "RD8", "20260309-20260331")


def test_other_delimiters():
    text = _write(BATCH, delimiters=Delimiters(element="|", component="<", repetition="!", segment="\n"))
    _assert_valid(text)


@pytest.mark.parametrize(("build", "message"), [
    (lambda: InformationReceiver("1234567890", organization_name="X"), "NPI"),
    (lambda: InformationReceiver("1234567893"), "organization name or a person"),
    (lambda: dataclasses.replace(ANA, sex="U"), "DMG03"),
    (lambda: dataclasses.replace(ANA, member_id=""), "member id"),
    (lambda: Dependent(PersonName("Morgan", "Eli"), dt.date(2011, 8, 24), relationship="53"), "INS02"),
    (lambda: _inquiry(service_types=()), "EQ01"),
    (lambda: _inquiry(service_types=("mh",)), "EQ01"),
    (lambda: _inquiry(service_types=("30", "30")), "repeat"),
    (lambda: _inquiry(originator="123"), "TRN03"),
    (lambda: _inquiry(service_date_end=dt.date(2026, 3, 1)), "range"),
    (lambda: _inquiry(subscriber=dataclasses.replace(ANA, date_of_birth=None)), "birth date"),
    (lambda: Transaction270(1, "R", PAYER, CLINIC, ()), "at least one"),
    (lambda: Transaction270(1, "R", PAYER, CLINIC, (_inquiry(),) * 100), "99"),
])
def test_model_refuses_what_the_guide_forbids(build, message):
    with pytest.raises(X12WriteError, match=message):
        build()


def test_writer_refuses_delimiters_in_values_without_echoing_them():
    bad = _inquiry(subscriber=dataclasses.replace(ANA, name=PersonName("O*Brien", "Sean")))
    with pytest.raises(X12WriteError) as info:
        _write(Transaction270(1, "R", PAYER, CLINIC, (bad,)))
    assert "NM103" in str(info.value) and "BRIEN" not in str(info.value)


def test_writer_refuses_duplicate_control_numbers():
    with pytest.raises(X12WriteError, match="unique"):
        _write(SINGLE, SINGLE)


def test_corpus_270s_read_with_the_envelope_reader():
    names = sorted(p.name for p in CORPUS.glob("*"))
    assert len(names) >= 4
    for path in sorted(CORPUS.glob("*")):
        if path.name == "badx12__unknown_segment_error.edi":  # broken on purpose: HL before ST
            with pytest.raises(X12Error) as info:
                list(iter_transactions(path))
            assert (info.value.segment_number, info.value.segment_id) == (3, "HL")
            continue
        (tx,) = list(iter_transactions(path))
        assert tx.set_id == "270" and tx.group.version == "005010X279A1"
        assert [s.id for s in tx.segments if s.id == "EQ"] == ["EQ"]
