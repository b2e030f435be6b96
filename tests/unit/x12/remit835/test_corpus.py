"""Every 835 of the shared corpus: read and balanced, or refused with the exact error.

Ring: x12 (pure). Expected figures were worked out by hand from the files (see each
comment); the corpus lives beside the repository (../shared/x12-corpus, as in
tests/unit/x12/test_x12_reader.py).
"""

from __future__ import annotations

import os
from decimal import Decimal as D
from pathlib import Path

import pytest

from bhbilling.x12.errors import X12EnvelopeError, X12Error, X12SyntaxError, X12ValueError
from bhbilling.x12.remit835 import balance_report, explain, read_835

CORPUS = Path(__file__).resolve().parents[4].parent / "shared" / "x12-corpus" / "835"

# file -> (claims, lines, BPR02, sum CLP04, sum PLB); every one balances to the cent.
BALANCED = {
    # 800-50-300 = 450 and 1200-55-600-50 = 495; 450 + 495 = 945
    "badx12__X221-dollars-and-data-sent-separate.edi": (2, 2, "945", "945", "0"),
    # 138018.40 + 11980.33 = 149998.73; minus PLB CV -1.27 = 150000.00
    "badx12__X221-dollars-and-data-sent-together.edi": (2, 0, "150000", "149998.73", "-1.27"),
    "lfh__medicare-part-a.835": (2, 0, "150000", "149998.73", "-1.27"),
    # five dental lines: 25 + 14 + 10 + 34 + 49 = 132
    "badx12__X221-era-sample.edi": (1, 5, "132", "132", "0"),
    # 132 + 74 + 108 + 14 + 16.80 + 132 + 108 + 82 + 144 = 810.80
    "badx12__X221-multiple-claims-single-check.edi": (9, 33, "810.80", "810.80", "0"),
    # 541 - (516 + -9) = 34
    "badx12__X221-secondary-payment-with-higher-fee-schedule.edi": (1, 1, "34", "34", "0"),
    # 10323.64 - 9411.64 = 912 and (166.50-136.50) + (585-305) = 310; 912 + 310 = 1222
    "badx12__X221-secondary-payments.edi": (2, 2, "1222", "1222", "0"),
    # 1766.50 - 1579 = 187.50
    "badx12__X221-tertiary-payments.edi": (1, 1, "187.50", "187.50", "0"),
    # BPR*H notification, three denied T1005 lines fully adjusted: 0
    "pyx12__835_mult_loops.txt": (1, 3, "0", "0", "0"),
}

# file -> (error class, segment number, segment id, element, 999/TA1 code)
REJECTED = {
    # on purpose: GS01 "HPO" (and GS04 20080543)
    "badx12__error_validation.edi": (X12EnvelopeError, 2, "GS", "GS01", "999 AK905=1"),
    # ST..SE only: no ISA, so no delimiters can be known
    "edi835parser__blue_cross_nc_sample.txt": (X12SyntaxError, 1, None, None, "TA1 TA105=022"),
    # BPR16 date 20002316 (month 23); pyx12 reports the same
    "lfh__managed-care.835": (X12ValueError, 4, "BPR", "BPR16", "999 IK403=8"),
    # one '*' short in BPR: the date sits in BPR15 and BPR16 is empty (pyx12 agrees); the
    # SVC01 composites are also broken ("HC>55669" with ':' declared in ISA16, "HC" alone)
    "lfh__cob-contractural-adjustment.835": (X12ValueError, 4, "BPR", "BPR16", "999 IK403=1"),
    "lfh__secondary-payment.835": (X12ValueError, 4, "BPR", "BPR16", "999 IK403=1"),
    "lfh__tertiary-payment.835": (X12ValueError, 4, "BPR", "BPR16", "999 IK403=1"),
}


def _files() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*") if p.is_file()) if CORPUS.is_dir() else []


