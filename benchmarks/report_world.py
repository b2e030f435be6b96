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
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from benchmarks.report_tables import Ids, Table, Writer

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
COMPANY_SLUG = "bench-reports"
FEES = {
    "90791": Decimal("200.00"),
    "90832": Decimal("95.00"),
    "90834": Decimal("150.00"),
    "90837": Decimal("190.00"),
    "90785": Decimal("30.00"),
    "99214": Decimal("160.00"),
    "90836": Decimal("110.00"),
    "90847": Decimal("165.00"),
    "H0004": Decimal("25.00"),
}
SHAPES = (
    (("90834",), "psychotherapy", 30),
    (("90837",), "psychotherapy", 25),
    (("90832",), "psychotherapy", 12),
    (("99214", "90836"), "psychotherapy", 10),
    (("90791", "90785"), "intake_evaluation", 8),
    (("90847",), "family_psychotherapy", 10),
    (("H0004",), "sud_individual", 5),
)
SHAPE_WEIGHTS = [s[2] for s in SHAPES]
# name, payer id, kind, allowed share of charge, patient share rule, denial rate, weekday paid
PAYERS = (
    ("Medicare", "MCR01", "medicare", "0.55", "coins20", 0.07, 1),
    ("State Medicaid", "MCD01", "medicaid", "0.45", "none", 0.12, 2),
    ("Acme Health", "ACME1", "commercial", "0.72", "copay25", 0.08, 3),
    ("Blue Plan", "BLUE1", "commercial", "0.78", "copay30", 0.06, 4),
    ("Evergreen Health", "EVG01", "commercial", "0.68", "coins20", 0.09, 0),
    ("Harbor Care", "HBR01", "commercial", "0.80", "copay20", 0.05, 3),
)
PAYER_WEIGHTS = (18, 22, 20, 18, 12, 10)
# category, group, CARC, RARC, weight (reference §11 CARC/RARC families)
DENIAL_REASONS = (
    ("eligibility", "CO", "27", "N30", 25),
    ("authorization", "CO", "197", "N54", 20),
    ("coding", "CO", "4", "M20", 12),
    ("medical_necessity", "CO", "50", "N115", 10),
    ("timely_filing", "CO", "29", "", 6),
    ("duplicate", "OA", "18", "N522", 10),
    ("coordination_of_benefits", "CO", "22", "MA04", 8),
    ("credentialing", "CO", "B7", "N290", 5),
    ("other", "CO", "16", "MA130", 4),
)
DENIAL_WEIGHTS = [r[4] for r in DENIAL_REASONS]
APPEALABLE = {"authorization", "medical_necessity", "coding", "eligibility"}
WRITE_OFF = {"timely_filing", "duplicate"}
ACCOUNTS = ("1000", "1100", "1200", "4000", "4100", "4200")


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


@dataclass
class Plan:
    claims: int
    today: dt.date = dt.date(2026, 6, 30)
    practices: int = 20
    providers: int = 12
    months: int = 18
    seed: int = 7

    @property
    def first_dos(self) -> dt.date:
        return self.today - dt.timedelta(days=round(self.months * 30.4))


@dataclass
class World:
    company_id: int
    practice_ids: list[int]
    payer_ids: list[int]
    counts: dict[str, int] = field(default_factory=dict)


