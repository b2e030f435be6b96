"""Reading 835s into the model: every field a poster needs, any delimiters, streaming.

Ring: x12 (pure). Files come from the test-side writer `make835` (checked by pyx12 in
test_make835_pyx12.py), so each expected value below is what the spec says.
"""

from __future__ import annotations

import datetime as dt
import tracemalloc
from decimal import Decimal as D
from pathlib import Path

import pytest

from bhbilling.x12.remit835 import (
    BalanceCheck,
    ClaimPayment,
    balance_report,
    iter_835,
    read_835,
)
from bhbilling.x12.syntax import Delimiters
from tests.unit.x12.remit835.make835 import (
    DOS,
    PAID_ON,
    ClaimSpec,
    LineSpec,
    RemitSpec,
    simple_claim,
    write_835,
)


def _rich() -> RemitSpec:
    reversal = ClaimSpec("PCN9", "-200", "-140", status="22", patient_responsibility="-20",
                         payer_claim="PAY-OLD", lines=[LineSpec(
                             "90837", "-200", "-140", [("CO", "45", "-40"), ("PR", "2", "-20")],
                             modifiers=("95",), control="PCN9-1")])
    changed = LineSpec("90838", "250", "150", [("CO", "45", "60"), ("PR", "3", "40")], units="2",
                       control="PCN2-1", allowed="190", remarks=("N130", "M15"),
                       original_code="90837", date=dt.date(2026, 5, 20))
    crossover = ClaimSpec("PCN2", "250", "150", status="19", patient_responsibility="40",
                          payer_claim="PAY-2", lines=[changed], crossover_carrier="STATE MEDICAID",
                          insured=("ROE", "RICHARD"), original_claim="PAY-OLD",
                          moa_remarks=("MA01", "N130"), coverage="250")
    return RemitSpec([simple_claim("PCN1", payer_claim="PAY-1"), crossover, reversal],
                     plb=[("WO", "PCN7", "35"), ("L6", "", "-1.25"), ("72", "PAY-OLD", "10")],
                     method="ACH", handling="C", trace="883311")


def test_every_field_a_poster_needs() -> None:
    (remit,) = list(read_835(write_835([_rich()]), file_name="era.835"))
    h = remit.header
    assert (h.file, h.control_number, h.interchange_control_number, h.usage) == (
        "era.835", "0001", "000000001", "P")
    # 140 + 150 - 140 = 150 paid; minus PLB 35 - 1.25 + 10 = 43.75 -> 106.25
    assert (remit.payment.amount, remit.payment.method, remit.payment.handling) == (
        D("106.25"), "ACH", "C")
    assert remit.payment.date == PAID_ON and h.production_date == PAID_ON
    assert h.payment_key == ("883311", "1512345678", D("106.25"))
    assert (remit.payee.npi, remit.payee.tin, remit.payer.contacts[0].function) == (
        "1234567893", "371234567", "BL")
    plain, crossover, reversal = remit.claims
    assert [c.index for c in remit.claims] == [1, 2, 3]
    assert (plain.patient_control_number, plain.payer_claim_number, plain.status) == (
        "PCN1", "PAY-1", "1")
    assert (plain.charge, plain.paid, plain.patient_responsibility) == (D(200), D(140), D(20))
    line = plain.lines[0]
    assert (line.control_number, line.code, line.modifiers, line.date, line.units) == (
        "PCN1-1", "90837", ("95",), DOS, D(1))
    assert [(a.group, a.reason, a.amount) for a in line.adjustments] == [
        ("CO", "45", D(40)), ("PR", "2", D(20))]
    assert line.allowed == D(160) and [r.code for r in line.remarks] == ["N130"]
    assert plain.patient is not None and plain.patient.last == "DOE"
    assert plain.service_provider is not None and plain.service_provider.identifier == "1245319599"
    assert crossover.is_crossover and crossover.crossover_carrier is not None
    assert crossover.crossover_carrier.last == "STATE MEDICAID"
    assert crossover.insured is not None and crossover.insured.first == "RICHARD"
    assert crossover.reference("F8") == "PAY-OLD"
    assert crossover.outpatient is not None and crossover.outpatient.remark_codes == ("MA01", "N130")
    changed = crossover.lines[0]
    assert (changed.code, changed.units, changed.original_procedure.code) == ("90838", D(2), "90837")
    assert changed.date == dt.date(2026, 5, 20) and crossover.statement_from == dt.date(2026, 5, 20)
    assert reversal.is_reversal and reversal.paid == D("-140.00")
    assert [(p.reason, p.reference, p.amount) for p in remit.provider_adjustments] == [
        ("WO", "PCN7", D(35)), ("L6", "", D("-1.25")), ("72", "PAY-OLD", D(10))]
    assert balance_report(remit).balanced


def test_amounts_have_two_places_and_names_stay_out_of_repr() -> None:
    (remit,) = list(read_835(write_835([_rich()])))
    claim = remit.claims[0]
    assert str(claim.charge) == "200.00" and str(remit.provider_adjustments[1].amount) == "-1.25"
    text = repr(remit)
    assert "DOE" not in text and "W123456789" not in text and "RICHARD" not in text
    ref = remit.claims[1].references[0]
    assert (ref.qualifier, ref.value) == ("F8", "PAY-OLD") and "PAY-OLD" not in repr(ref)
    assert "PCN1" in text  # our own account number stays visible for debugging


