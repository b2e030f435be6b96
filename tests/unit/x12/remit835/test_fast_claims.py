"""The claim fast path reads exactly what the full reader reads, or leaves the claim to it.

Ring: x12 (pure). `read_835` reads well-formed claims with `fast_claims` and the rest with
`claim_reading.read_claim`. Each test reads the same bytes twice -- as shipped, and with
the fast path switched off (so every claim goes through `read_claim`, the reader as it was
before the fast path existed) -- and wants equal remittances, or the same error down to
segment, element and 999 code. The mutated files reuse the fuzz test's mutations.
"""

from __future__ import annotations

import dataclasses
import pickle
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from bhbilling.x12.errors import X12Error
from bhbilling.x12.remit835 import (
    Adjustment,
    ClaimPayment,
    EntityName,
    ServicePayment,
    iter_835,
    read_835,
)
from bhbilling.x12.remit835 import reading as reading_module
from bhbilling.x12.remit835.fast_values import MEMO_SIZE, Memo, Memos, NotFast, builder
from bhbilling.x12.syntax import Delimiters
from tests.unit.x12.remit835.make835 import (
    ClaimSpec,
    LineSpec,
    RemitSpec,
    simple_claim,
    write_835,
)
from tests.unit.x12.remit835.test_fuzz import _base, _mutate
from tests.unit.x12.remit835.test_reading import _rich

CORPUS = Path(__file__).resolve().parents[4].parent / "shared" / "x12-corpus" / "835"


def _no_fast_path(cursor, index, header_number, memos) -> Iterator[ClaimPayment]:
    return index  # a generator that yields nothing: every claim goes to read_claim
    yield  # pragma: no cover


def _outcome(data: bytes, **kw) -> object:
    """Every remittance, or the error's identity (class, location, message, 999 code)."""
    try:
        return list(read_835(data, file_name="x.835", **kw))
    except X12Error as err:
        return (type(err), err.segment_number, err.segment_id, err.element, err.ack_code, str(err))


