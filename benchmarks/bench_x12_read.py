"""How fast is the X12 reader, against the floor of a plain ``str.split`` of the same file?

Generates an 835-like file of ``n_claims`` claims (about 16 segments each: CLP, CAS, NM1,
DTM, SVC, CAS, REF*6R, AMT... between one ST/SE), then times on one core:
  (a) lower bound: ``data.decode().split('~')`` and splitting each segment on '*';
  (b) ``iter_segments`` over the bytes (decode, line-break strip, character check, ids);
  (c) ``iter_transactions(stream=True)`` + ``split_by`` claim by claim (envelope checks).
Run: ``python -m benchmarks.bench_x12_read`` or ``run(n)`` from the bench runner.
"""

from __future__ import annotations

import time

from bhbilling.x12.envelope_reader import iter_transactions, split_by
from bhbilling.x12.reader import iter_segments

ISA = ("ISA*00*          *00*          *ZZ*PAYERID        *ZZ*SUBMITTERID    *260601*1200*^*00501"
       "*000000001*0*P*:~")


def synthetic_835(n_claims: int) -> bytes:
    """An 835-shaped interchange with n_claims claims of two service lines each."""
    body = ["BPR*I*1000*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*654321*20260601",
            "TRN*1*12345*1512345678", "DTM*405*20260601", "N1*PR*PAYER", "N3*1 MAIN ST",
            "N4*CITY*ST*12345", "N1*PE*CLINIC*XX*1234567893", "LX*1"]
    for i in range(n_claims):
        body += [f"CLP*PCN{i:07d}*1*300*200*50*12*CLAIM{i:09d}*11*1",
                 "CAS*CO*45*50", "NM1*QC*1*DOE*JANE****MI*W123456789",
                 "DTM*232*20260515", "DTM*233*20260515",
                 "SVC*HC:90837:95*200*150**1", "DTM*472*20260515", "CAS*CO*45*25",
                 "CAS*PR*2*25", f"REF*6R*L{i:07d}1", "AMT*B6*175",
                 "SVC*HC:90785*100*50**1", "DTM*472*20260515", "CAS*CO*45*25",
                 f"REF*6R*L{i:07d}2", "LQ*HE*N130"]
    body.append("PLB*1234567893*20261231*L6:INT*-1.50")
    segs = ["ST*835*0001", *body]
    segs.append(f"SE*{len(segs) + 1}*0001")
    text = ISA + "GS*HP*PAYERID*SUBMITTERID*20260601*1200*1*X*005010X221A1~"
    text += "~\n".join(segs) + "~\nGE*1*1~\nIEA*1*000000001~\n"
    return text.encode()


def _best(fn, repeats: int) -> tuple[float, int]:
    """Fastest of `repeats` runs (a shared machine is noisy) and fn's result."""
    best, result = float("inf"), 0
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def _plain(data: bytes) -> int:
    count = 0
    for raw in data.decode().replace("\n", "").split("~"):
        if raw:
            raw.split("*")
            count += 1
    return count


def _claims(data: bytes) -> int:
    claims = 0
    for tx in iter_transactions(data, stream=True):
        for _claim in split_by(tx.segments):
            claims += 1
    return claims


def run(n_claims: int = 10_000, repeats: int = 3) -> dict:
    data = synthetic_835(n_claims)
    plain, count = _best(lambda: _plain(data), repeats)
    ours, n_segments = _best(lambda: sum(1 for _ in iter_segments(data)), repeats)
    full, claims = _best(lambda: _claims(data), repeats)
    assert n_segments == count and claims == n_claims
    return {
        "segments": n_segments,
        "megabytes": round(len(data) / 1e6, 2),
        "plain_split_segments_per_s": round(count / plain),
        "iter_segments_per_s": round(n_segments / ours),
        "iter_segments_ratio_to_plain": round(plain / ours, 3),
        "transactions_and_claims_per_s": round(n_segments / full),
        "transactions_ratio_to_plain": round(plain / full, 3),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
