"""How fast does an 835 read into typed, balanced remittances, against a plain split?

Builds a balanced 835 of ``n_claims`` professional claims (16 segments each: CLP, CAS, NM1,
2 DTM, then two SVC loops with DTM*472, CAS, REF*6R, AMT*B6, LQ) between one ST/SE with
a PLB, then times on one core, best of ``repeats`` rounds (each round runs every measure
once, so a busy machine slows them alike). Times are this process's CPU time: on a shared,
noisy VM wall time would also count other processes' turns; for this single-threaded
work the two agree on an idle machine.
  (a) lower bound: ``data.decode().split('~')`` and splitting each segment on '*';
  (b) ``iter_segments``: the X12 reader alone (decode, checks, segment objects);
  (c) ``read_835``: envelopes, every element checked and typed, frozen claims built;
  (d) ``iter_835`` claim by claim with ``BalanceCheck`` (bounded memory, balanced);
  (e) ``read_835`` of a "varied" file of the same shape where every claim has its own
      amounts, dates, codes and names (the reader's memos of repeated segment text then
      rarely hit; a practice's real remittances sit between the two), against its own
      plain split;
  (f) (c) with the garbage collector paused: how much of (c) is the collector tracing the
      claims as they pile up (a small benchmark heap makes its full passes frequent).
Run: ``python -m benchmarks.bench_835`` or ``run(n)`` from the bench runner.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable
from decimal import Decimal

from bhbilling.x12.reader import iter_segments
from bhbilling.x12.remit835 import BalanceCheck, balance_report, iter_835, read_835

ISA = ("ISA*00*          *00*          *ZZ*PAYERID        *ZZ*SUBMITTERID    *260601*1200*^*00501"
       "*000000001*0*P*:~")


def balanced_835(n_claims: int) -> bytes:
    """A balanced 835 with `n_claims` claims of two lines (90837-95 and 90785)."""
    claims: list[str] = []
    for i in range(n_claims):
        claims += [f"CLP*PCN{i:07d}*1*300*185*25*12*CLAIM{i:09d}*11*1", "CAS*OA*23*15",
                   "NM1*QC*1*DOE*JANE****MI*W123456789", "DTM*232*20260515", "DTM*233*20260515",
                   "SVC*HC:90837:95*200*150**1", "DTM*472*20260515", "CAS*CO*45*25*1*253*2.5",
                   "CAS*PR*2*22.5", f"REF*6R*L{i:07d}1", "AMT*B6*175",
                   "SVC*HC:90785*100*50**1", "DTM*472*20260515", "CAS*CO*45*50",
                   f"REF*6R*L{i:07d}2", "LQ*HE*N130"]
    paid = Decimal(185) * n_claims - Decimal("-1.50")
    head = [f"BPR*I*{paid}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*654321"
            "*20260601", "TRN*1*12345*1512345678", "DTM*405*20260601", "N1*PR*PAYER",
            "N3*1 MAIN ST", "N4*CITY*ST*12345", "PER*BL*EDI*TE*8005551212",
            "N1*PE*CLINIC*XX*1234567893", "LX*1"]
    segs = ["ST*835*0001", *head, *claims, "PLB*1234567893*20261231*L6:INT*-1.50"]
    segs.append(f"SE*{len(segs) + 1}*0001")
    text = ISA + "GS*HP*PAYERID*SUBMITTERID*20260601*1200*1*X*005010X221A1~"
    text += "~\n".join(segs) + "~\nGE*1*1~\nIEA*1*000000001~\n"
    return text.encode()


def varied_835(n_claims: int, seed: int = 835) -> bytes:
    """Like `balanced_835`, but no two claims alike: amounts, dates, codes, names differ."""
    rng = random.Random(seed)
    claims: list[str] = []
    total = Decimal(0)
    for i in range(n_claims):
        day = f"2026{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        lines, claim_charge, claim_paid = [], Decimal(0), Decimal(0)
        for n in (1, 2):
            charge = Decimal(rng.randint(8000, 40000)) / 100
            co, pr = Decimal(rng.randint(0, 3000)) / 100, Decimal(rng.randint(0, 3000)) / 100
            paid = charge - co - pr
            code = rng.choice(["90837", "90834", "90832", "90791", "90846", "90847", "H0031",
                               "96130"])
            mods = rng.choice(["", ":95", ":HO", ":GT:HO"])
            lines += [f"SVC*HC:{code}{mods}*{charge}*{paid}**1", f"DTM*472*{day}",
                      f"CAS*CO*{rng.choice(['45', '253', '59'])}*{co}",
                      f"CAS*PR*{rng.choice('123')}*{pr}", f"REF*6R*L{i:07d}{n}",
                      f"AMT*B6*{charge - co}"]
            claim_charge, claim_paid = claim_charge + charge, claim_paid + paid
        total += claim_paid
        claims += [f"CLP*PCN{i:07d}*1*{claim_charge}*{claim_paid}**12*CLAIM{i:09d}*11*1",
                   f"NM1*QC*1*LAST{i}*FIRST{i % 97}****MI*W{rng.randint(10**8, 10**9)}",
                   f"DTM*232*{day}", f"DTM*233*{day}", *lines]
    head = [f"BPR*I*{total}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*654321"
            "*20260601", "TRN*1*12345*1512345678", "DTM*405*20260601", "N1*PR*PAYER",
            "N1*PE*CLINIC*XX*1234567893", "LX*1"]
    segs = ["ST*835*0001", *head, *claims]
    segs.append(f"SE*{len(segs) + 1}*0001")
    text = ISA + "GS*HP*PAYERID*SUBMITTERID*20260601*1200*1*X*005010X221A1~"
    text += "~\n".join(segs) + "~\nGE*1*1~\nIEA*1*000000001~\n"
    return text.encode()


def _rounds(measures: dict[str, Callable[[], object]], repeats: int) -> dict[str, tuple[float, object]]:
    """Fastest time and result of each measure over `repeats` rounds of all of them."""
    best: dict[str, tuple[float, object]] = {}
    for _ in range(repeats):
        for name, fn in measures.items():
            started = time.process_time()
            result = fn()
            took = time.process_time() - started
            if name not in best or took < best[name][0]:
                best[name] = (took, result)
    return best


def _gc_paused(fn: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        was = gc.isenabled()
        gc.disable()
        try:
            return fn()
        finally:
            if was:
                gc.enable()
    return run


def _plain(data: bytes) -> int:
    count = 0
    for raw in data.decode().replace("\n", "").split("~"):
        if raw:
            raw.split("*")
            count += 1
    return count


def _read(data: bytes) -> int:
    return sum(len(r.claims) for r in read_835(data))


def _stream(data: bytes) -> tuple[int, bool]:
    claims, balanced = 0, True
    for stream in iter_835(data):
        check = BalanceCheck(stream.header)
        for claim in stream.claims():
            check.add(claim)
            claims += 1
        balanced &= check.finish(stream.provider_adjustments).balanced
    return claims, balanced


def run(n_claims: int = 10_000, repeats: int = 5) -> dict:
    data, varied = balanced_835(n_claims), varied_835(n_claims)
    t = _rounds({
        "plain": lambda: _plain(data),
        "reader": lambda: sum(1 for _ in iter_segments(data)),
        "read": lambda: _read(data),
        "stream": lambda: _stream(data),
        "varied_plain": lambda: _plain(varied),
        "varied_read": lambda: _read(varied),
        "read_gc_paused": _gc_paused(lambda: _read(data)),
    }, repeats)
    plain, count = t["plain"]
    reader, n_segments = t["reader"]
    full, claims = t["read"]
    streamed, (stream_claims, balanced) = t["stream"]  # type: ignore[misc]
    varied_plain, varied_count = t["varied_plain"]
    varied_full, varied_claims = t["varied_read"]
    paused, _ = t["read_gc_paused"]
    assert n_segments == count and claims == stream_claims == n_claims == varied_claims and balanced
    assert all(balance_report(r).balanced for r in read_835(data))
    assert all(balance_report(r).balanced for r in read_835(varied))
    return {
        "claims": n_claims,
        "segments": n_segments,
        "megabytes": round(len(data) / 1e6, 2),
        "plain_split_segments_per_s": round(count / plain),
        "iter_segments_per_s": round(n_segments / reader),
        "iter_segments_ratio_to_plain": round(plain / reader, 3),
        "read_835_segments_per_s": round(n_segments / full),
        "read_835_claims_per_s": round(n_claims / full),
        "read_835_ratio_to_plain": round(plain / full, 3),
        "stream_and_balance_segments_per_s": round(n_segments / streamed),
        "stream_and_balance_ratio_to_plain": round(plain / streamed, 3),
        "varied_plain_split_segments_per_s": round(varied_count / varied_plain),  # type: ignore[operator]
        "varied_read_835_segments_per_s": round(varied_count / varied_full),  # type: ignore[operator]
        "varied_read_835_ratio_to_plain": round(varied_plain / varied_full, 3),
        "read_835_gc_paused_ratio_to_plain": round(plain / paused, 3),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
