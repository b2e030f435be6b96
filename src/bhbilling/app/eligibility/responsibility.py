"""What the patient will likely owe for one session, before it happens.

Inputs, each the best one available:
- Benefits: the newest stored 271 answer from the payer of the session's primary coverage
  (``stored.latest_check``); the coverage dates it gave decide "active" on the session's
  date, not on the day it was asked.
- Codes: the session's claim lines, else the coder's decision, else what the coding engine
  would propose were the session completed as booked (a scheduled session has no lines
  yet); a session with no minutes booked cannot be priced.
- Fee: ``domain.eligibility.expected_responsibility`` wants the *allowed* amount. The
  payer's fee schedule in force on the date gives ``expected_allowed`` when it has one;
  otherwise the charge is used and a note says the estimate may be high. The standard
  schedule (payer empty) fills codes the payer's schedule lacks.
The estimate is an estimate: the 835 decides (see the domain module's assumptions).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from bhbilling.app import coding
from bhbilling.app.eligibility.stored import latest_check, summary_from_dict
from bhbilling.app.models import (
    Claim,
    ClaimState,
    ClinicalSession,
    Coverage,
    CoveragePriority,
    EligibilityCheck,
    FeeSchedule,
    FeeScheduleRate,
    FrequencyCode,
    Payer,
    PayerKind,
)
from bhbilling.domain.coding import code_session
from bhbilling.domain.coding.result import ProposedLine
from bhbilling.domain.eligibility import BenefitSummary, expected_responsibility
from bhbilling.kernel.errors import BhBillingError
from bhbilling.kernel.money import quantize_cents

__all__ = ["Estimate", "allowed_fee", "booked_lines", "expected_for_session", "session_lines"]

Line = tuple[str, tuple[str, ...], Decimal]  # code, sorted modifiers, units


@dataclass(frozen=True, slots=True)
class Estimate:
    amount: Decimal | None  # None: cannot be estimated (see notes)
    allowed: Decimal | None
    lines: tuple[Line, ...]
    in_network: bool
    check: EligibilityCheck | None
    notes: tuple[str, ...]


def _mods(values) -> tuple[str, ...]:
    return tuple(sorted(m for m in values if m))


def session_lines(session: ClinicalSession) -> list[Line]:
    """The session's billable lines as they stand (see the module docstring)."""
    claim = (Claim.objects.filter(session=session, prior_payer_claim__isnull=True)
             .exclude(state=ClaimState.VOIDED).exclude(frequency_code=FrequencyCode.VOID)
             .order_by("-id").first())
    if claim is not None:
        return [(ln.code, _mods(ln.modifiers), ln.units) for ln in claim.lines.all()]
    decision = coding.current_decision(session)
    if decision is not None:
        lines = decision.final or decision.proposed.get("lines", [])
        if lines:
            return [(ln["code"], _mods(ln.get("modifiers") or ()), Decimal(str(ln["units"])))
                    for ln in lines]
    return [(ln.code, _mods(ln.modifiers), ln.units) for ln in booked_lines(session)]


def booked_lines(session: ClinicalSession, fees_cache: dict | None = None) -> list[ProposedLine]:
    """What the coding engine would propose were the session completed as booked (its
    minutes, type, provider and payer); [] when it cannot say (no minutes, no rule)."""
    if not session.minutes and session.service_type not in ("group", "screening"):
        return []
    try:
        ctx = coding.build_context(session, fees_cache=fees_cache)
    except BhBillingError:
        return []
    booked = dataclasses.replace(ctx.session, status="completed", note_signed=True)
    return list(code_session(dataclasses.replace(ctx, session=booked)).lines)


def _in_force(day: dt.date) -> Q:
    return Q(effective_from__lte=day) & (Q(effective_to__isnull=True) | Q(effective_to__gte=day))


def allowed_fee(practice_id: int, payer: Payer | None, day: dt.date,
                code: str, modifiers: tuple[str, ...]) -> tuple[Decimal | None, bool]:
    """(fee, is_allowed_amount) for one unit of `code`: the payer's schedule first (its
    expected allowed amount, else its charge), then the standard schedule's."""
    schedules = FeeSchedule.objects.filter(_in_force(day), practice_id=practice_id)
    ordered = []
    if payer is not None:
        ordered.append(schedules.filter(payer=payer).order_by("-effective_from", "-id").first())
    ordered.append(schedules.filter(payer__isnull=True).order_by("-effective_from", "-id").first())
    for schedule in ordered:
        if schedule is None:
            continue
        rates = {r.modifiers: r for r in FeeScheduleRate.objects.filter(schedule=schedule, code=code)}
        rate = rates.get(":".join(modifiers)) or rates.get("")
        if rate is not None:
            if rate.expected_allowed is not None:
                return rate.expected_allowed, True
            return rate.charge, False
    return None, False


def _coverage_on(session: ClinicalSession) -> Coverage | None:
    """The primary coverage active on the date of service (as ``claims.build`` bills it;
    not imported from there so that module may import ``app.authorizations``)."""
    rows = (Coverage.objects.filter(patient_id=session.patient_id, priority=CoveragePriority.PRIMARY)
            .select_related("payer").order_by("-starts_on", "-id"))
    return next((c for c in rows if c.is_active_on(session.date_of_service)), None)


def _as_of(summary: BenefitSummary, day: dt.date) -> tuple[BenefitSummary, str]:
    ended = summary.coverage_end is not None and day > summary.coverage_end
    early = summary.coverage_start is not None and day < summary.coverage_start
    if summary.active and (ended or early):
        return (dataclasses.replace(summary, active=False),
                "the payer's coverage dates do not include the session date")
    return summary, ""


def expected_for_session(session: ClinicalSession, *, in_network: bool = True) -> Estimate:
    """The patient's expected share of `session` (see the module docstring)."""
    day = session.date_of_service
    coverage = _coverage_on(session)
    payer = coverage.payer if coverage is not None else None
    lines = session_lines(session)
    if not lines:
        return Estimate(None, None, (), in_network, None,
                        ("not coded yet and no minutes booked: nothing to price",))
    notes: list[str] = []
    allowed = Decimal(0)
    for code, mods, units in lines:
        fee, is_allowed = allowed_fee(session.practice_id, payer, day, code, mods)
        if fee is None:
            return Estimate(None, None, tuple(lines), in_network, None,
                            (f"no fee for {code} in the fee schedules",))
        if not is_allowed and "priced at the charge" not in " ".join(notes):
            notes.append("priced at the charge (no expected allowed amount on file): "
                         "the payer's allowed amount, and so the patient's share, may be lower")
        allowed += fee * units
    allowed = quantize_cents(allowed)
    if payer is None or payer.kind == PayerKind.SELF_PAY:
        return Estimate(allowed, allowed, tuple(lines), in_network, None,
                        ("no insurance on the date: the patient owes the fee", *notes))
    check = latest_check(session.patient, payer.pk)
    if check is None or not check.summary:
        return Estimate(None, allowed, tuple(lines), in_network, None,
                        ("no eligibility answer on file from this payer: check eligibility", *notes))
    summary, why = _as_of(summary_from_dict(check.summary), day)
    if why:
        notes.append(why)
    amount = expected_responsibility(summary, allowed, in_network=in_network)
    return Estimate(amount, allowed, tuple(lines), in_network, check, tuple(notes))
