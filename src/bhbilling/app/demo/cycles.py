"""Whole billing cycles for the demo, week by week, through the payer simulator.

For each week from the first demo session to the demo's today: bill the sessions up to
that week's end (code, build, scrub, batch), send the batches through the demo's
simulator connection, and take its answers back (999, 277CA, then 835s once the payers'
adjudication delay has passed). Each step uses the week's date as "today" (the
simulator's clock and the scrubber's), so timely-filing limits and payment delays play
out as they would have. A last round at today collects the payments still owed. After each
week's answers, patients pay what they have owed for two weeks (``app.demo.patients_pay``).

The week's date is also the wall clock while its cycle runs (``_demo_clock``): claim
history, postings and audit events are stamped as of that week, so the demo's dashboards,
lags and follow-up lists read like 27 real weeks rather than one afternoon. Only the demo
does this; the product itself always uses the real clock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from unittest import mock

from django.utils import timezone

from bhbilling.app import models as m
from bhbilling.app.demo.billing import bill_demo
from bhbilling.app.demo.patients_pay import patients_pay
from bhbilling.app.demo.payerbook import demo_payerbook
from bhbilling.app.gateways.factory import gateway_for
from bhbilling.app.gateways.simulated import SimulatorGateway
from bhbilling.app.inbound.process import exchange
from bhbilling.app.scrubbing import service
from bhbilling.kernel.clock import FixedClock

__all__ = ["CycleRun", "run_cycles"]
ACTOR = "demo:cycles"


@dataclass(slots=True)
class CycleRun:
    cycles: int = 0
    batches_sent: int = 0
    files_processed: int = 0
    files_failed: int = 0
    patient_payments: int = 0


@contextlib.contextmanager
def _scrub_clock(day: dt.date) -> Iterator[None]:
    """The scrubber judges as of the cycle's day (timely filing, licences in force)."""
    saved = service.CLOCK
    service.CLOCK = FixedClock(dt.datetime.combine(day, dt.time(18, 0), tzinfo=dt.UTC))
    try:
        yield
    finally:
        service.CLOCK = saved


@contextlib.contextmanager
def _demo_clock(day: dt.date) -> Iterator[None]:
    """``django.utils.timezone.now`` reads the cycle's day (5 pm UTC), ticking a millisecond
    per call so records keep their order."""
    start = dt.datetime.combine(day, dt.time(17, 0), tzinfo=dt.UTC)
    ticks = iter(range(10**9))
    with mock.patch.object(timezone, "now", lambda: start + dt.timedelta(milliseconds=next(ticks))):
        yield


def _days(first: dt.date, today: dt.date, cycles: int | None) -> list[dt.date]:
    days, day = [], first + dt.timedelta(days=6)
    while day < today:
        days.append(day)
        day += dt.timedelta(days=7)
    days = days[-cycles:] if cycles else days
    return [*days, today]


def run_cycles(company_id: int, *, today: dt.date, cycles: int | None = None,
               progress: Callable[[str, int, int], None] | None = None) -> CycleRun:
    ch = m.Clearinghouse.unscoped.get(company_id=company_id, kind=m.ConnectionKind.SIMULATOR)
    base = gateway_for(ch)
    # a fresh demo starts the payers' side fresh: files or state left by an earlier demo
    # database in the same data folder would make the simulator think it had seen them
    shutil.rmtree(base.book.parent, ignore_errors=True)
    base.book.parent.mkdir(parents=True, exist_ok=True)
    base.book.write_text(json.dumps(demo_payerbook(company_id)), encoding="utf-8")
    first = (m.ClinicalSession.unscoped.filter(practice__company_id=company_id)
             .order_by("date_of_service").values_list("date_of_service", flat=True).first())
    run = CycleRun()
    if first is None:
        return run
    days = _days(first, today, cycles)
    for n, day in enumerate(days, start=1):
        with _demo_clock(day):
            with _scrub_clock(day):
                bill_demo(company_id, until=min(day, today - dt.timedelta(days=1)))
            gw = SimulatorGateway(ch, base.folder.outbox, base.folder.inbox, today=day)
            summary = exchange(ch, actor=ACTOR, gateway=gw)
            run.patient_payments += patients_pay(company_id, day=day)
        run.cycles += 1
        run.batches_sent += len(summary.sent.sent)
        run.files_processed += sum(1 for f in summary.files if f.status == "processed")
        run.files_failed += sum(1 for f in summary.files if f.status == "failed")
        if progress:
            progress("billing cycles (simulated payers)", n, len(days))
    return run
