"""The test-side 835 writer is trustworthy: pyx12 finds zero errors in what it writes.

pyx12 is an independent 005010X221A1 validator. If the writer drifted from the guide, the
reader tests built on it could pass against files no payer sends; this pins it.
"""

from __future__ import annotations

import pytest

from bhbilling.x12.remit835 import balance_report, read_835
from bhbilling.x12.syntax import Delimiters
from tests.unit.x12.pyx12check import pyx12_errors
from tests.unit.x12.remit835.make835 import ClaimSpec, LineSpec, RemitSpec, simple_claim, write_835


def _every_feature() -> list[RemitSpec]:
    denied = ClaimSpec("P3", "150", "0", status="4", lines=[LineSpec(
        "90834", "150", "0", [("CO", "29", "150")], control="P3-1", remarks=("N211", "M86"))])
    reversal = ClaimSpec("P4", "-200", "-140", status="22", payer_claim="OLD4", lines=[LineSpec(
        "90837", "-200", "-140", [("CO", "45", "-40"), ("PR", "2", "-20")], control="P4-1")])
    many = LineSpec("H0004", "400", "100", [("CO", str(r), "25") for r in (45, 253, 59, 97, 94, 96)]
                    + [("CO", "A1", "50"), ("PR", "1", "50"), ("PR", "3", "50"), ("OA", "23", "0")],
                    modifiers=("HF", "U4"), units="4", control="P5-1", original_code="H0005")
    return [RemitSpec([simple_claim("P1"), simple_claim("P2", crossover_carrier="STATE MEDICAID",
                                                        insured=("ROE", "RICHARD"),
                                                        original_claim="OLD2",
                                                        moa_remarks=("MA01", "N130"),
                                                        coverage="200"),
                       denied, reversal, ClaimSpec("P5", "400", "100", lines=[many])],
                      # six items fill one PLB; pyx12 4.0 wrongly refuses a second PLB
                      # ("Loop FOOTER exceeded max count") though the guide repeats it >1
                      plb=[("WO", "P9", "12.5"), ("L6", "", "-1.25"), ("72", "OLD4", "5"),
                           ("FB", "X1", "1"), ("CS", "", "2"), ("J1", "", "3")],
                      method="ACH", handling="C", delivery="BILLING OFFICE"),
            RemitSpec([simple_claim("Q1")], trace="CHK1002")]


@pytest.mark.parametrize(("delimiters", "newline"), [
    (Delimiters(), ""), (Delimiters(), "\r\n"), (Delimiters("|", ">", "!", "'"), "\n")])
def test_written_835_passes_pyx12_with_zero_errors(delimiters: Delimiters, newline: str) -> None:
    data = write_835(_every_feature(), d=delimiters, newline=newline)
    assert pyx12_errors(data.decode()) == []
    remits = list(read_835(data))
    assert [len(r.claims) for r in remits] == [5, 1]
    assert [len(r.provider_adjustments) for r in remits] == [6, 0]
    assert remits[0].payee.delivery == ("BM", "BILLING OFFICE", "")
    assert all(balance_report(r).balanced for r in remits)
    # ten CAS triplets on one line: CAS*CO with six, CAS*CO with one, CAS*PR, CAS*OA
    line = remits[0].claims[4].lines[0]
    assert len(line.adjustments) == 10 and line.original_procedure.code == "H0005"


def test_pyx12_does_catch_a_broken_file() -> None:
    """The check can fail: a claim without its CLP07 payer claim number is an error."""
    data = write_835(_every_feature()).replace(b"*12*PCLM0001*11*1~", b"*12**11*1~", 1)
    assert pyx12_errors(data.decode()) != []
