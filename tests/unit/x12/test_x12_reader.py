"""The streaming X12 reader: corpus, delimiters, envelope checks, robustness, bounded memory."""

from __future__ import annotations

import io
import os
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bhbilling.x12.envelope_reader import iter_transactions, split_by
from bhbilling.x12.errors import (
    IK403_TOO_MANY_ELEMENTS,
    X12EnvelopeError,
    X12Error,
    X12SyntaxError,
    X12ValueError,
)
from bhbilling.x12.reader import SegmentFeed, iter_segments, read_delimiters

DATA = Path(__file__).resolve().parent / "data"
CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "x12-corpus"

# corpus file -> (segment number, element) of the X12Error the reader must raise
EXPECTED_REJECTS = {
    "badx12__unknown_segment_error.edi": (3, None),  # on purpose: HL before ST
    "badx12__error_validation.edi": (2, "GS01"),  # on purpose: GS01 "HPO"
    "imsweb__x12_bad_first_line.txt": (1, "ISA02"),  # on purpose: ISA one char short
    "imsweb__x12_bad_segment_identifier.txt": (6, None),  # on purpose: "*IC" segment
    "imsweb__x12_no_isa_line.txt": (1, None),  # on purpose: starts at GS
    "edi835parser__blue_cross_nc_sample.txt": (1, None),  # ST..SE only, no ISA
    "lfh__subscriber-health-benefit-check-error.271": (10, "SE02"),  # SE02 4323 vs ST02 4321
    "imsweb__x12_277_x212.txt": (111, "IEA02"),
    "imsweb__x12_999_accepted.txt": (10, "IEA02"),
    # imsweb 837 fixtures all close with a hard-coded SE*25 whatever their length
    **{f"imsweb__x12_{name}.txt": (None, "SE01") for name in (
        "ambiguous_loop", "bad_valid_code", "complex", "loop_errors1_exceeds_max_1_parent",
        "loop_errors2_exceeds_max_repeats_multiple_parents", "loop_errors3_missing_loops",
        "many_claims", "missing_elements", "missing_required_loop_in_one_repeat",
        "missing_required_loops_mult_repeats", "multiple_gs", "multiple_isa", "multiple_st",
        "multiple_transactions", "no_errors", "segment_errors", "segments_out_of_order", "valid",
        "valid_different_separators", "writer_test")},
}


def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.glob("*/*") if p.is_file())


def test_corpus_is_present() -> None:
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"X12 corpus missing at {CORPUS} (CI must check it out beside the repo)")
        pytest.skip(f"X12 corpus not found at {CORPUS}; clone it beside the repo to run corpus tests")
    assert len(_corpus_files()) >= 90


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_corpus_file_reads_or_is_rejected_with_location(path: Path) -> None:
    expected = EXPECTED_REJECTS.get(path.name)
    if expected is None:
        transactions = list(iter_transactions(path))
        assert transactions
        for tx in transactions:
            assert tx.segments[0].id == "ST" and tx.segments[-1].id == "SE"
            assert int(tx.segments[-1][1]) == len(tx.segments)
            assert tx.group.version.startswith("005010")
    else:
        with pytest.raises(X12Error) as info:
            list(iter_transactions(path))
        number, element = expected
        assert info.value.file == path.name
        assert info.value.segment_number is not None
        if number is not None:
            assert info.value.segment_number == number
        assert info.value.element == element


def test_corpus_rejections_are_all_known() -> None:
    names = {p.name for p in _corpus_files()}
    if not names:
        pytest.skip("corpus not present")
    assert set(EXPECTED_REJECTS) <= names


# ---- copied fixtures: no dependency on ../shared ------------------------------------------

def test_835_fixture_streams_claim_by_claim() -> None:
    for tx in iter_transactions(DATA / "badx12__X221-multiple-claims-single-check.edi", stream=True):
        assert (tx.set_id, tx.group.version, tx.group.interchange.usage) == ("835", "005010X221A1", "P")
        claims = list(split_by(tx.segments))  # consumed before the next transaction is asked for
    assert len(claims) == 9
    assert all(c[0].id == "CLP" and c[0].get(1) for c in claims)
    svc = next(s for s in claims[0] if s.id == "SVC")
    assert svc.components(1)[0] in {"HC", "NU", "AD"}