class _Tables:
    def __init__(self) -> None:
        from bhbilling.app import models as m

        T = Table
        self.patient = T(
            m.Patient, ("id", "practice_id", "account_number", "first_name", "last_name", "date_of_birth")
        )
        self.coverage = T(
            m.Coverage,
            ("id", "practice_id", "patient_id", "payer_id", "member_id", "member_id_index", "starts_on"),
        )
        self.auth = T(
            m.Authorization,
            (
                "id",
                "practice_id",
                "patient_id",
                "payer_id",
                "coverage_id",
                "number",
                "codes",
                "units_approved",
                "starts_on",
                "ends_on",
                "created_at",
            ),
        )
        self.session = T(
            m.ClinicalSession,
            (
                "id",
                "practice_id",
                "patient_id",
                "provider_id",
                "location_id",
                "date_of_service",
                "service_type",
                "diagnoses",
                "note_signed",
                "total_minutes",
            ),
        )
        self.claim = T(
            m.Claim,
            (
                "id",
                "practice_id",
                "patient_id",
                "coverage_id",
                "payer_id",
                "rendering_provider_id",
                "session_id",
                "patient_control_number",
                "payer_claim_number",
                "state",
                "total_charge",
                "diagnoses",
                "prior_authorization",
                "created_at",
                "updated_at",
            ),
        )
        self.line = T(
            m.ClaimLine,
            (
                "id",
                "practice_id",
                "claim_id",
                "line_number",
                "code",
                "charge",
                "date_of_service",
                "line_control_number",
                "diagnosis_pointers",
            ),
        )
        self.history = T(
            m.ClaimStateChange, ("id", "practice_id", "claim_id", "from_state", "to_state", "at", "reason")
        )
        self.batch = T(
            m.Batch,
            (
                "id",
                "practice_id",
                "clearinghouse_id",
                "interchange_number",
                "group_number",
                "transaction_number",
                "usage_indicator",
                "file_name",
                "claim_count",
                "total_charge",
                "created_at",
                "sent_at",
                "ack_status",
            ),
        )
        self.batch_claim = T(m.BatchClaim, ("id", "practice_id", "batch_id", "claim_id", "position"))
        self.file = T(
            m.RemittanceFile,
            (
                "id",
                "practice_id",
                "file_name",
                "sha256",
                "status",
                "imported_at",
                "transaction_count",
                "claim_count",
            ),
        )
        self.remittance = T(
            m.Remittance,
            (
                "id",
                "practice_id",
                "file_id",
                "payer_id",
                "payer_name",
                "trace_number",
                "trace_originator",
                "amount",
                "method",
                "payment_date",
                "control_number",
                "posted_at",
            ),
        )
        self.payment = T(
            m.ClaimPayment,
            (
                "id",
                "practice_id",
                "remittance_id",
                "claim_id",
                "position",
                "patient_control_number",
                "payer_claim_number",
                "status_code",
                "charge",
                "paid",
                "patient_responsibility",
                "lines",
                "service_date",
                "match_method",
                "entry_id",
            ),
        )
        self.denial = T(
            m.Denial,
            (
                "id",
                "practice_id",
                "claim_id",
                "payment_id",
                "line_control_number",
                "procedure_code",
                "amount",
                "group_code",
                "reason_codes",
                "remark_codes",
                "status",
                "created_at",
                "category",
                "appeal_deadline",
                "resolution",
                "resolved_at",
            ),
        )
        self.appeal = T(
            m.Appeal,
            (
                "id",
                "practice_id",
                "claim_id",
                "denial_id",
                "status",
                "category",
                "deadline",
                "sent_on",
                "created_at",
            ),
        )
        self.writeoff = T(
            m.WriteOff,
            (
                "id",
                "practice_id",
                "claim_id",
                "patient_id",
                "denial_id",
                "source",
                "amount",
                "reason",
                "status",
                "requested_at",
                "decided_at",
                "entry_id",
            ),
        )
        self.entry = T(
            m.JournalEntry,
            (
                "id",
                "practice_id",
                "entry_key",
                "effective_date",
                "posted_at",
                "memo",
                "claim_id",
                "patient_id",
            ),
        )
        self.jline = T(
            m.JournalLine,
            ("id", "practice_id", "entry_id", "account_id", "debit", "credit", "claim_line_id", "claim_id"),
        )
        self.patient_payment = T(
            m.PatientPayment,
            (
                "id",
                "practice_id",
                "patient_id",
                "kind",
                "method",
                "amount",
                "received_on",
                "claim_id",
                "entry_id",
                "recorded_at",
            ),
        )


def _npi(i: int) -> str:
    from bhbilling.kernel.ids import npi_check_digit

    body = f"1{600000 + i:08d}"
    return body + str(npi_check_digit(body))


def _company(plan: Plan):
    """Company, clearinghouse and payers through the ORM (a handful of rows)."""
    from bhbilling.app import models as m

    co = m.BillingCompany.objects.create(name="Bench Reports Billing", slug=COMPANY_SLUG)
    house = m.Clearinghouse.unscoped.create(
        company=co,
        name="Bench house",
        sender_id="BENCHSENDER",
        receiver_id="BENCHRECV",
        receiver_name="Bench Clearinghouse",
        submitter_id="BENCH",
        submitter_name="Bench Billing",
        contact_name="Bench",
        is_default=True,
    )
    payers = [
        m.Payer.unscoped.create(
            company=co,
            name=p[0],
            payer_id=p[1],
            kind=p[2],
            timely_filing_days=365 if p[2] != "commercial" else 180,
        )
        for p in PAYERS
    ]
    return co, house, payers


