"""Fuzz: thousands of mutated 835s raise only bhbilling errors, in bounded time.

Ring: x12 (pure). A fixed seed makes every run test the same 5,000 files: bytes flipped,
inserted or deleted, segments dropped, doubled or swapped, files cut short, and elements
replaced by hostile values (exponents, 20 digits, impossible dates, 500-character text,
stray delimiters, invalid UTF-8). Reading, balancing and explaining each file may succeed
or raise a `BhBillingError` (the X12Error tree) -- anything else is a crash.
"""

from __future__ import annotations

import random
import time

from bhbilling.kernel.errors import BhBillingError
from bhbilling.x12.errors import X12Error
from bhbilling.x12.remit835 import balance_report, explain, read_835
from tests.unit.x12.remit835.make835 import ClaimSpec, LineSpec, RemitSpec, simple_claim, write_835

SEED = 20261127
FILES = 5000
_POOL = [b"*", b":", b"~", b"^", b"\n", b"\r", b"-", b".", b"0", b"9", b"A", b"\xff", b"\x00",
         b"\xc3", b" ", b"E"]
_VALUES = ["", "-", "-0", "1e5", "1E-2", "NaN", "Infinity", "9" * 20, "12.345", "20261399",
           "00000000", "X" * 500, "HC", "HC:", ":::::::", "CO", "22", "5", "\u00e9", "0.1.2"]


def _base() -> bytes:
    claims = [simple_claim("A1"), simple_claim("A2", crossover_carrier="STATE MEDICAID",
                                               moa_remarks=("MA01",), coverage="200"),
              ClaimSpec("A3", "-200", "-140", status="22", lines=[LineSpec(
                  "90837", "-200", "-140", [("CO", "45", "-40"), ("PR", "2", "-20")],
                  units="2", original_code="90834", control="A3-1")])]
    return write_835([RemitSpec(claims, plb=[("WO", "A1", "10"), ("L6", "", "-1.5")]),
                      RemitSpec([simple_claim("B1")], trace="T2")], newline="\n")


def _mutate(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(9)
        at = rng.randrange(len(data) or 1)
        if kind == 0:
            data = data[:at] + rng.choice(_POOL) + data[at + 1:]
        elif kind == 1:
            data = data[:at] + data[at + rng.randint(1, 20):]
        elif kind == 2:
            data = data[:at] + b"".join(rng.choices(_POOL, k=rng.randint(1, 4))) + data[at:]
        elif kind == 3:
            data = data[:at]
        else:
            segs = data.split(b"~")
            i, j = rng.randrange(len(segs)), rng.randrange(len(segs))
            if kind == 4:
                del segs[i]
            elif kind == 5:
                segs.insert(i, segs[j])
            elif kind == 6:
                segs[i], segs[j] = segs[j], segs[i]
            else:
                elements = segs[i].split(b"*")
                k = rng.randrange(len(elements))
                elements[k] = rng.choice(_VALUES).encode()
                segs[i] = b"*".join(elements)
            data = b"~".join(segs)
    return data


def test_mutated_files_raise_only_bhbilling_errors_in_bounded_time() -> None:
    rng = random.Random(SEED)
    base = _base()
    outcomes = {"read": 0, "unbalanced": 0, "refused": 0}
    started = time.perf_counter()
    for n in range(FILES):
        data = _mutate(base, rng)
        try:
            for remit in read_835(data, file_name=f"fuzz-{n}.835"):
                report = balance_report(remit)
                explain(remit, report)
                outcomes["read" if report.balanced else "unbalanced"] += 1
        except BhBillingError as err:
            assert isinstance(err, X12Error), f"file {n}: {err!r}"
            assert err.file == f"fuzz-{n}.835" and str(err)
            outcomes["refused"] += 1
        except Exception as exc:  # a crash: report which mutated file, re-creatable by seed
            raise AssertionError(f"file {n} of seed {SEED} crashed: {exc!r}") from exc
    elapsed = time.perf_counter() - started
    print(f"{FILES} mutated files in {elapsed:.1f} s: {outcomes}")
    assert elapsed < 60
    # the mutations reach every outcome, so the loop exercises more than the envelope check
    assert all(count > 20 for count in outcomes.values()), outcomes
