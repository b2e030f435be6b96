"""Malformed 835s: each defect is refused with its own located error, never a crash.

Ring: x12 (pure). Each case edits one valid file from `make835` and names the error class,
segment (found by its text in the valid file), segment id, element and 999/TA1 code.
"""

from __future__ import annotations

import pytest

from bhbilling.kernel.errors import BhBillingError
from bhbilling.x12.errors import X12EnvelopeError, X12Error, X12SyntaxError, X12ValueError
from bhbilling.x12.remit835 import read_835
from tests.unit.x12.remit835.make835 import RemitSpec, simple_claim, write_835

BASE = write_835([RemitSpec([simple_claim("A1"), simple_claim("A2")], plb=[("WO", "A1", "10")])])
SEGMENTS = BASE.decode().split("~")


def number(prefix: str, nth: int = 1) -> int:
    """1-based position in BASE of the nth segment starting with `prefix`."""
    hits = [i for i, s in enumerate(SEGMENTS, start=1) if s.startswith(prefix)]
    return hits[nth - 1]


def edit(old: str, new: str) -> bytes:
    assert old.encode() in BASE
    return BASE.replace(old.encode(), new.encode(), 1)


def insert_after(prefix: str, segment: str) -> bytes:
    i = number(prefix)
    return "~".join([*SEGMENTS[:i], segment, *SEGMENTS[i:]]).encode()


def _reject(data: bytes) -> X12Error:
    with pytest.raises(X12Error) as info:
        for _ in read_835(data, file_name="bad.835"):
            pass
    return info.value


def test_the_base_file_reads() -> None:
    assert [len(r.claims) for r in read_835(BASE)] == [2]


