"""How fast is the scrubber in the domain, against the floor of building its input?

Measures, for n varied claim snapshots (payers, telehealth, E/M + add-on, crisis, group,
SUD H-codes, associates, authorizations, history with duplicates and NCCI pairs) on one
core, in the same run:
  (a) lower bound: constructing the snapshots -- what the app pays anyway to hand the
      engine its facts;
  (b) the engine with a pack of one no-op rule -- the loop, plan look-up and result;
  (c) ``scrub`` with the shipped bh-core pack (64 rules) -- the figure for issue 9;
  (d) reading the same snapshots back from JSON Lines (the ``--snapshots FILE`` path).
Rates are per CPU second of the process (``time.process_time``): one core, the issue's unit.
Run: ``python -m benchmarks.bench_scrub`` or ``run(n)`` from the bench runner.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

from bhbilling.domain.scrubbing import (
    Address,
    Authorization,
    BillingProvider,
    ClaimSnapshot,
    CoverageFacts,
    Eligibility,
    Line,
    Pack,
    PatientFacts,
    PayerRules,
    PriorLine,
    RenderingProvider,
    Rule,
    TelehealthRules,
    VisitLimit,
    load_pack,
    scrub,
    summarize,
)
from bhbilling.domain.scrubbing.jsonl import dumps_snapshot, loads_snapshot

DOS = dt.date(2026, 6, 15)
AS_OF = dt.date(2026, 6, 25)
_PAYERS = (
    PayerRules("COMM1", "commercial-default", "commercial", auth_required_codes=frozenset({"90837"})),
    PayerRules("MCR", "medicare", "medicare", TelehealthRules(video_modifiers=()),
               z_code_primary_allowed=False, excluded_credentials=frozenset({"LADC"}),
               associate_billing="not_covered"),
    PayerRules("MCD1", "medicaid-example", "medicaid", TelehealthRules(video_modifiers=("GT",)),
               z_code_primary_allowed=False, timely_filing_days=180),
)
_BILLING = BillingProvider("1234567893", "12-3456789", "251S00000X",
                           Address(("100 Main St",), "Springfield", "IL", "627011234"))
_SUPERVISOR = RenderingProvider("1111111112", "PSYD", "103TC0700X", dt.date(2015, 1, 1),
                                dt.date(2027, 12, 31), frozenset({"COMM1", "MCR", "MCD1"}))
_CLINICIANS = (
    RenderingProvider("1987654328", "LCSW", "1041C0700X", dt.date(2020, 1, 1), dt.date(2027, 12, 31),
                      frozenset({"COMM1", "MCR", "MCD1"})),
    RenderingProvider("1234567893", "MD", "2084P0800X", dt.date(2010, 1, 1), dt.date(2026, 12, 31),
                      frozenset({"COMM1", "MCR"})),
    RenderingProvider("1987654328", "ASSOCIATE", "", None, None, frozenset(), True, _SUPERVISOR),
)
_FEES = {"90791": Decimal("200.00"), "90785": Decimal("30.00"), "90832": Decimal("90.00"),
         "90834": Decimal("150.00"), "90837": Decimal("190.00"), "90833": Decimal("80.00"),
         "90836": Decimal("110.00"), "99214": Decimal("160.00"), "90839": Decimal("220.00"),
         "90840": Decimal("100.00"), "90853": Decimal("60.00"), "96127": Decimal("10.00"),
         "H0004": Decimal("25.00")}
# (lines as (code, units, minutes, modifiers), diagnoses, modality, POS)
_SHAPES = (
    ((("90834", 1, 45, ()),), ("F33.1",), "in_person", "11"),
    ((("90837", 1, 55, ("95",)),), ("F41.1", "Z63.0"), "video", "10"),
    ((("99214", 1, None, ()), ("90836", 1, 40, ())), ("F33.1",), "in_person", "11"),
    ((("90791", 1, None, ()), ("90785", 1, None, ())), ("F43.10",), "in_person", "11"),
    ((("90839", 1, 80, ()), ("90840", 1, None, ())), ("F43.0",), "in_person", "12"),
    ((("90853", 1, None, ()), ("90834", 1, 45, ("XE",))), ("F33.1",), "in_person", "11"),
    ((("H0004", 4, 60, ("HF",)),), ("F10.20",), "in_person", "57"),
    ((("90832", 1, 30, ("93",)), ("96127", 2, None, ())), ("Z63.0", "F32.A"), "audio_only", "10"),
)


def _snapshot(i: int) -> ClaimSnapshot:
    codes, dx, modality, pos = _SHAPES[i % len(_SHAPES)]
    payer = _PAYERS[(i // 3) % len(_PAYERS)]
    day = DOS - dt.timedelta(days=i % 120)
    lines = tuple(Line(code, _FEES[code] * units, day, Decimal(units), mods, (1,), minutes)
                  for code, units, minutes, mods in codes)
    history = ()
    if i % 10 == 0:
        history = (PriorLine(f"H{i}", f"P{i % 997}", day, codes[0][0], "1987654328", "submitted"),
                   PriorLine(f"H{i}b", f"P{i % 997}", day - dt.timedelta(days=7), "90834", "1987654328",
                             "paid"))
    auths = (Authorization(f"A{i}", DOS - dt.timedelta(days=200), DOS + dt.timedelta(days=60),
                           frozenset({"90837"}), Decimal(20), Decimal(i % 22)),) if i % 4 == 1 else ()
    return ClaimSnapshot(
        claim_id=f"C{i}", as_of=AS_OF, billing=_BILLING, rendering=_CLINICIANS[(i // 7) % len(_CLINICIANS)],
        patient=PatientFacts(f"P{i % 997}"), payer=payer, lines=lines,
        coverage=CoverageFacts(payer.payer_id, True, True, True, "18", dt.date(2026, 1, 1), None,
                               Eligibility(DOS - dt.timedelta(days=i % 45), i % 50 != 0)),
        diagnoses=dx, total_charge=sum((x.charge for x in lines), Decimal(0)), place_of_service=pos,
        modality=modality, patient_at_home=modality != "in_person", authorizations=auths,
        visit_limit=VisitLimit(30, i % 31) if i % 5 == 0 else None, fee_schedule=_FEES, history=history)


def make_snapshots(n: int) -> list[ClaimSnapshot]:
    return [_snapshot(i) for i in range(n)]


def _no_op(c, p):
    return None


_NO_OP = Pack("no-op", "1", (Rule("NOOP-001", "completeness", "warning", "no-op", _no_op, "", ""),))


def _rate(fn, n: int) -> tuple[float, object]:
    """Items per CPU second of this process (one core), so other load on a shared machine
    does not lower the figure the way wall-clock time would."""
    start = time.process_time()
    value = fn()
    return n / (time.process_time() - start), value


def run(n: int = 50_000) -> dict:
    pack = load_pack()
    build_rate, snapshots = _rate(lambda: make_snapshots(n), n)
    for s in snapshots[:2000]:  # warm the plan cache and the NCCI tables, as a running process would be
        scrub(s, pack)
    noop_rate, _ = _rate(lambda: [scrub(s, _NO_OP) for s in snapshots], n)
    rate, results = _rate(lambda: [scrub(s, pack) for s in snapshots], n)
    summary = summarize(results)
    texts = [dumps_snapshot(s) for s in snapshots[:10_000]]
    json_rate, _ = _rate(lambda: [loads_snapshot(t) for t in texts], len(texts))
    return {
        "claims": n,
        "rules in pack": len(pack.rules),
        "lower bound (construct snapshots) claims/s": round(build_rate),
        "engine with a no-op rule claims/s": round(noop_rate),
        "scrub bh-core claims/s": round(rate),
        "microseconds per claim": round(1e6 / rate, 2),
        "clean rate of the synthetic batch": str(summary.clean_rate),
        "findings": summary.errors + summary.warnings,
        "read from JSON Lines claims/s": round(json_rate),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key}: {value:,}" if isinstance(value, int) else f"{key}: {value}")