def test_837_fixture_with_line_breaks() -> None:
    (tx,) = list(iter_transactions(DATA / "lfh__demo.example1.837"))
    assert tx.set_id == "837"
    clm = [c for c in split_by(tx.segments, {"CLM"}, {"HL", "SE"})]
    assert len(clm) == 1 and clm[0][0].id == "CLM"


def test_odd_delimiters_fixture() -> None:
    path = DATA / "imsweb__x12_valid_different_separators.txt"
    d = read_delimiters(path.read_bytes())
    assert (d.element, d.component, d.segment, d.repetition) == ("~", "^", "_", None)
    segs = list(iter_segments(path))
    assert segs[2].id == "ST" and segs[2][1] == "837"
    with pytest.raises(X12EnvelopeError) as info:
        list(iter_transactions(path))
    assert (info.value.segment_id, info.value.element) == ("SE", "SE01")


def test_broken_isa_fixture() -> None:
    with pytest.raises(X12SyntaxError) as info:
        list(iter_segments(DATA / "imsweb__x12_bad_first_line.txt"))
    assert (info.value.segment_number, info.value.element) == (1, "ISA02")


# ---- synthetic files ------------------------------------------------------------------------

def interchange(body: list[str], *, e: str = "*", c: str = ":", r: str = "^", t: str = "~",
                control: str = "000000001", nl: str = "", se_count: int | None = None,
                iea_control: str | None = None) -> str:
    isa = (f"ISA{e}00{e}{' ' * 10}{e}00{e}{' ' * 10}{e}ZZ{e}{'SENDER':<15}{e}ZZ{e}{'RECEIVER':<15}"
           f"{e}260601{e}1200{e}{r}{e}00501{e}{control}{e}0{e}P{e}{c}")
    segs = [isa, f"GS{e}HP{e}S{e}R{e}20260601{e}1200{e}7{e}X{e}005010X221A1", f"ST{e}835{e}0001",
            *[s.replace("*", e).replace(":", c) for s in body]]
    segs.append(f"SE{e}{se_count or len(segs) - 1}{e}0001")
    segs += [f"GE{e}1{e}7", f"IEA{e}1{e}{iea_control or control}"]
    return (t + nl).join(segs) + t + nl


BODY = ["BPR*I*100*C", "CLP*A1*1*100*80", "SVC*HC:90837*100*80", "CLP*A2*1*50*50", "PLB*X*Y*L6:1*1"]


@pytest.mark.parametrize(("delims", "nl"), [
    ({}, ""), ({}, "\n"), ({}, "\r\n"),
    ({"e": "|", "c": ">", "t": "^", "r": "!"}, ""),
    ({"e": "^", "c": "\\", "t": "'", "r": "{"}, "\r\n"),
    ({"e": "*", "c": ":", "t": "\n", "r": "^"}, ""),
    ({"e": "\x1d", "c": "\x1f", "t": "\x1c", "r": "\x1e"}, ""),
])
def test_any_legal_delimiters(delims: dict, nl: str) -> None:
    text = interchange(BODY, nl=nl, **delims)
    for source in (text.encode(), b"\xef\xbb\xbf  \r\n" + text.encode(), io.BytesIO(text.encode())):
        (tx,) = list(iter_transactions(source, chunk_size=4096))
        ids = [s.id for s in tx.segments]
        assert ids == ["ST", "BPR", "CLP", "SVC", "CLP", "PLB", "SE"]
        svc = tx.segments[3]
        assert svc.components(1) == ("HC", "90837") and svc[3] == "80" and svc[9] == ""
        assert [c[0][1] for c in split_by(tx.segments)] == ["A1", "A2"]


def test_small_chunks_split_segments_and_utf8_anywhere() -> None:
    text = interchange(["NM1*QC*1*MÜLLER*JOSÉ", *BODY], nl="\n") * 3
    data = text.replace("000000001", "000000001").encode()
    segs = list(iter_segments(data, chunk_size=1, file_name="x.835"))
    assert [s.number for s in segs] == list(range(1, len(segs) + 1))
    assert segs[3][3] == "MÜLLER"
    assert len(list(iter_transactions(data, chunk_size=7))) == 3


def test_two_interchanges_with_different_delimiters() -> None:
    data = (interchange(BODY, nl="\n") + interchange(BODY, e="|", c=">", t="'", control="000000002"))
    txs = list(iter_transactions(data.encode()))
    assert [t.group.interchange.control_number for t in txs] == ["000000001", "000000002"]
    assert txs[1].segments[3].components(1) == ("HC", "90837")


