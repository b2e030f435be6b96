"""A billing company's claim history, generated straight into the tables, for the report benchmark.

For ``claims`` claims spread over ``practices`` practices (about 20 for a million), 6 payers
(Medicare, Medicaid, four commercial plans) and 12 clinicians per practice, over the 18
months before ``today``, each claim gets what the real cycle leaves behind:

- a session, the claim (one to two lines from the practice fee schedule, a prior
  authorization number for Medicaid patients), its 837P batch entry and state history
  (submitted; 4 % rejected and resubmitted; accepted; paid, partly paid, denied, appealed,
  closed), and the charge entry (Dr insurance A/R 1100 / Cr gross charges 4000 per line);
- once adjudicated (10-35 days after acceptance, on the payer's weekly remittance day, if
  that is not after ``today``): an 835 claim payment in a remittance file, its ``era:`` entry
  per line (Dr cash 1000 / Cr 1100 paid; Dr contractual 4100 / Cr 1100; Dr patient A/R 1200 /
  Cr 1100 for the copay or coinsurance), 2 % paid under the contract rate;
- about 8 % denied (more for Medicaid), with CARC/RARC codes and a root-cause category;
  denials older than a month are appealed (some), or written off with an approved
  write-off entry (timely filing, duplicates), the rest stay open;
- two thirds of patient shares paid by the patient later (PatientPayment + entry).

Every entry balances (the smoke test checks it), every FK resolves, amounts are Decimal.
Deterministic for a seed. Rows go through ``report_tables`` (COPY on PostgreSQL).
Modules: ``report_catalog`` (fees, shapes, payers, denial reasons, ``Plan``),
``report_schema`` (tables and columns), ``report_setup`` (company, payers, practices),
``report_practice`` (patients, claims, cycle) and ``report_outcomes`` (payments, denials,
patient payments); this one runs them practice by practice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from benchmarks import report_setup
from benchmarks.report_catalog import COMPANY_SLUG, Plan
from benchmarks.report_practice import PracticeRun
from benchmarks.report_schema import Tables
from benchmarks.report_tables import Ids, Writer

__all__ = ["COMPANY_SLUG", "Plan", "World", "generate"]


@dataclass
class World:
    company_id: int
    practice_ids: list[int]
    payer_ids: list[int]
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Shared:
    """What every practice's run shares: tables, writer, ids, company rows, encrypted values."""

    plan: Plan
    tables: Tables
    writer: Writer
    ids: Ids
    company: object
    house_id: int
    payers: list
    dobs: list[str]
    members: list[tuple[str, str]]
    seq: list[int] = field(default_factory=lambda: [0])


def _one_practice(
    g: _Shared, index: int, target: int, done: int, chunk: int, progress: Callable[[int], None] | None
) -> int:
    """Generate one practice's claims (flushing every ``chunk``); returns the practice id."""
    practice, location, provider_ids, accounts = report_setup.practice(g.company, index, g.payers, g.plan)
    run = PracticeRun(
        g.plan,
        g.tables,
        g.writer,
        g.ids,
        g.house_id,
        g.payers,
        practice,
        location.pk,
        provider_ids,
        accounts,
        g.seq,
        index,
    )
    made, patient = 0, 0
    while made < target:
        visits = min(run.rng.randrange(1, 16), target - made)
        run.patient(patient, g.dobs[patient % 64], g.members[patient % 256], visits)
        made, patient = made + visits, patient + 1
        if made % chunk < visits:
            g.writer.flush()
            if progress:
                progress(done + made)
    run.flush_totals()
    g.writer.flush()
    return practice.pk


def generate(plan: Plan, *, progress: Callable[[int], None] | None = None, chunk: int = 20_000) -> World:
    """Write the whole world; ``progress(n)`` is called with claims done so far."""
    from bhbilling.app.fields import blind_index, seal

    co, house, payers = report_setup.company(plan)
    g = _Shared(
        plan,
        Tables(),
        Writer(),
        Ids(),
        co,
        house.pk,
        payers,
        dobs=[seal(dt.date(1950 + i % 55, 1 + i % 12, 1 + i % 28).isoformat()) for i in range(64)],
        members=[(seal(f"M{i:09d}"), blind_index(f"M{i:09d}")) for i in range(256)],
    )
    practice_ids, done = [], 0
    per_practice = [
        plan.claims // plan.practices + (1 if i < plan.claims % plan.practices else 0)
        for i in range(plan.practices)
    ]
    for index, target in enumerate(per_practice):
        with transaction.atomic():  # one commit per practice; FK checks deferred to it
            practice_ids.append(_one_practice(g, index, target, done, chunk, progress))
        done += target
        if progress:
            progress(done)
    g.ids.finish()
    return World(co.pk, practice_ids, [p.pk for p in payers], dict(g.writer.counts))
