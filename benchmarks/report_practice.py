"""One practice's generated history: patients, sessions, claims, batches, state changes and
ledger entries (outcomes in ``report_outcomes``)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from benchmarks.report_catalog import FEES, PAYER_WEIGHTS, PAYERS, SHAPE_WEIGHTS, SHAPES, ZERO, Plan
from benchmarks.report_catalog import at as _at
from benchmarks.report_outcomes import Outcomes
from benchmarks.report_schema import Tables
from benchmarks.report_tables import Ids, Writer


class PracticeRun(Outcomes):
    """Generates one practice's rows; batches and remittances are written once totalled."""

    def __init__(
        self,
        plan: Plan,
        t: Tables,
        w: Writer,
        ids: Ids,
        house_id: int,
        payers,
        practice,
        location_id: int,
        provider_ids: list[int],
        accounts: dict[str, int],
        seq: list[int],
        index: int,
    ):
        self.plan, self.t, self.w, self.ids, self.house_id = plan, t, w, ids, house_id
        self.payers, self.practice, self.location_id = payers, practice, location_id
        self.provider_ids, self.acct, self.seq = provider_ids, accounts, seq
        self.pid = practice.pk
        # seeded by the practice's place, not its database id: the same world on every database
        self.rng = random.Random(plan.seed * 1000 + index)
        self.batches: dict[dt.date, list] = {}
        self.remits: dict[tuple[int, dt.date], list] = {}

    # ---- building blocks -------------------------------------------------------------
    def entry(
        self,
        key: str,
        on: dt.date,
        at: dt.datetime,
        memo: str,
        claim_id,
        patient_id,
        postings: list[tuple[str, Decimal, Decimal, int | None]],
    ) -> int:
        entry_id = self.ids.take(self.t.entry)
        self.w.add(self.t.entry, (entry_id, self.pid, key, on, at, memo, claim_id, patient_id))
        for account, debit, credit, line_id in postings:
            self.w.add(
                self.t.jline,
                (self.ids.take(self.t.jline), self.pid, entry_id, self.acct[account], debit, credit, line_id,
                 claim_id),  # this world's lines always sit on their entry's claim
            )
        return entry_id

    def move(self, claim_id: int, before: str, after: str, at: dt.datetime, reason: str = "") -> None:
        self.w.add(
            self.t.history, (self.ids.take(self.t.history), self.pid, claim_id, before, after, at, reason)
        )

    def batch_for(self, day: dt.date, claim_id: int, charge: Decimal) -> None:
        batch = self.batches.get(day)
        if batch is None:
            self.seq[0] += 1
            batch = self.batches[day] = [self.ids.take(self.t.batch), self.seq[0], 0, ZERO]
        batch[2] += 1
        batch[3] += charge
        self.w.add(
            self.t.batch_claim, (self.ids.take(self.t.batch_claim), self.pid, batch[0], claim_id, batch[2])
        )

    def remittance_for(self, payer_index: int, on: dt.date, paid: Decimal) -> tuple[int, int, str]:
        key = (payer_index, on)
        rem = self.remits.get(key)
        if rem is None:
            rem = self.remits[key] = [self.ids.take(self.t.remittance), self.ids.take(self.t.file), 0, ZERO]
        rem[2] += 1
        rem[3] += paid
        return rem[0], rem[2], f"T{self.pid}-{payer_index}-{on:%Y%m%d}"

    def flush_totals(self) -> None:
        t, w, pid = self.t, self.w, self.pid
        for day, (batch_id, number, count, total) in self.batches.items():
            w.add(
                t.batch,
                (
                    batch_id,
                    pid,
                    self.house_id,
                    number,
                    number,
                    number,
                    "T",
                    f"837P-{pid}-{day:%Y%m%d}.x12",
                    count,
                    total,
                    _at(day, 18),
                    _at(day, 18),
                    "A",
                ),
            )
        for (payer_index, on), (rem_id, file_id, count, total) in self.remits.items():
            trace = f"T{pid}-{payer_index}-{on:%Y%m%d}"
            w.add(
                t.file, (file_id, pid, f"835-{trace}.x12", f"{file_id:064d}", "posted", _at(on, 14), 1, count)
            )
            w.add(
                t.remittance,
                (
                    rem_id,
                    pid,
                    file_id,
                    self.payers[payer_index].pk,
                    PAYERS[payer_index][0],
                    trace,
                    "1" + PAYERS[payer_index][1][:9],
                    total,
                    "ACH",
                    on,
                    f"{rem_id % 10**9:09d}",
                    _at(on, 14),
                ),
            )
        self.batches, self.remits = {}, {}

    # ---- one patient and their claims ---------------------------------------------------
    def patient(self, index: int, dob: str, member: tuple[str, str], visits: int) -> None:
        t, w, rng, pid = self.t, self.w, self.rng, self.pid
        patient_id = self.ids.take(t.patient)
        w.add(t.patient, (patient_id, pid, f"A{index:07d}", "Pat", f"Bench{index:07d}", dob))
        payer_index = rng.choices(range(len(PAYERS)), PAYER_WEIGHTS)[0]
        coverage_id = self.ids.take(t.coverage)
        w.add(
            t.coverage,
            (
                coverage_id,
                pid,
                patient_id,
                self.payers[payer_index].pk,
                member[0],
                member[1],
                self.plan.first_dos - dt.timedelta(days=60),
            ),
        )
        auth = ""
        if PAYERS[payer_index][2] == "medicaid":
            auth = f"AU{pid}-{index}"
            w.add(
                t.auth,
                (
                    self.ids.take(t.auth),
                    pid,
                    patient_id,
                    self.payers[payer_index].pk,
                    coverage_id,
                    auth,
                    '["group:psychotherapy"]',
                    Decimal(visits + rng.randrange(0, 6)),
                    self.plan.first_dos,
                    self.plan.today + dt.timedelta(days=180),
                    _at(self.plan.first_dos, 9),
                ),
            )
        provider_id = self.provider_ids[index % len(self.provider_ids)]
        span = (self.plan.today - self.plan.first_dos).days
        for _ in range(visits):
            dos = self.plan.first_dos + dt.timedelta(days=rng.randrange(span))
            self.claim(patient_id, coverage_id, payer_index, provider_id, dos, auth)

    def claim(
        self, patient_id: int, coverage_id: int, payer_index: int, provider_id: int, dos: dt.date, auth: str
    ) -> None:
        t, w, rng, pid, today = self.t, self.w, self.rng, self.pid, self.plan.today
        codes, service, _ = rng.choices(SHAPES, SHAPE_WEIGHTS)[0]
        session_id, claim_id = self.ids.take(t.session), self.ids.take(t.claim)
        w.add(
            t.session,
            (session_id, pid, patient_id, provider_id, self.location_id, dos, service, '["F33.1"]', True, 53),
        )
        lines = [
            (self.ids.take(t.line), code, FEES[code], f"{claim_id}.{k}") for k, code in enumerate(codes, 1)
        ]
        charge = sum((ln[2] for ln in lines), ZERO)
        created = min(
            dos + dt.timedelta(days=rng.choices((0, 1, 2, 3, 5, 8, 14), (20, 30, 20, 12, 10, 5, 3))[0]), today
        )
        pcn = f"B{pid}-{claim_id}"
        for line_id, code, fee, lcn in lines:
            w.add(t.line, (line_id, pid, claim_id, int(lcn.rsplit(".", 1)[1]), code, fee, dos, lcn, "[1]"))
        self.entry(
            f"charge:{pcn}",
            dos,
            _at(created, 16),
            f"Charges billed on claim {pcn}",
            claim_id,
            patient_id,
            [p for ln in lines for p in (("1100", ln[2], ZERO, ln[0]), ("4000", ZERO, ln[2], ln[0]))],
        )
        state, icn = self.cycle(claim_id, patient_id, payer_index, pcn, dos, created, charge, lines)
        w.add(
            t.claim,
            (
                claim_id,
                pid,
                patient_id,
                coverage_id,
                self.payers[payer_index].pk,
                provider_id,
                session_id,
                pcn,
                icn,
                state,
                charge,
                '["F33.1"]',
                auth,
                _at(created, 16),
                _at(created, 16),
            ),
        )

    def cycle(self, claim_id, patient_id, payer_index, pcn, dos, created, charge, lines) -> tuple[str, str]:
        """Submission, acknowledgement, adjudication and what followed; returns (state, ICN)."""
        rng, today = self.rng, self.plan.today
        sent = created + dt.timedelta(days=rng.choice((0, 0, 1, 2)))
        if sent >= today:
            return "ready", ""
        self.move(claim_id, "ready", "submitted", _at(sent, 18), "837P batch")
        self.batch_for(sent, claim_id, charge)
        if rng.random() < 0.04:
            self.move(claim_id, "submitted", "rejected", _at(sent + dt.timedelta(days=1), 9), "277CA A7")
            sent += dt.timedelta(days=rng.randrange(2, 7))
            if sent >= today:
                return "rejected", ""
            self.move(claim_id, "rejected", "submitted", _at(sent, 18), "837P batch (resubmitted)")
            self.batch_for(sent, claim_id, charge)
        accepted = sent + dt.timedelta(days=1)
        if accepted > today:
            return "submitted", ""
        self.move(claim_id, "submitted", "accepted", _at(accepted, 10), "277CA A2")
        weekday = PAYERS[payer_index][6]
        paid_on = accepted + dt.timedelta(days=rng.randrange(10, 36))
        paid_on += dt.timedelta(days=(weekday - paid_on.weekday()) % 7)
        if paid_on > today:
            return "accepted", ""
        return self.adjudicate(claim_id, patient_id, payer_index, pcn, dos, paid_on, charge, lines)
