"""check_envelopes collects every envelope finding, located, and explain() says it plainly."""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.kernel.findings import Finding
from bhbilling.x12.claim837p import write_837p
from bhbilling.x12.errors import X12Error
from bhbilling.x12.validation import check_envelopes, explain, segment_id_of
from tests.unit.x12.samples_837p import sample_claims, sample_transactions

TEXT = write_837p(sample_transactions([claim for _, claim in sample_claims()]),
                  sender_id="NWB0001", receiver_id="EXCH01", interchange_control_number=1,
                  group_control_number=1, created=dt.datetime(2026, 3, 25, 9, 30), test=True)
SEGMENTS = TEXT.split("~")[:-1]


def _number(prefix: str, nth: int = 0) -> int:
    """1-based segment number of the nth segment starting with `prefix`."""
    return [i for i, s in enumerate(SEGMENTS, start=1) if s.startswith(prefix)][nth]


def _replace(prefix: str, new: str, nth: int = 0, text: str = TEXT) -> str:
    """`text` with the nth segment starting with `prefix` replaced (dropped when `new` is "")."""
    segs = text.split("~")[:-1]
    index = [i for i, s in enumerate(segs) if s.startswith(prefix)][nth]
    segs[index : index + 1] = [new] if new else []
    return "~".join(segs) + "~"


def _check(text: str) -> list[Finding]:
    return check_envelopes(text.encode(), "claims.837")


def test_a_clean_file_has_no_findings():
    assert _check(TEXT) == []
    assert SEGMENTS[_number("SE") - 1].startswith("SE*433*0001")


def test_wrong_se01_is_located_with_the_count_expected():
    (finding,) = _check(_replace("SE*433", "SE*9*0001"))
    assert finding.code == "999 IK502=4"
    assert finding.segment == _number("SE")
    assert finding.field == "SE01"
    assert finding.file == "claims.837"
    assert finding.expected == "433 (segments from ST to SE)"
    assert "found '9'" in finding.message


def test_wrong_iea02_is_located():
    (finding,) = _check(_replace("IEA", "IEA*1*000000002"))
    assert (finding.code, finding.segment, finding.field) == ("TA1 TA105=001", len(SEGMENTS), "IEA02")
    assert finding.expected == "ISA13 '000000001'"


def test_checking_resumes_after_an_error_so_later_ones_are_found_too():
    text = _replace("IEA", "IEA*1*000000002", text=_replace("SE*433", "SE*9*0001"))
    findings = _check(text)
    assert [(f.segment, f.field) for f in findings] == [(_number("SE"), "SE01"),
                                                        (len(SEGMENTS), "IEA02")]


def test_resuming_at_the_next_st_keeps_the_group_count_right():
    """SE of the first transaction missing: one finding at the next ST, GE01=2 still holds."""
    text = _replace("SE*433", "")
    (finding,) = _check(text)
    assert finding.code == "999 IK502=2"
    assert finding.segment == _number("ST", 1) - 1  # one segment fewer before it
    assert finding.field == "ST"
    assert "before SE" in finding.message


def test_a_broken_interchange_does_not_hide_the_next_one():
    bad = _replace("GE", "GE*3*1")
    findings = _check(bad + TEXT + _replace("IEA", "IEA*2*000000001"))
    assert [(f.code, f.field) for f in findings] == [("999 AK905=5", "GE01"),
                                                     ("TA1 TA105=021", "IEA01")]
    assert findings[1].segment == 3 * len(SEGMENTS)


def test_a_file_cut_inside_a_segment_stops_with_premature_end():
    cut = TEXT[: TEXT.index("~", 500) - 3]
    (finding,) = _check(cut)
    assert finding.code == "TA1 TA105=023"
    assert "truncated" in finding.message
    assert "truncated" in explain(finding)


def test_a_file_cut_at_a_segment_boundary_says_which_trailer_is_missing():
    cut = "~".join(SEGMENTS[:40]) + "~"
    (finding,) = _check(cut)
    assert finding.code == "999 IK502=2"
    assert finding.segment == 41
    assert "SE closing transaction '0001'" in finding.expected


def test_an_unreadable_file_raises_instead_of_reporting_a_finding(tmp_path):
    with pytest.raises(X12Error, match="cannot read the file"):
        check_envelopes(tmp_path / "absent.837")


def test_explain_gives_plain_words_then_the_detail():
    finding = _check(_replace("SE*433", "SE*9*0001"))[0]
    text = explain(finding)
    assert text.startswith("SE01 must count every segment of the transaction, ST and SE included.")
    assert "found '9'" in text
    assert "expected 433" in text


def test_explain_of_an_unknown_code_is_the_message_as_a_sentence():
    finding = Finding(code="x12", message="something odd", expected="a value")
    assert explain(finding) == "Something odd; expected a value."
    assert explain(Finding(code="999 IK403=7", message="")) == (
        "The value is not one of the codes the guide allows for this element.")


@pytest.mark.parametrize(("field", "segment"), [
    ("SE01", "SE"), ("SE", "SE"), ("NM109", "NM1"), ("N301", "N3"), ("CLM05-3", "CLM"),
    ("ISA13", "ISA"), (None, ""),
])
def test_segment_id_of_reads_the_element_label(field, segment):
    assert segment_id_of(Finding(code="x12", message="m", field=field)) == segment


def test_a_missing_last_se_still_checks_the_group_and_interchange_trailers():
    text = _replace("IEA", "IEA*1*000000002", text=_replace("SE*211", ""))
    findings = _check(text)
    assert [(f.code, f.field) for f in findings] == [("999 IK502=2", "GE"),
                                                     ("TA1 TA105=001", "IEA02")]
    assert findings[0].segment == _number("GE") - 1