@pytest.mark.parametrize(("delimiters", "newline", "bom"), [
    (Delimiters(), "", False),
    (Delimiters(), "\n", False),
    (Delimiters(), "\r\n", True),
    (Delimiters("|", ">", "!", "'"), "\r\n", False),
    (Delimiters("^", "\\", "{", "~"), "", True),
    (Delimiters("\x1d", "\x1f", "\x1e", "\x1c"), "", False),
])
def test_any_delimiters_line_breaks_and_bom_read_the_same(delimiters, newline, bom) -> None:
    reference = list(read_835(write_835([_rich()])))
    data = write_835([_rich()], d=delimiters, newline=newline)
    if bom:
        data = b"\xef\xbb\xbf" + data
    remits = list(read_835(data))
    assert [r.claims for r in remits] == [r.claims for r in reference]
    assert remits[0].provider_adjustments == reference[0].provider_adjustments


def test_body_wrapped_at_80_columns_reads_the_same() -> None:
    data = write_835([_rich()])
    body = data[106:]  # the ISA stays whole: x12.reader reads it by fixed positions
    wrapped = data[:106] + b"\r\n" + b"\r\n".join(body[i:i + 80] for i in range(0, len(body), 80))
    assert [r.claims for r in read_835(wrapped)] == [r.claims for r in read_835(data)]


@pytest.mark.parametrize("newline", [b"\r\n", b"\n"])
def test_whole_file_wrapped_at_80_columns_isa_included_reads_the_same(newline: bytes) -> None:
    data = write_835([_rich()])
    wrapped = newline.join(data[i:i + 80] for i in range(0, len(data), 80))
    assert newline in wrapped[:110]  # the line break falls inside the ISA (ISA10 "12\r\n00")
    assert [r.claims for r in read_835(wrapped)] == [r.claims for r in read_835(data)]


def test_several_transactions_and_interchanges_in_one_file() -> None:
    first = write_835([_rich(), RemitSpec([simple_claim("B1")], trace="T2")])
    second = write_835([RemitSpec([simple_claim("C1")], trace="T3")], d=Delimiters("|", ">", "!", "'"),
                       interchange=2)
    remits = list(read_835(first + second))
    assert [r.trace.number for r in remits] == ["883311", "T2", "T3"]
    assert [r.header.interchange_control_number for r in remits] == [
        "000000001", "000000001", "000000002"]
    assert [r.control_number for r in remits] == ["0001", "0002", "0001"]


def test_streaming_claim_by_claim_with_a_running_balance() -> None:
    data = write_835([_rich(), RemitSpec([simple_claim("B1")], trace="T2")])
    seen: list[tuple[str, bool, int, int]] = []
    for stream in iter_835(data):
        check = BalanceCheck(stream.header)
        with pytest.raises(RuntimeError):
            _ = stream.provider_adjustments  # the trailer comes after the last claim
        for claim in stream.claims():
            assert isinstance(claim, ClaimPayment)
            check.add(claim)
        with pytest.raises(RuntimeError):
            stream.claims()
        report = check.finish(stream.provider_adjustments)
        seen.append((stream.header.trace.number, report.balanced, report.claim_count,
                     len(stream.header_numbers)))
    assert seen == [("883311", True, 3, 1), ("T2", True, 1, 1)]


def test_a_stream_left_unread_does_not_stop_the_next_one() -> None:
    data = write_835([_rich(), RemitSpec([simple_claim("B1")], trace="T2")])
    traces = [stream.header.trace.number for stream in iter_835(data)]
    assert traces == ["883311", "T2"]


def test_a_path_is_read_and_named_in_errors(tmp_path: Path) -> None:
    path = tmp_path / "payer.835"
    path.write_bytes(write_835([_rich()]).replace(b"CLP*PCN1*1*200*140", b"CLP*PCN1*1*200*1X0"))
    with pytest.raises(Exception) as info:
        list(read_835(path))
    assert str(info.value).startswith("payer.835 segment 17 (CLP), element CLP04: ")


def test_memory_stays_bounded_while_streaming(tmp_path: Path) -> None:
    path = tmp_path / "big.835"
    spec = RemitSpec([simple_claim(f"P{i:06d}") for i in range(4000)])
    path.write_bytes(write_835([spec]))
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = 0
        for stream in iter_835(path, chunk_size=1 << 16):
            check = BalanceCheck(stream.header)
            for claim in stream.claims():
                check.add(claim)
                count += 1
            assert check.finish(stream.provider_adjustments).balanced
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 4000
    assert size > 1_000_000
    print(f"tracemalloc peak {peak / 1e6:.2f} MB")
    assert peak < 2_000_000, f"peak {peak / 1e6:.2f} MB for a {size / 1e6:.1f} MB file"


def test_several_plb_segments_and_their_elements() -> None:
    items = [("WO", f"P{i}", str(i)) for i in range(1, 9)]  # eight items: two PLB segments
    (remit,) = list(read_835(write_835([RemitSpec([simple_claim("A1")], plb=items)])))
    got = [(p.reference, p.amount, p.element) for p in remit.provider_adjustments]
    assert got == [(f"P{i}", D(i), f"PLB{1 + 2 * ((i - 1) % 6 + 1):02d}") for i in range(1, 9)]
    assert len({p.segment_number for p in remit.provider_adjustments}) == 2
    assert balance_report(remit).provider_adjustments == D(36)