def _both(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    fast = _outcome(data)
    with monkeypatch.context() as patch:
        patch.setattr(reading_module, "fast_claims", _no_fast_path)
        full = _outcome(data)
    return fast, full


def _varied(n: int) -> bytes:
    """Claims that share little: other amounts, dates, codes, CAS groups, MOA, PLB."""
    rng = random.Random(7)
    claims = []
    for i in range(n):
        charge = Decimal(rng.randint(5000, 40000)) / 100
        co = Decimal(rng.randint(0, 1000)) / 100
        pr = Decimal(rng.randint(0, 1000)) / 100
        paid = charge - co - pr
        line = LineSpec(rng.choice(["90837", "90834", "90791", "H0031", "96130"]), str(charge),
                        str(paid), [("CO", "45", str(co)), ("PR", rng.choice("123"), str(pr))],
                        modifiers=rng.choice([(), ("95",), ("HO", "GT")]), control=f"L{i}",
                        units=str(rng.randint(1, 4)), allowed=str(charge - co),
                        remarks=rng.choice([(), ("N130",), ("M15", "N130")]))
        claims.append(ClaimSpec(f"P{i:05d}", str(charge), str(paid), patient_responsibility=str(pr),
                                lines=[line], patient=(f"LAST{i}", "FIRST"),
                                moa_remarks=("MA01",) if i % 7 == 0 else (),
                                insured=("ROE", "RAY") if i % 5 == 0 else None))
    return write_835([RemitSpec(claims, plb=[("WO", "P00001", "10"), ("L6", "", "-2.5")])])


FILES = {
    "rich": write_835([_rich()]),
    "fuzz base": _base(),
    "varied": _varied(60),
    "other delimiters": write_835([_rich(), RemitSpec([simple_claim(f"B{i}") for i in range(5)])],
                                  d=Delimiters("|", ">", "!", "'"), newline="\r\n"),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_fast_and_full_readers_give_equal_remittances(name: str, monkeypatch) -> None:
    fast, full = _both(FILES[name], monkeypatch)
    assert isinstance(fast, list) and fast
    assert fast == full


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*")) if CORPUS.is_dir() else [],
                         ids=lambda p: p.name)
def test_corpus_reads_the_same_either_way(path: Path, monkeypatch) -> None:
    fast, full = _both(path.read_bytes(), monkeypatch)
    assert fast == full


def test_mutated_files_read_or_fail_the_same_either_way(monkeypatch) -> None:
    rng = random.Random(20261128)
    bases = [_base(), FILES["varied"], FILES["rich"]]
    outcomes = {"read": 0, "refused": 0}
    for n in range(1500):
        data = _mutate(rng.choice(bases), rng)
        fast, full = _both(data, monkeypatch)
        assert fast == full, f"mutated file {n}"
        outcomes["read" if isinstance(fast, list) else "refused"] += 1
    assert all(count > 50 for count in outcomes.values()), outcomes


def test_the_fast_path_reads_every_claim_not_followed_by_the_se(monkeypatch) -> None:
    calls = []
    full_reader = reading_module.read_claim

    def counted(cursor, index, header_number):
        calls.append(index)
        return full_reader(cursor, index, header_number)

    monkeypatch.setattr(reading_module, "read_claim", counted)
    (remit,) = list(read_835(FILES["varied"]))  # the claims end at a PLB
    assert len(remit.claims) == 60 and calls == []
    (remit,) = list(read_835(write_835([RemitSpec([simple_claim(f"A{i}") for i in range(9)])])))
    assert len(remit.claims) == 9 and calls == [9]  # the SE's counts are the cursor's to check


def test_small_chunks_cut_claims_and_still_read_the_same() -> None:
    data = FILES["varied"]
    whole = [c for s in iter_835(data) for c in s.claims()]
    for size in (97, 1000, 4096):
        assert [c for s in iter_835(data, chunk_size=size) for c in s.claims()] == whole


def test_a_bad_value_in_a_claim_the_fast_path_would_read_is_reported_by_the_full_reader() -> None:
    data = FILES["varied"].replace(b"CLP*P00003*1*", b"CLP*P00003*9*", 1)
    with pytest.raises(X12Error) as info:
        list(read_835(data, file_name="v.835"))
    segments = data.decode().split("~")
    number = next(i for i, s in enumerate(segments, start=1) if s.startswith("CLP*P00003"))
    assert (info.value.segment_number, info.value.element, str(info.value.ack_code)) == (
        number, "CLP02", "999 IK403=7")


def test_builder_makes_ordinary_frozen_instances() -> None:
    fields = {"group": "CO", "reason": "45", "amount": Decimal("1.00"), "quantity": None}
    built = builder(Adjustment)(*fields.values())
    assert type(built) is Adjustment and built == Adjustment(**fields)
    assert hash(built) == hash(Adjustment(**fields)) and repr(built) == repr(Adjustment(**fields))
    assert pickle.loads(pickle.dumps(built)) == built  # noqa: S301 - our own object, round trip
    assert dataclasses.replace(built, reason="2").reason == "2"
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.amount = Decimal(0)  # type: ignore[misc]
    name = builder(EntityName)("QC", "1", "DOE", "JANE", "", "", "MI", "W1")
    assert "DOE" not in repr(name) and name == EntityName("QC", "1", "DOE", "JANE", "", "", "MI", "W1")
    assert builder(ServicePayment) is not ServicePayment


def test_memos_keep_only_checked_values_and_stay_bounded() -> None:
    money = Memos().money
    assert money["150"] == Decimal("150.00") and str(money["-0"]) == "0.00"
    for bad in ("", "1E2", "1.005", "9" * 19, "+1"):
        with pytest.raises(NotFast):
            money[bad]
        assert bad not in money
    memo = Memo(str.upper)
    for i in range(3 * MEMO_SIZE):
        assert memo[f"x{i}"] == f"X{i}"
        assert len(memo) <= MEMO_SIZE
