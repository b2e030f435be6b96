"""Demo Good Faith Estimates for the self-pay patients of a demo practice.

Call ``seed_estimates(practice, today)`` after the demo's sessions are coded (``bill_demo``
/ ``run_cycles``): billed charges come from coding decisions, and the dispute-eligible
example is sized from them. What it writes, per practice, through the real services
(``app.estimates``), so numbers, due dates, audit events and fees are the product's own:
- every self-pay patient (no coverage on ``today``) with sessions gets an estimate from the
  clinician who saw them most, "scheduled" a week before the first session, for the 12
  months from it, issued one business day after scheduling (every seventh one day late, so
  the "issued late" state shows); the items are that clinician's sessions of the patient
  by code, scaled from the months seen to a year;
- the patient billed the most gets a narrow 3-month estimate instead, sized so the billed
  charges exceed it by $400 or more: the dispute-eligible example;
- two open drafts for the worklist: a replacement estimate (adding family sessions)
  scheduled six days ago and not yet given (overdue), and a patient's cost question today
  (due in three business days).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from bhbilling.app.coding import fees_for
from bhbilling.app.estimates import compare_many, create_estimate, issue, supersede
from bhbilling.app.models import (
    ClinicalSession,
    CodingDecision,
    Coverage,
    DecisionStatus,
    GoodFaithEstimate,
    Patient,
    Practice,
    SessionStatus,
)
from bhbilling.app.tenancy import scoped_to
from bhbilling.domain.estimates import DISPUTE_THRESHOLD, add_business_days, max_period_end

__all__ = ["EstimateSeed", "seed_estimates"]
ACTOR = "demo:estimates"

# A clinician's usual code per service type, used when a session is not coded yet.
TYPICAL = {"intake_evaluation": ("90791", 1), "intake_evaluation_medical": ("90792", 1),
           "psychotherapy": ("90834", 1), "medication_management": ("99213", 1),
           "em_with_psychotherapy": ("99214", 1), "crisis": ("90839", 1),
           "family_with_patient": ("90847", 1), "family_without_patient": ("90846", 1),
           "group": ("90853", 1), "screening": ("96127", 1), "sud_assessment": ("H0001", 1),
           "sud_individual": ("H0004", 4), "sud_group": ("H0005", 1),
           "psychological_testing": ("96130", 1)}
ONCE = {"90791", "90792", "H0001", "96130"}  # evaluations: once a year, not annualised


@dataclass
class EstimateSeed:
    issued: int = 0
    drafts: int = 0
    dispute_eligible: int = 0
    ids: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _now(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 30), tzinfo=dt.UTC)


def _self_pay_patients(today: dt.date) -> list[Patient]:
    insured = {c.patient_id for c in Coverage.objects.select_related("payer") if c.is_active_on(today)
               and c.payer.kind != "self_pay"}
    return [p for p in Patient.objects.filter(active=True).order_by("id") if p.pk not in insured]


def _sessions(patients: list[Patient]) -> dict[int, list[ClinicalSession]]:
    out: dict[int, list[ClinicalSession]] = defaultdict(list)
    for s in ClinicalSession.objects.filter(patient__in=patients, status=SessionStatus.COMPLETED
                                            ).order_by("date_of_service", "id"):
        out[s.patient_id].append(s)
    return out


def _coded(sessions: list[ClinicalSession]) -> dict[int, list[dict]]:
    lines: dict[int, list[dict]] = {}
    for d in CodingDecision.objects.filter(session__in=sessions).order_by("id"):
        lines[d.session_id] = d.final if d.status != DecisionStatus.PROPOSED else []
    return lines


def _expected(sessions: list[ClinicalSession], coded: dict[int, list[dict]], scale: float):
    counts: Counter = Counter()
    for s in sessions:
        lines = coded.get(s.pk) or []
        if lines:
            for ln in lines:
                counts[(ln["code"], tuple(ln.get("modifiers") or ()))] += 1
        elif s.service_type in TYPICAL:
            counts[(TYPICAL[s.service_type][0], ())] += 1
    return [(code, list(mods), n if code in ONCE else max(n, math.ceil(n * scale)))
            for (code, mods), n in sorted(counts.items())]


@dataclass(frozen=True)
class _Plan:
    patient: Patient
    sessions: list[ClinicalSession]  # the main clinician's, by date
    expected: list

    @property
    def first(self) -> dt.date:
        return self.sessions[0].date_of_service


def _plan(patient: Patient, sessions: list[ClinicalSession], coded, today: dt.date) -> _Plan | None:
    provider_id = Counter(s.provider_id for s in sessions).most_common(1)[0][0]
    mine = [s for s in sessions if s.provider_id == provider_id]
    seen_days = max((today - mine[0].date_of_service).days, 30)
    fees = fees_for(patient.practice_id, None, mine[0].date_of_service)
    expected = [e for e in _expected(mine, coded, 365 / seen_days)
                if (e[0], tuple(sorted(e[1]))) in fees or (e[0], ()) in fees]  # priced codes only
    return _Plan(patient, mine, expected) if expected else None


def _create(plan: _Plan, end: dt.date, expected: list, issue_after: int, seed: EstimateSeed
            ) -> GoodFaithEstimate:
    scheduled = plan.first - dt.timedelta(days=7)
    row = create_estimate(plan.patient, plan.sessions[0].provider, "scheduled", scheduled, plan.first,
                          plan.first, end, expected, plan.sessions[0].diagnoses[:4], actor=ACTOR,
                          now=_now(scheduled))
    issue(row, add_business_days(scheduled, issue_after), actor=ACTOR)
    seed.issued += 1
    seed.ids.append(row.pk)
    return row


def _narrow(plan: _Plan, billed: Decimal, practice_id: int) -> list | None:
    """3 months of the main code, $400 or more below what was billed in them."""
    code, mods, _ = max((e for e in plan.expected if e[0] not in ONCE), key=lambda e: e[2],
                        default=plan.expected[0])
    fees = fees_for(practice_id, None, plan.first)
    fee = fees.get((code, tuple(sorted(mods)))) or fees.get((code, ()))
    sessions = int((billed - DISPUTE_THRESHOLD) // fee) if fee else 0
    return [(code, mods, sessions)] if sessions >= 1 else None


def seed_estimates(practice: Practice, today: dt.date) -> EstimateSeed:
    """Estimates for the practice's self-pay patients (see the module note)."""
    seed = EstimateSeed()
    with scoped_to(practice.company_id, practice.pk):
        patients = _self_pay_patients(today)
        by_patient = _sessions(patients)
        coded = _coded([s for rows in by_patient.values() for s in rows])
        plans = [plan for p in patients if by_patient.get(p.pk)
                 if (plan := _plan(p, by_patient[p.pk], coded, today)) is not None]
        if not plans:
            seed.notes.append("no self-pay patient with sessions in this practice")
            return seed
        quarter = dt.timedelta(days=89)
        billed = compare_many([GoodFaithEstimate(
            pk=i, patient_id=plan.patient.pk, provider_id=plan.sessions[0].provider_id,
            period_start=plan.first, period_end=plan.first + quarter, total=Decimal(0))
            for i, plan in enumerate(plans)])
        top = max(range(len(plans)), key=lambda i: (billed[i].billed, -i))
        narrow = _narrow(plans[top], billed[top].billed, practice.pk)
        if narrow is None:
            seed.notes.append("no patient billed enough for a dispute-eligible example (code the "
                              "sessions first)")
        made = []
        for i, plan in enumerate(plans):
            if i == top and narrow is not None:
                row = _create(plan, plan.first + quarter, narrow, 1, seed)
                seed.dispute_eligible += int(compare_many([row])[row.pk].eligible)
            else:
                made.append(_create(plan, max_period_end(plan.first), plan.expected,
                                    3 if i % 7 == 6 else 1, seed))
        if made:  # a change of scope: family sessions added, scheduled six days ago, not given yet
            old = made[0]
            kept = [(i["code"], i.get("modifiers") or [], i["sessions"]) for i in old.items]
            draft = supersede(old, requested_on=today - dt.timedelta(days=6),
                              first_service_on=max(old.period_start, today + dt.timedelta(days=14)),
                              expected=[*kept, ("90847", [], 6)], now=_now(today - dt.timedelta(days=6)),
                              actor=ACTOR)
            seed.drafts += 1
            seed.ids.append(draft.pk)
        asked = plans[-1]  # a cost question today about 60-minute sessions
        question = create_estimate(asked.patient, asked.sessions[0].provider, "request", today, None,
                                   today, max_period_end(today), [("90837", [], 12)],
                                   asked.sessions[0].diagnoses[:4], actor=ACTOR, now=_now(today))
        seed.drafts += 1
        seed.ids.append(question.pk)
    return seed