def _practice(co, index: int, payers, plan: Plan):
    """One practice with its location, clinicians, chart of accounts and fee schedules."""
    from bhbilling.app import models as m
    from bhbilling.app.ledger import ensure_chart_of_accounts

    practice = m.Practice.unscoped.create(
        company=co,
        name=f"Bench Practice {index + 1:02d}",
        legal_name=f"Bench Practice {index + 1:02d} PLLC",
        tin=f"26{index:07d}",
        npi=_npi(900 + index),
        taxonomy="261QM0801X",
        address_line1="12 Main St",
        city="Albany",
        state="NY",
        postal_code="12207",
    )
    location = m.Location.unscoped.create(
        practice=practice,
        name="Main",
        address_line1="12 Main St",
        city="Albany",
        state="NY",
        postal_code="12207",
    )
    providers = m.Provider.unscoped.bulk_create(
        [
            m.Provider(
                practice=practice,
                first_name="Clin",
                last_name=f"Ician{i:02d}",
                npi=_npi(i),
                taxonomy="1041C0700X",
                credential="LCSW",
            )
            for i in range(plan.providers)
        ]
    )
    accounts = {code: a.pk for code, a in ensure_chart_of_accounts(practice.pk).items()}
    start = plan.first_dos - dt.timedelta(days=31)
    std = m.FeeSchedule.unscoped.create(practice=practice, name="Standard", effective_from=start)
    rates = [m.FeeScheduleRate(practice=practice, schedule=std, code=c, charge=v) for c, v in FEES.items()]
    for payer, spec in zip(payers, PAYERS, strict=True):
        sched = m.FeeSchedule.unscoped.create(
            practice=practice, payer=payer, name=f"{payer.name} contract", effective_from=start
        )
        rates += [
            m.FeeScheduleRate(
                practice=practice,
                schedule=sched,
                code=c,
                charge=v,
                expected_allowed=_money(v * Decimal(spec[3])),
            )
            for c, v in FEES.items()
        ]
    m.FeeScheduleRate.unscoped.bulk_create(rates)
    return practice, location, [p.pk for p in providers], accounts