CASES = {
    # envelope and syntax (x12.reader / envelope_reader)
    "truncated ISA": (BASE[:60], X12SyntaxError, 1, "ISA", "ISA16", "TA1 TA105=023"),
    "truncated mid-segment": (BASE[:BASE.index(b"CLP*A2") + 6], X12SyntaxError,
                              number("CLP*A2"), "CLP", None, "TA1 TA105=023"),
    "no terminator at the end": (BASE.rstrip(b"~"), X12SyntaxError, number("IEA"), "IEA", None,
                                 "TA1 TA105=023"),
    "wrong SE count": (edit("SE*", "SE*9"), X12EnvelopeError, number("SE*"), "SE", "SE01",
                       "999 IK502=4"),
    "element of 100001 characters": (edit("NM1*QC*1*DOE", "NM1*QC*1*" + "D" * 100_001),
                                     X12ValueError, number("NM1*QC"), "NM1", "NM103", "999 IK403=5"),
    "huge TS2 element": (edit("LX*1", "LX*1~TS2*" + "9" * 5000), X12ValueError, number("LX") + 1,
                         "TS2", "TS201", "999 IK403=5"),
    "invalid UTF-8": (BASE.replace(b"*DOE*", b"*D\xffE*", 1), X12SyntaxError, number("NM1*QC"),
                      "NM1", "NM103", "999 IK403=6"),
    "control character": (edit("*DOE*", "*D\x07E*"), X12SyntaxError, number("NM1*QC"), "NM1",
                          "NM103", "999 IK403=6"),
    "segment after SE": (edit("GE*", "CLP*A9*1*1*1**12*X~GE*"), X12EnvelopeError,
                         number("GE*"), "CLP", None, "999 IK304=6"),
    "claim after PLB": (edit("SE*", "CLP*A9*1*1*1**12*X~SE*"), X12ValueError, number("SE*"),
                        "CLP", None, "999 IK304=2"),
    # a missing terminator glues NM1*QC onto CLP: too many CLP elements
    "missing terminator inside": (edit("*11*1~NM1*QC", "*11*1NM1*QC"), X12ValueError,
                                  number("CLP*A1"), "CLP", "CLP15", "999 IK403=3"),
    # huge or bad elements
    "huge CLP01": (edit("CLP*A1*", "CLP*" + "A" * 5000 + "*"), X12ValueError, number("CLP*A1"),
                   "CLP", "CLP01", "999 IK403=5"),
    "huge name": (edit("*DOE*", "*" + "N" * 90_000 + "*"), X12ValueError, number("NM1*QC"), "NM1",
                  "NM103", "999 IK403=5"),
    "impossible date": (edit("DTM*472*20260515", "DTM*472*20260230"), X12ValueError,
                        number("DTM*472"), "DTM", "DTM02", "999 IK403=8"),
    "short BPR16": (edit("*20260601~TRN", "*2026061~TRN"), X12ValueError, number("BPR"), "BPR",
                    "BPR16", "999 IK403=8"),
    "PLB date": (edit("*20261231*", "*20261331*"), X12ValueError, number("PLB"), "PLB", "PLB02",
                 "999 IK403=8"),
    "sub-cent amount": (edit("CLP*A1*1*200*140", "CLP*A1*1*200*140.005"), X12ValueError,
                        number("CLP*A1"), "CLP", "CLP04", "999 IK403=6"),
    "exponent amount": (edit("CLP*A1*1*200*140", "CLP*A1*1*200*1E2"), X12ValueError,
                        number("CLP*A1"), "CLP", "CLP04", "999 IK403=6"),
    "NaN amount": (edit("CLP*A1*1*200", "CLP*A1*1*NaN"), X12ValueError, number("CLP*A1"), "CLP",
                   "CLP03", "999 IK403=6"),
    "plus sign": (edit("SVC*HC:90837:95*200", "SVC*HC:90837:95*+200"), X12ValueError,
                  number("SVC"), "SVC", "SVC02", "999 IK403=6"),
    "thousands separator": (edit("CAS*CO*45*40", "CAS*CO*45*4,000"), X12ValueError,
                            number("CAS*CO"), "CAS", "CAS03", "999 IK403=6"),
    "19 digits": (edit("CLP*A1*1*200", "CLP*A1*1*" + "9" * 19), X12ValueError, number("CLP*A1"),
                  "CLP", "CLP03", "999 IK403=6"),
    "missing paid amount": (edit("CLP*A1*1*200*140", "CLP*A1*1*200*"), X12ValueError,
                            number("CLP*A1"), "CLP", "CLP04", "999 IK403=1"),
    "units not a number": (edit("SVC*HC:90837:95*200*140", "SVC*HC:90837:95*200*140**two"),
                           X12ValueError, number("SVC"), "SVC", "SVC05", "999 IK403=6"),
    # codes
    "4010 status": (edit("CLP*A1*1*", "CLP*A1*5*"), X12ValueError, number("CLP*A1"), "CLP",
                    "CLP02", "999 IK403=7"),
    "unknown CAS group": (edit("CAS*CO*45", "CAS*XX*45"), X12ValueError, number("CAS*CO"), "CAS",
                          "CAS01", "999 IK403=7"),
    "CAS amount without reason": (edit("CAS*CO*45*40", "CAS*CO**40"), X12ValueError,
                                  number("CAS*CO"), "CAS", "CAS02", "999 IK403=1"),
    "seven CAS triplets": (edit("CAS*CO*45*40", "CAS*CO" + "*45*1*" * 6 + "*45*34"),
                           X12ValueError, number("CAS*CO"), "CAS", "CAS20", "999 IK403=3"),
    "PLB reason": (edit("WO:A1", "ZZ:A1"), X12ValueError, number("PLB"), "PLB", "PLB03-1",
                   "999 IK403=7"),
    "negative payment": (edit("BPR*I*", "BPR*I*-"), X12ValueError, number("BPR"), "BPR", "BPR02",
                         "999 IK403=7"),
    "payment method": (edit("*C*CHK*", "*C*CASH*"), X12ValueError, number("BPR"), "BPR", "BPR04",
                       "999 IK403=7"),
    "SVC01 without code": (edit("SVC*HC:90837:95*", "SVC*HC*"), X12ValueError, number("SVC"),
                           "SVC", "SVC01-2", "999 IK403=7"),
    "3-character modifier": (edit("HC:90837:95*", "HC:90837:959*"), X12ValueError, number("SVC"),
                             "SVC", "SVC01-3", "999 IK403=7"),
    "claim date qualifier": (edit("DTM*232", "DTM*999"), X12ValueError, number("DTM*232"), "DTM",
                             "DTM01", "999 IK403=7"),
    "LQ qualifier": (edit("LQ*HE", "LQ*XX"), X12ValueError, number("LQ"), "LQ", "LQ01",
                     "999 IK403=7"),
    "not an 835": (edit("ST*835", "ST*837"), X12ValueError, number("ST*"), "ST", "ST01",
                   "999 IK403=7"),
    "not a remittance group": (edit("GS*HP", "GS*HC"), X12ValueError, 2, "GS", "GS01",
                               "999 IK403=7"),
    "837P guide version": (edit("X*005010X221A1", "X*005010X222A1"), X12ValueError, 2, "GS",
                           "GS08", "999 IK403=7"),
    # structure
    "HL inside a claim": (insert_after("NM1*QC", "HL*1**20*1"), X12ValueError,
                          number("NM1*QC") + 1, "HL", None, "999 IK304=2"),
    "NM1 inside a service line": (insert_after("LQ", "NM1*IL*1*ROE*RAY"), X12ValueError,
                                  number("LQ") + 1, "NM1", None, "999 IK304=2"),
    "second NM1*QC": (insert_after("NM1*QC", SEGMENTS[number("NM1*QC") - 1]), X12ValueError,
                      number("NM1*QC") + 1, "NM1", None, "999 IK304=2"),
    "second TRN": (insert_after("TRN", SEGMENTS[number("TRN") - 1]), X12ValueError,
                   number("TRN") + 1, "TRN", None, "999 IK304=2"),
    "second MOA": (insert_after("NM1*82", "MOA***MA01~MOA***MA02"), X12ValueError,
                   number("NM1*82") + 2, "MOA", None, "999 IK304=2"),
    "huge CLP11": (edit("*11*1~NM1*QC", "*11*1**" + "9" * 40 + "~NM1*QC"), X12ValueError,
                   number("CLP*A1"), "CLP", "CLP11", "999 IK403=5"),
    "second N1*PR": (edit("N1*PE", "N1*PR"), X12ValueError, number("N1*PE"), "N1", None,
                     "999 IK304=2"),
    "missing TRN": (edit("TRN*1*EFT0001*1512345678~", ""), X12ValueError, number("LX") - 1,
                    "LX", None, "999 IK304=3"),
    "missing BPR": (edit(SEGMENTS[number("BPR") - 1] + "~", ""), X12ValueError,
                    number("BPR"), "TRN", None, "999 IK304=3"),
    "TS3 without LX": (edit("LX*1", "TS3*1234567893*11*20261231*2*400"), X12ValueError,
                       number("LX"), "TS3", None, "999 IK304=2"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_input_gives_a_specific_located_error(case: str) -> None:
    data, cls, seg_number, seg_id, element, ack = CASES[case]
    err = _reject(data)
    assert type(err) is cls, repr(err)
    assert (err.segment_number, err.segment_id, err.element) == (seg_number, seg_id, element), str(err)
    assert str(err.ack_code) == ack
    assert err.file == "bad.835"
    assert isinstance(err, BhBillingError)
    assert len(str(err)) < 400  # located and short, whatever the size of the bad value


def test_errors_never_echo_names_or_huge_values() -> None:
    err = _reject(edit("*DOE*JANE*", "*DOE" + "Z" * 70 + "*JANE*"))
    assert err.element == "NM103" and "DOE" not in str(err) and err.found == "73 characters"
    err = _reject(edit("REF*6R*A1-1", "REF*6R*" + "SECRET" * 10))
    assert err.element == "REF02" and "SECRET" not in str(err)


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"   \r\n", b"ST*835*0001~SE*2*0001~",
                                  b"\x00" * 200, BASE[:106], BASE.replace(b"~", b"")])
def test_not_x12_at_all(data: bytes) -> None:
    err = _reject(data)
    assert isinstance(err, X12SyntaxError | X12EnvelopeError)
    assert err.segment_number is not None or err.segment_id is not None
