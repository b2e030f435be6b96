"""How fast are 271 reading and the mental-health summary, against a plain split?

Generates one batch 271 of ``n_members`` subscribers (about 20 segments each: TRN, NM1,
DMG, DTP and 14 EB loops for 30, MH, A6 with copays, deductibles, a visit limit and an
MSG), then times on one core:
  (a) lower bound: ``data.decode().split('~')`` and splitting each segment on '*';
  (b) ``read_271`` (envelope checks, loop walk, typed model);
  (c) ``summarize_271`` (b plus the domain summary of every member).
Run: ``python -m benchmarks.bench_eligibility`` or ``run(n)`` from the bench runner.
"""

from __future__ import annotations

import datetime as dt
import time

from bhbilling.interchange.eligibility import summarize_271
from bhbilling.x12.elig271 import read_271

ISA = ("ISA*00*          *00*          *ZZ*PAYERID        *ZZ*SUBMITTERID    *260302*0800*^*00501"
       "*000000001*0*P*:~")
MEMBER = [
    "TRN*2*T{i:07d}*1123456789", "NM1*IL*1*DOE*JANE****MI*W{i:09d}", "DMG*D8*19850402*F",
    "DTP*346*D8*20260101", "EB*1*IND*30*PR*PPO GOLD", "EB*1*IND*MH^A6*PR*PPO GOLD",
    "EB*B*IND*A6*PR**27*20*****Y", "EB*B*IND*MH*PR**27*30*****Y", "EB*A*IND*MH*PR****0.4****N",
    "EB*C*IND*30*PR**23*1500*****Y", "EB*C*IND*30*PR**29*1200*****Y",
    "EB*C*IND*30*PR**23*3000*****N", "EB*G*IND*30*PR**23*5000*****Y",
    "EB*G*IND*30*PR**29*4650*****Y", "EB*F*IND*A6*PR**22***VS*20", "EB*F*IND*A6*PR**29***VS*14",
    "MSG*TELEHEALTH VISITS COVERED AT THE OFFICE COPAY", "EB*R*IND*30*MB",
]


def synthetic_271(n_members: int) -> bytes:
    body = ["BHT*0022*11*BATCH1*20260302*0800", "HL*1**20*1", "NM1*PR*2*PAYER*****PI*P1",
            "HL*2*1*21*1", "NM1*1P*2*CLINIC*****XX*1234567893"]
    for i in range(n_members):
        body.append(f"HL*{i + 3}*2*22*0")
        body += [s.format(i=i) for s in MEMBER]
    segs = ["ST*271*0001*005010X279A1", *body]
    segs.append(f"SE*{len(segs) + 1}*0001")
    text = ISA + "GS*HB*PAYERID*SUBMITTERID*20260302*0800*1*X*005010X279A1~"
    text += "~\n".join(segs) + "~\nGE*1*1~\nIEA*1*000000001~\n"
    return text.encode()


def _best(fn, repeats: int) -> tuple[float, int]:
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


def run(n_members: int = 5_000, repeats: int = 3) -> dict:
    data = synthetic_271(n_members)
    on = dt.date(2026, 3, 9)
    plain, segments = _best(lambda: _plain(data), repeats)
    read, members = _best(lambda: len(read_271(data)[0].members), repeats)
    full, summaries = _best(lambda: len(summarize_271(data, on=on)), repeats)
    assert members == summaries == n_members
    return {
        "members": n_members,
        "segments": segments,
        "plain_split_segments_per_s": round(segments / plain),
        "read_271_members_per_s": round(members / read),
        "read_271_ratio_to_plain": round(plain / read, 3),
        "summaries_per_s": round(summaries / full),
        "summary_ratio_to_plain": round(plain / full, 3),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value}")
