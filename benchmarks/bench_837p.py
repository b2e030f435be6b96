"""How fast is the 837P writer, against the floor of merely joining the finished segments?

Measures, for n prebuilt typed claims (the varied behavioral-health samples of the pyx12
test, cycled with unique claim ids, in transactions of at most 5,000 claims as the guide
recommends) on one core:
  (a) lower bound: ``"~".join`` of the very segment strings the writer produces, already
      rendered -- what any writer pays just to emit the bytes;
  (b) ``write_837p``: grouping into HL loops, formatting, delimiter checks, envelopes.

Run: ``python -m benchmarks.bench_837p`` or ``run(n)`` from the bench runner.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

from tests.unit.x12.samples_837p import CLINIC, RECEIVER, SUBMITTER, sample_claims

from bhbilling.x12.claim837p import BillingGroup, Claim, Transaction837P, write_837p

CREATED = dt.datetime(2026, 3, 25, 9, 30)
PER_TRANSACTION = 5_000


def make_transactions(n: int) -> list[Transaction837P]:
    samples = [claim for _, claim in sample_claims()]
    claims: list[Claim] = [
        dataclasses.replace(samples[i % len(samples)], patient_control_number=f"B{i:09d}") for i in range(n)
    ]
    return [
        Transaction837P(k // PER_TRANSACTION + 1, SUBMITTER, RECEIVER,
                        (BillingGroup(CLINIC, tuple(claims[k:k + PER_TRANSACTION])),))
        for k in range(0, n, PER_TRANSACTION)
    ]


def _write(transactions: list[Transaction837P]) -> str:
    return write_837p(transactions, sender_id="NWB0001", receiver_id="EXCH01", interchange_control_number=1,
                      group_control_number=1, created=CREATED, test=True)


def run(n: int = 10_000) -> dict:
    transactions = make_transactions(n)
    _write(make_transactions(200))  # warm up
    start = time.perf_counter()
    text = _write(transactions)
    write_seconds = time.perf_counter() - start
    segments = text.split("~")[:-1]
    start = time.perf_counter()
    joined = "~".join(segments) + "~"
    join_seconds = time.perf_counter() - start
    assert joined == text
    return {
        "claims": n,
        "segments": len(segments),
        "megabytes": round(len(text) / 1e6, 2),
        "lower bound (join of rendered segments) seconds": round(join_seconds, 4),
        "write_837p seconds": round(write_seconds, 3),
        "ratio write / join": round(write_seconds / join_seconds, 1),
        "claims per second": round(n / write_seconds),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value:,}" if isinstance(value, int) else f"{key}: {value}")