class _PracticeRun:
    """Generates one practice's rows; batches and remittances are written once totalled."""

    def __init__(
        self,
        plan: Plan,
        t: _Tables,
        w: Writer,
        ids: Ids,
        house_id: int,
        payers,
        practice,
        location_id: int,
        provider_ids: list[int],
        accounts: dict[str, int],
        seq: list[int],
    ):
        self.plan, self.t, self.w, self.ids, self.house_id = plan, t, w, ids, house_id
        self.payers, self.practice, self.location_id = payers, practice, location_id
        self.provider_ids, self.acct, self.seq = provider_ids, accounts, seq
        self.pid = practice.pk
        self.rng = random.Random(plan.seed * 1000 + self.pid)
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

    def adjudicate(self, claim_id, patient_id, payer_index, pcn, dos, paid_on, charge, lines):
        t, w, rng, pid = self.t, self.w, self.rng, self.pid
        spec = PAYERS[payer_index]
        icn = f"ICN{claim_id:011d}"
        denied = rng.random() < spec[5]
        partial = not denied and len(lines) > 1 and rng.random() < 0.12
        share = Decimal(spec[3]) * (Decimal("0.9") if rng.random() < 0.02 else 1)  # 2 % underpaid
        out, postings, paid_total, pr_total = [], [], ZERO, ZERO
        rule = spec[4]
        pr_left = Decimal(rule[5:]) if rule.startswith("copay") else None
        for k, (line_id, code, fee, lcn) in enumerate(lines):
            if denied or (partial and k == len(lines) - 1):
                out.append(
                    {
                        "ref": lcn,
                        "code": code,
                        "charge": str(fee),
                        "paid": "0.00",
                        "allowed": "0.00",
                        "adjustments": [],
                        "remarks": [],
                    }
                )
                continue
            allowed = _money(fee * share)
            if rule == "coins20":
                pr = _money(allowed * Decimal("0.2"))
            elif pr_left is not None:
                pr, pr_left = min(pr_left, allowed), pr_left - min(pr_left, allowed)
            else:
                pr = ZERO
            paid = allowed - pr
            paid_total, pr_total = paid_total + paid, pr_total + pr
            adj = [{"group": "CO", "reason": "45", "amount": str(fee - allowed)}]
            if pr:
                adj.append({"group": "PR", "reason": "3" if rule != "coins20" else "2", "amount": str(pr)})
            out.append(
                {
                    "ref": lcn,
                    "code": code,
                    "charge": str(fee),
                    "paid": str(paid),
                    "allowed": str(allowed),
                    "adjustments": adj,
                    "remarks": [],
                }
            )
            postings += [
                ("1000", paid, ZERO, line_id),
                ("1100", ZERO, paid, line_id),
                ("4100", fee - allowed, ZERO, line_id),
                ("1100", ZERO, fee - allowed, line_id),
            ]
            if pr:
                postings += [("1200", pr, ZERO, line_id), ("1100", ZERO, pr, line_id)]
        rem_id, position, trace = self.remittance_for(payer_index, paid_on, paid_total)
        payment_id = self.ids.take(t.payment)
        entry_id = None
        if postings:
            entry_id = self.entry(
                f"era:1{spec[1][:9]}:{trace}:clp{position}",
                paid_on,
                _at(paid_on, 14),
                f"835 {trace}: claim {pcn}",
                claim_id,
                patient_id,
                [p for p in postings if p[1] or p[2]],
            )
        w.add(
            t.payment,
            (
                payment_id,
                pid,
                rem_id,
                claim_id,
                position,
                pcn,
                icn,
                "4" if denied else "1",
                charge,
                paid_total,
                pr_total,
                json.dumps(out),
                dos,
                "pcn",
                entry_id,
            ),
        )
        if pr_total and rng.random() < 0.66:
            self.patient_paid(
                claim_id, patient_id, pr_total, paid_on + dt.timedelta(days=rng.randrange(7, 60))
            )
        if not (denied or partial):
            state = "paid"
            self.move(claim_id, "accepted", state, _at(paid_on, 14), f"835 trace {trace}, CLP02 1")
            return state, icn
        state = "denied" if denied else "partially_paid"
        self.move(claim_id, "accepted", state, _at(paid_on, 14), f"835 trace {trace}")
        if partial:
            reason = ("bundling", "CO", "97", "M15")
            denied_lines = [lines[-1]]
        else:
            reason = rng.choices(DENIAL_REASONS, DENIAL_WEIGHTS)[0]
            denied_lines = lines
        return self.denial(claim_id, patient_id, payment_id, reason, denied_lines, paid_on, state, icn)

    def denial(self, claim_id, patient_id, payment_id, reason, lines, paid_on, state, icn):
        t, w, rng, pid, today = self.t, self.w, self.rng, self.pid, self.plan.today
        category, group, carc, rarc = reason[:4]
        age = (today - paid_on).days
        amount = sum((ln[2] for ln in lines), ZERO)
        denial_id = self.ids.take(t.denial)
        status, resolution, resolved_at = "open", "", None
        if age > 30 and category in WRITE_OFF:
            status, resolution, resolved_at = (
                "written_off",
                "written_off",
                _at(paid_on + dt.timedelta(days=20), 11),
            )
            entry_id = self.entry(
                f"writeoff:{denial_id}",
                resolved_at.date(),
                resolved_at,
                "Denial written off",
                claim_id,
                patient_id,
                [("4200", amount, ZERO, None), ("1100", ZERO, amount, None)],
            )
            w.add(
                t.writeoff,
                (
                    self.ids.take(t.writeoff),
                    pid,
                    claim_id,
                    patient_id,
                    denial_id,
                    "insurance",
                    amount,
                    f"{category.replace('_', ' ')} denial",
                    "approved",
                    resolved_at,
                    resolved_at,
                    entry_id,
                ),
            )
            if state == "denied":
                self.move(claim_id, "denied", "closed", resolved_at, "written off")
                state = "closed"
        elif age > 30 and category in APPEALABLE and rng.random() < 0.45:
            status, resolution = "in_progress", "appealed"
            sent = paid_on + dt.timedelta(days=rng.randrange(7, 25))
            w.add(
                t.appeal,
                (
                    self.ids.take(t.appeal),
                    pid,
                    claim_id,
                    denial_id,
                    "sent",
                    category,
                    paid_on + dt.timedelta(days=120),
                    sent,
                    _at(sent, 10),
                ),
            )
            if state == "denied":
                self.move(claim_id, "denied", "appealed", _at(sent, 10), "appeal sent")
                state = "appealed"
        elif age > 14 and rng.random() < 0.4:
            status = "in_progress"
        w.add(
            t.denial,
            (
                denial_id,
                pid,
                claim_id,
                payment_id,
                lines[0][3] if len(lines) == 1 else "",
                lines[0][1] if len(lines) == 1 else "",
                amount,
                group,
                json.dumps([carc]),
                json.dumps([rarc] if rarc else []),
                status,
                _at(paid_on, 14),
                category,
                paid_on + dt.timedelta(days=120),
                resolution,
                resolved_at,
            ),
        )
        return state, icn

    def patient_paid(self, claim_id: int, patient_id: int, amount: Decimal, on: dt.date) -> None:
        if on > self.plan.today:
            return
        pp_id = self.ids.take(self.t.patient_payment)
        entry_id = self.entry(
            f"patient-payment:{pp_id}",
            on,
            _at(on, 12),
            "Patient payment",
            claim_id,
            patient_id,
            [("1000", amount, ZERO, None), ("1200", ZERO, amount, None)],
        )
        self.w.add(
            self.t.patient_payment,
            (pp_id, self.pid, patient_id, "payment", "card", amount, on, claim_id, entry_id, _at(on, 12)),
        )


@dataclass
class _Shared:
    """What every practice's run shares: tables, writer, ids, company rows, encrypted values."""

    plan: Plan
    tables: _Tables
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
    practice, location, provider_ids, accounts = _practice(g.company, index, g.payers, g.plan)
    run = _PracticeRun(
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

    co, house, payers = _company(plan)
    g = _Shared(
        plan,
        _Tables(),
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