@pytest.mark.parametrize(("text", "number", "seg_id", "element", "ack"), [
    (interchange(BODY, se_count=3), 9, "SE", "SE01", "999 IK502=4"),
    (interchange(BODY, iea_control="000000009"), 11, "IEA", "IEA02", "TA1 TA105=001"),
    (interchange(BODY).replace("GE*1*7", "GE*2*7"), 10, "GE", "GE01", "999 AK905=5"),
    (interchange(BODY).replace("*0001~GE", "*0002~GE"), 9, "SE", "SE02", "999 IK502=3"),
    (interchange(BODY).replace("IEA*1*", "IEA*x*"), 11, "IEA", "IEA01", "999 IK403=6"),
    (interchange(BODY).replace("CLP*A2", "CLP*A\x012"), 7, "CLP", "CLP01", "999 IK403=6"),
    (interchange(BODY).replace("*20260601*", "*20261341*"), 2, "GS", "GS04", "999 IK403=8"),
])
def test_envelope_and_syntax_errors_are_located(text, number, seg_id, element, ack) -> None:
    with pytest.raises(X12Error) as info:
        list(iter_transactions(text.encode(), file_name="remit.835"))
    err = info.value
    assert (err.segment_number, err.segment_id, err.element) == (number, seg_id, element)
    assert str(err).startswith(f"remit.835 segment {number} ({seg_id}), element {element}: ")
    assert str(err).endswith(f"[{ack}]")


def test_truncated_file_missing_iea_and_mid_segment() -> None:
    text = interchange(BODY)
    with pytest.raises(X12EnvelopeError, match="IEA closing interchange") as info:
        list(iter_transactions(text[: text.index("IEA")].encode()))
    assert info.value.segment_number == 11
    with pytest.raises(X12SyntaxError, match="file ends inside a segment") as info:
        list(iter_transactions(text[: text.index("CLP*A2") + 4].encode()))
    assert (info.value.segment_number, info.value.segment_id) == (7, "CLP")


def test_invalid_utf8_and_missing_se() -> None:
    with pytest.raises(X12SyntaxError, match=r"invalid character \\xff") as info:
        list(iter_segments(interchange(BODY).encode().replace(b"CLP*A1", b"CLP*A\xff")))
    assert (info.value.segment_number, info.value.element) == (5, "CLP01")
    broken = interchange(BODY).replace("SE*7*0001~", "")
    with pytest.raises(X12EnvelopeError, match="GE before SE") as info:
        list(iter_transactions(broken.encode()))
    assert info.value.segment_number == 9


def test_segment_accessors_and_error_helper() -> None:
    seg = next(s for s in iter_segments(interchange(BODY).encode(), file_name="r.835") if s.id == "CLP")
    assert (seg[1], seg.get(9, "-"), len(seg), seg.component(1, 1)) == ("A1", "-", 4, "A1")
    assert list(seg) == ["CLP", "A1", "1", "100", "80"]
    err = seg.error(4, "a decimal amount")
    assert str(err) == "r.835 segment 5 (CLP), element CLP04: expected a decimal amount, found '80'"
    with pytest.raises(X12Error, match="CLP07"):
        seg.require(7)
    assert "A1" not in repr(seg)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.booleans())
def test_random_bytes_only_raise_x12error(data: bytes, with_isa: bool) -> None:
    if with_isa:
        data = interchange(["CLP*1"]).encode()[:130] + data
    try:
        for tx in iter_transactions(data, chunk_size=64, stream=True):
            list(split_by(tx.segments))
    except X12Error as err:
        assert str(err)


def test_memory_stays_bounded_on_a_50mb_file(tmp_path: Path) -> None:
    path = tmp_path / "big.835"
    filler = "NTE*ADD*" + "X" * 240
    with path.open("w") as out:
        head = interchange([]).split("SE*")[0]
        out.write(head)
        n = 0
        for i in range(200_000):
            out.write(f"CLP*C{i}*1*10*10~{filler}~")
            n += 2
        out.write(f"SE*{n + 2}*0001~GE*1*7~IEA*1*000000001~")
    assert path.stat().st_size > 50_000_000
    tracemalloc.start()
    try:
        claims = 0
        for tx in iter_transactions(path, stream=True):
            for _claim in split_by(tx.segments):
                claims += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert claims == 200_000
    print(f"tracemalloc peak {peak / 1e6:.1f} MB")
    assert peak < 20_000_000, f"peak {peak / 1e6:.1f} MB"


