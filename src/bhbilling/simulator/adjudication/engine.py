"""Adjudicate one accepted claim: edits, authorization, visit limit, pricing, the mix.

Flow (one claim, lines in order): a claim-level denial (timely filing, credentialing,
records request) denies every line; otherwise each line meets the line edits, then its
authorization (which may pay fewer units), then the visit limit -- a new visit day
beyond the plan's limit is CARC 119 (group CO or PR as the payer says, N640) -- and is
priced (`pricing`). The mix's medical-necessity roll denies every payable line CO-50.
CLP02 is 4 when nothing is paid or left to the patient, else 1/2/3 by SBR01.
`commit` records what the claim consumed (deductible, out-of-pocket, visit days,
authorization units, paid lines for duplicate checks) in the state; `release` gives it
back when the claim is reversed for a void or a replacement.
"""

from __future__ import annotations

from decimal import Decimal

from bhbilling.simulator.adjudication.edits import (
    Context,
    Denial,
    authorize,
    claim_denial,
    line_denial,
    line_key,
)
from bhbilling.simulator.adjudication.mix import chance
from bhbilling.simulator.adjudication.model import ZERO, Adjustment, ClaimOutcome, LineOutcome
from bhbilling.simulator.adjudication.pricing import Benefits, price_line
from bhbilling.simulator.facts import LineFacts
from bhbilling.simulator.state import SimulatorState

__all__ = ["accumulator_key", "adjudicate", "commit", "release"]

_STATUS = {"P": "1", "S": "2", "T": "3"}


def accumulator_key(ctx: Context) -> str:
    return f"{ctx.payer.payer_id}|{ctx.facts.member_id}|{ctx.member.plan.start.isoformat()}"


def _denied(line: LineFacts, denial: Denial) -> LineOutcome:
    return LineOutcome(line.number, line.code, line.modifiers, line.charge, ZERO, line.units, line.units,
                       ZERO, line.service_date, line.control_number,
                       (Adjustment(denial.group, denial.reason, line.charge),), denial.remarks)


def _benefits(ctx: Context) -> Benefits:
    plan, acc = ctx.member.plan, ctx.state.accumulator(accumulator_key(ctx))
    deductible_left = max(ZERO, plan.deductible - plan.deductible_met - Decimal(acc["deductible"]))
    oop_left = None
    if plan.oop_max is not None:
        oop_left = max(ZERO, plan.oop_max - plan.oop_met - Decimal(acc["oop"]))
    return Benefits(plan.copay, plan.coinsurance, deductible_left, oop_left)


def adjudicate(ctx: Context) -> ClaimOutcome:
    """The payer's decision on `ctx.facts` (the state is read, not changed)."""
    f, rules, plan = ctx.facts, ctx.payer.rules, ctx.member.plan
    claim_level = claim_denial(ctx)
    necessity = chance(ctx.book.mix.medical_necessity, ctx.seed, "necessity", ctx.icn)
    benefits = _benefits(ctx)
    acc = ctx.state.accumulator(accumulator_key(ctx))
    days = set(acc["visit_days"])
    new_days: list[str] = []
    used_now: dict[str, Decimal] = {}
    lines: list[LineOutcome] = []
    notes: list[str] = [claim_level.note] if claim_level else []
    for line in f.lines:
        denial = claim_level or line_denial(ctx, line)
        units, auth = line.units, ""
        if denial is None:
            denial, units, auth = authorize(ctx, line, used_now)
        day = line.service_date.isoformat()
        is_visit = line.code in rules.visit_codes
        new_visit = is_visit and plan.visit_limit is not None and day not in days
        if denial is None and new_visit and plan.visits_used + len(days) >= plan.visit_limit:
            denial = Denial(rules.visit_limit_group, "119", ("N640",), "visit limit reached")
        if denial is None and necessity:
            denial = Denial("CO", "50", (), "not medically necessary (payer review)")
        if denial is not None:
            if denial.note and denial.note not in notes:
                notes.append(denial.note)
            lines.append(_denied(line, denial))
            continue
        if auth:
            used_now[auth] = used_now.get(auth, Decimal(0)) + units
        if is_visit and day not in days:
            days.add(day)
            new_days.append(day)
        rate = ctx.payer.fees.rate(line.code, line.modifiers)
        assert rate is not None  # line_denial refuses codes off the fee schedule
        lines.append(price_line(line, rate, units, benefits, charges_copay=is_visit or not rules.visit_codes,
                                secondary=f.responsibility in ("S", "T")))
    processed = any(not line.denied for line in lines)
    status = _STATUS.get(f.responsibility, "1") if processed else "4"
    return ClaimOutcome(f.pcn, ctx.icn, status, ctx.payer.claim_filing_code, f.place_of_service, f.frequency,
                        tuple(lines), f.received, ctx.today, ZERO, tuple(new_days),
                        tuple((a, str(u)) for a, u in used_now.items()), benefits.deductible_applied,
                        benefits.oop_applied, tuple(notes))


def _shift(state: SimulatorState, key: str, outcome: ClaimOutcome, sign: int) -> None:
    acc = state.accumulator(key)
    acc["deductible"] = str(Decimal(acc["deductible"]) + sign * outcome.deductible)
    acc["oop"] = str(Decimal(acc["oop"]) + sign * outcome.oop)
    days = set(acc["visit_days"])
    days = days | set(outcome.visit_days) if sign > 0 else days - set(outcome.visit_days)
    acc["visit_days"] = sorted(days)
    for number, units in outcome.auth_units:
        auth_key = f"{key.split('|', 1)[0]}|{number}"
        state.set_amount("auth_units", auth_key, state.amount("auth_units", auth_key) + sign * Decimal(units))


def commit(state: SimulatorState, key: str, ctx: Context, outcome: ClaimOutcome) -> None:
    """Record what `outcome` consumed and its processed lines (for duplicates, bundling)."""
    _shift(state, key, outcome, +1)
    by_number = {line.number: line for line in ctx.facts.lines}
    for line in outcome.lines:
        if not line.denied:
            state.add_paid_line(line_key(ctx.payer.payer_id, ctx.facts.member_id, by_number[line.number]),
                                outcome.icn)


def release(state: SimulatorState, key: str, outcome: ClaimOutcome) -> None:
    """Give back what a reversed claim consumed."""
    _shift(state, key, outcome, -1)
    state.drop_paid_lines(outcome.icn)