def test_corpus_is_present_and_fully_classified() -> None:
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"X12 corpus missing at {CORPUS}")
        pytest.skip(f"X12 corpus not found at {CORPUS}")
    assert {p.name for p in _files()} == set(BALANCED) | set(REJECTED)


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_corpus_file(path: Path) -> None:
    if path.name in REJECTED:
        cls, number, seg_id, element, ack = REJECTED[path.name]
        with pytest.raises(X12Error) as info:
            list(read_835(path))
        err = info.value
        assert type(err) is cls
        assert (err.file, err.segment_number, err.segment_id, err.element) == (
            path.name, number, seg_id, element)
        assert str(err.ack_code) == ack
        return
    claims, lines, payment, paid, plb = BALANCED[path.name]
    (remit,) = list(read_835(path))
    report = balance_report(remit)
    assert (len(remit.claims), sum(len(c.lines) for c in remit.claims)) == (claims, lines)
    assert (report.payment, report.claims_paid, report.provider_adjustments) == (
        D(payment), D(paid), D(plb))
    assert report.balanced and report.imbalances == ()
    assert report.payment_difference == 0
    assert explain(remit, report)["balanced"] is True


def test_secondary_payments_fields() -> None:
    path = CORPUS / "badx12__X221-secondary-payments.edi"
    if not path.exists():
        pytest.skip("corpus not present")
    (remit,) = list(read_835(path))
    first, second = remit.claims
    assert (first.patient_control_number, first.status, first.charge, first.paid) == (
        "L0004828311", "2", D("10323.64"), D("912.00"))
    assert first.header_number == "1" and second.header_number == "2"
    assert [(a.group, a.reason, a.amount) for a in first.adjustments] == [("OA", "23", D("9411.64"))]
    assert first.amounts[0].qualifier == "AU" and first.amounts[0].amount == D("912")
    assert (first.facility_code, first.frequency) == ("11", "1")
    line = second.lines[1]
    assert (line.code, line.modifiers, line.charge, line.paid, line.units) == (
        "66543", ("26",), D("585.00"), D("280.00"), D("1"))
    # CAS*PR*1*150**2*70: two triplets of one segment, then CAS*CO*42*85
    assert [(a.group, a.reason, a.amount) for a in line.adjustments] == [
        ("PR", "1", D("150")), ("PR", "2", D("70")), ("CO", "42", D("85"))]
    assert line.allowed == D("500") and line.references[0].qualifier == "1B"
    assert second.patient_responsibility == D("220")
    assert remit.payee.tin == "599944521" and remit.payer.name == "YOUR TAX DOLLARS AT WORK"
    assert remit.header.receiver_identifier == "030240928"
    assert remit.header.payment_key == ("0012524965", "1559123456", D("1222.00"))


def test_medicare_part_a_header_numbers_and_remarks() -> None:
    path = CORPUS / "badx12__X221-dollars-and-data-sent-together.edi"
    if not path.exists():
        pytest.skip("corpus not present")
    (remit,) = list(read_835(path))
    assert [h.number for h in remit.header_numbers] == ["110212", "130212"]
    assert remit.header_numbers[0].summary[:2] == ("6543210903", "11")
    assert remit.header_numbers[0].supplemental_summary[0] == "2178.45"
    assert remit.claims[0].inpatient is not None and remit.claims[0].inpatient.remark_codes == ()
    assert remit.claims[1].outpatient is not None
    assert remit.claims[1].outpatient.remark_codes == ("MA02",)
    assert remit.claims[0].quantities[0].quantity == D("8")
    (plb,) = remit.provider_adjustments
    assert (plb.reason, plb.reference, plb.amount, plb.element) == ("CV", "CP", D("-1.27"), "PLB03")
    assert remit.payment.handling == "C" and remit.payment.method == "ACH"


def test_lfh_files_also_break_svc01_once_bpr16_is_mended() -> None:
    """Why the three lfh IG copies stay refused even with a tolerant BPR16."""
    expected = {"lfh__cob-contractural-adjustment.835": (21, "SVC01-1"),
                "lfh__secondary-payment.835": (29, "SVC01-1"),
                "lfh__tertiary-payment.835": (20, "SVC01-2")}
    for name, (number, element) in expected.items():
        path = CORPUS / name
        if not path.exists():
            pytest.skip("corpus not present")
        data = path.read_bytes().replace(b"***********2005", b"************2005")
        with pytest.raises(X12ValueError) as info:
            list(read_835(data, file_name=name))
        assert (info.value.segment_number, info.value.element) == (number, element)