# ---- wrapped ISA, segment length, SegmentFeed ----------------------------------------------

def _wrap(text: str, width: int = 80, nl: str = "\r\n") -> bytes:
    """The whole file, ISA included, cut into lines of `width` characters."""
    return nl.join(text[i:i + width] for i in range(0, len(text), width)).encode()


@pytest.mark.parametrize(("width", "nl"), [(80, "\r\n"), (80, "\n"), (7, "\r\n"), (105, "\n")])
def test_a_file_wrapped_inside_the_isa_reads_the_same(width: int, nl: str) -> None:
    text = interchange(BODY)
    plain = [(s.number, s.elements) for s in iter_segments(text.encode())]
    wrapped = _wrap(text, width, nl)
    assert wrapped[:106] != text[:106].encode()  # the ISA itself holds a line break
    assert [(s.number, s.elements) for s in iter_segments(wrapped, chunk_size=50)] == plain
    assert len(list(iter_transactions(wrapped))) == 1


def test_a_line_break_just_before_the_isa_terminator_is_wrapping() -> None:
    text = interchange(BODY)
    data = (text[:105] + "\r\n" + text[105:]).encode()  # "...*:\r\n~GS*..."
    assert [s.elements for s in iter_segments(data)] == [s.elements for s in iter_segments(text.encode())]
    assert read_delimiters(text).segment == "~"


def test_a_broken_isa_is_still_refused_when_line_breaks_do_not_explain_it() -> None:
    text = interchange(BODY).replace("*ZZ*SENDER", "*ZZ*\r\nSENDE", 1)  # one character short
    with pytest.raises(X12SyntaxError) as info:
        list(iter_segments(text.encode()))
    assert (info.value.segment_number, info.value.element) == (1, "ISA06")


@pytest.mark.parametrize("chunk_size", [1 << 20, 64, 7])
def test_every_segment_longer_than_the_maximum_is_refused(chunk_size: int) -> None:
    long_name = "NM1*QC*1*" + "D" * 300 + "*JANE"
    text = interchange(["BPR*I*100*C", long_name, *BODY[1:]])
    with pytest.raises(X12Error) as info:
        list(iter_segments(text.encode(), file_name="r.835", chunk_size=chunk_size,
                           max_segment_length=200))
    err = info.value
    assert type(err) is X12ValueError
    assert (err.segment_number, err.segment_id, err.element, str(err.ack_code)) == (
        5, "NM1", "NM103", "999 IK403=5")
    assert err.found == "more than 200 characters" and "DDD" not in str(err)
    # at the limit it reads
    ok = interchange(["BPR*I*100*C", long_name[:200], *BODY[1:]])
    assert len(list(iter_segments(ok.encode(), chunk_size=chunk_size, max_segment_length=200))) == 12


def test_a_long_segment_of_many_short_elements_names_no_element() -> None:
    text = interchange(["BPR*I*100*C", "CLP" + "*1" * 150, *BODY[1:]])
    with pytest.raises(X12ValueError) as info:
        list(iter_segments(text.encode(), max_segment_length=200))
    assert (info.value.segment_id, info.value.element) == ("CLP", None)


def test_segments_before_a_long_one_are_read_first() -> None:
    text = interchange(["BPR*I*100*C", "NTE*ADD*" + "X" * 500, *BODY[1:]])
    seen = []
    with pytest.raises(X12ValueError):
        for seg in iter_segments(text.encode(), max_segment_length=400):
            seen.append(seg.id)
    assert seen == ["ISA", "GS", "ST", "BPR"]


@pytest.mark.parametrize("chunk_size", [1 << 20, 97, 5])
def test_the_feed_hands_out_what_iter_segments_yields(chunk_size: int) -> None:
    data = (interchange(["NM1*QC*1*MÜLLER", *BODY], nl="\n") + "~~"
            + interchange(BODY, e="|", c=">", t="'", control="000000002")).encode()
    feed = SegmentFeed(data, chunk_size=chunk_size)
    fetched = []
    while (seg := feed.fetch()) is not None:
        fetched.append((seg.number, seg.elements))
    feed.close()
    assert fetched == [(s.number, s.elements) for s in iter_segments(data, chunk_size=chunk_size)]
    assert fetched[-1][0] == feed.number == 23


def test_too_many_elements_has_its_999_code() -> None:
    assert str(IK403_TOO_MANY_ELEMENTS) == "999 IK403=3"
