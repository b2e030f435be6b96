"""276 claim status requests: written in the guide's structure, read back the same.

Ring: x12. pyx12 4.0.0 has no 005010X212 276 map (its package holds a 277 X212 map,
unlisted in its index and unusable: its GS01/GS08 code lists are another guide's), and
the project carries no copy of anyone's map. So these tests check the envelope with our
reader (SE/GE/IEA counts and control numbers), the HL tree and the loop contents segment
by segment, the round trip through our reader, and the corpus's 276 samples.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from bhbilling.x12.envelope_reader import iter_transactions
from bhbilling.x12.status276 import (
    ClaimInquiry,
    Dependent,
    InformationReceiver,
    LineInquiry,
    Payer,
    PersonName,
    ServiceProvider,
    StatusInquiry,
    Subscriber,
    Transaction276,
    read_276,
    write_276,
)
from bhbilling.x12.values import X12WriteError

CORPUS = Path(__file__).resolve().parents[4].parent / "shared" / "x12-corpus" / "276"
CREATED = dt.datetime(2026, 4, 20, 9, 0)
# Names in upper case: the writer upper-cases them (X12 basic character set), so the round
# trip compares like with like.
CLINIC = ServiceProvider("1234567893", organization_name="CALM WATERS COUNSELING")
SOLO = ServiceProvider("1987654328", person=PersonName("RIVERA", "ANA"))
ANA = Subscriber("MEM000001", PersonName("MEMBER1", "PAT"), dt.date(1980, 1, 2), "F")
DANA = Subscriber("MEM000014", PersonName("MEMBER14", "PAT"))
SAM = Dependent(PersonName("CHILD14", "SAM"), dt.date(2014, 5, 15), "M")


def _claim(pcn: str, icn: str = "", lines: tuple[LineInquiry, ...] = ()) -> ClaimInquiry:
    return ClaimInquiry(pcn, Decimal("180.00"), dt.date(2026, 3, 2), payer_claim_number=icn,
                        patient_control_number=pcn, lines=lines)


def _tx() -> Transaction276:
    line = LineInquiry("90837", Decimal("180.00"), dt.date(2026, 3, 2), ("95",), Decimal(1), "L101")
    return Transaction276(1, "STAT0001", Payer("CASCADE HEALTH PLAN", "CHP123"),
                          InformationReceiver("NORTHWIND BILLING", "NWB0001"), (
                              StatusInquiry(CLINIC, ANA, _claim("CLM00001", "260850000001", (line,))),
                              StatusInquiry(CLINIC, DANA, _claim("CLM00014"), SAM),
                              StatusInquiry(SOLO, ANA, _claim("CLM00034")),
                              StatusInquiry(CLINIC, ANA, _claim("CLM00002"))))


def _write(*txs: Transaction276) -> str:
    return write_276(list(txs) or [_tx()], sender_id="NWB0001", receiver_id="CHP123",
                     interchange_control_number=41, group_control_number=41, created=CREATED, test=True)


def _segments(text: str) -> list[list[str]]:
    return [s.strip().split("*") for s in text.split("~") if s.strip()]


def test_envelope_counts_and_control_numbers_check_out():
    tx, = iter_transactions(_write().encode())
    assert (tx.set_id, tx.convention, tx.group.functional_id, tx.group.version) == (
        "276", "005010X212", "HR", "005010X212")


def test_hl_tree_groups_claims_by_provider_and_subscriber():
    segs = _segments(_write())
    hls = [s[1:] for s in segs if s[0] == "HL"]
    assert hls == [["1", "", "20", "1"], ["2", "1", "21", "1"], ["3", "2", "19", "1"], ["4", "3", "22", "0"],
                   ["5", "3", "22", "1"], ["6", "5", "23"], ["7", "2", "19", "1"], ["8", "7", "22", "0"]]
    ids = [s[0] for s in segs]
    assert ids[:3] == ["ISA", "GS", "ST"] and segs[3] == ["BHT", "0010", "13", "STAT0001", "20260420", "0900"]
    first_claim = ids.index("TRN")
    assert ids[first_claim - 3:first_claim + 9] == ["HL", "DMG", "NM1", "TRN", "REF", "REF", "AMT", "DTP",
                                                    "SVC",
                                                    "REF", "DTP", "TRN"]
    assert ["TRN", "1", "CLM00001"] in segs and ["REF", "1K", "260850000001"] in segs
    assert ["SVC", "HC:90837:95", "180", "", "", "", "", "1"] in segs and ["REF", "FJ", "L101"] in segs
    assert ["NM1", "1P", "1", "RIVERA", "ANA", "", "", "", "XX", "1987654328"] in segs
    dependent = segs[ids.index("HL", ids.index("HL", first_claim) + 1) + 1:]
    assert dependent[:2] == [["DMG", "D8", "20140515", "M"], ["NM1", "QC", "1", "CHILD14", "SAM"]]


def test_round_trip_through_the_reader():
    tx, = read_276(_write().encode())
    original = _tx()
    assert tx.reference_id == original.reference_id and tx.payer == original.payer
    assert sorted(i.claim.trace_number for i in tx.inquiries) == sorted(i.claim.trace_number
                                                                         for i in original.inquiries)
    by_trace = {i.claim.trace_number: i for i in tx.inquiries}
    for inq in original.inquiries:
        assert by_trace[inq.claim.trace_number] == inq


@pytest.mark.parametrize(("build", "message"), [
    (lambda: ServiceProvider("1234567890", organization_name="X"), "NPI"),
    (lambda: ClaimInquiry("", Decimal(1), dt.date(2026, 1, 1)), "TRN02"),
    (lambda: ClaimInquiry("C1", 1.5, dt.date(2026, 1, 1)), "Decimal"),
    (lambda: ClaimInquiry("C1", Decimal(1), dt.date(2026, 2, 1), dt.date(2026, 1, 1)), "range"),
    (lambda: Subscriber("", PersonName("A")), "member id"),
    (lambda: ServiceProvider("1234567893"), "organization name or a person"),
])
def test_invalid_values_are_refused(build, message):
    with pytest.raises((X12WriteError, TypeError), match=message):
        value = build()
        _write(Transaction276(1, "R", Payer("P", "P1"), InformationReceiver("R", "E"),
                              (StatusInquiry(value, ANA, _claim("C")),)))


def test_corpus_276_files_read():
    read = {p.name: read_276(p) for p in sorted(CORPUS.iterdir())}
    assert len(read) == 5
    inquiries = [i for tx in read["lfh__claim-level-status.276"] for i in tx.inquiries]
    assert [i.claim.trace_number for i in inquiries] == ["ABCXYZ1", "ABCXYZ2", "ABCXYZ3"]
    third = inquiries[2]
    assert third.dependent is not None and third.claim.charge == Decimal("150.00")
    assert third.claim.lines[0].procedure_code == "99203"
