"""Billed charges against the estimate, per provider (45 CFR 149.620; reference §10.1).

What counts as billed for an estimate (same patient, same provider, dates of service
inside the estimate's period):
- claim lines of claims with no payer or a self-pay payer, rendered by the provider, that
  still bill: not void/voided/denied/rejected, not a void (frequency 8) and not an original
  that a replacement took over (the replacement's lines count instead);
- completed sessions of the provider that no claim carries (self-pay sessions are billed
  on statements, not claims, ``app.claims.build``) on a day the patient was self-pay for
  them: no primary coverage active, a self-pay payer, or the session marked "do not bill
  the plan". Their charge is the current coding decision's lines (accepted or changed by a
  coder); a session not coded yet has no charge and is counted as ``unpriced``.
The difference is billed minus estimated; $400.00 or more is dispute-eligible
(``domain.estimates.dispute_check``). Rows load with one query per kind for any number of
estimates, so the worklist does not grow a query per estimate.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from bhbilling.app.models import (
    Claim,
    ClaimLine,
    ClinicalSession,
    CodingDecision,
    Coverage,
    CoveragePriority,
    DecisionStatus,
    FrequencyCode,
    GoodFaithEstimate,
    PayerKind,
    SessionStatus,
)
from bhbilling.domain.estimates import dispute_check
from bhbilling.domain.scrubbing.snapshot import INACTIVE_STATES

__all__ = ["BilledItem", "Comparison", "billed_vs_estimate", "compare_many"]


@dataclass(frozen=True, slots=True)
class BilledItem:
    day: dt.date
    code: str
    charge: Decimal
    source: str  # "claim <pcn>" or "session <id>"


@dataclass(frozen=True, slots=True)
class Comparison:
    estimate_id: int
    estimated: Decimal
    billed: Decimal
    difference: Decimal
    eligible: bool
    items: tuple[BilledItem, ...] = field(default=())
    unpriced_sessions: int = 0


def _self_pay_days(coverages: list[Coverage], day: dt.date) -> bool:
    active = [c for c in coverages if c.is_active_on(day)]
    return not active or active[0].payer.kind == PayerKind.SELF_PAY


def _claim_items(estimates: list[GoodFaithEstimate]) -> dict[tuple[int, int], list[BilledItem]]:
    patients = {e.patient_id for e in estimates}
    self_pay = Q(payer__isnull=True) | Q(payer__kind=PayerKind.SELF_PAY)
    rows = (Claim.objects.filter(self_pay, patient_id__in=patients).exclude(state__in=INACTIVE_STATES)
            .exclude(frequency_code=FrequencyCode.VOID))
    claims = {c["id"]: c for c in rows.values("id", "patient_id", "rendering_provider_id",
                                              "patient_control_number")}
    replaced = set(Claim.objects.filter(original_claim_id__in=list(claims)).exclude(
        state__in=INACTIVE_STATES).values_list("original_claim_id", flat=True))
    out: dict[tuple[int, int], list[BilledItem]] = defaultdict(list)
    for row in ClaimLine.objects.filter(claim_id__in=[c for c in claims if c not in replaced]).values(
            "claim_id", "date_of_service", "code", "charge"):
        claim = claims[row["claim_id"]]
        out[(claim["patient_id"], claim["rendering_provider_id"])].append(BilledItem(
            row["date_of_service"], row["code"], row["charge"], f"claim {claim['patient_control_number']}"))
    return out


def _session_items(estimates: list[GoodFaithEstimate]) -> tuple[dict, dict]:
    patients = {e.patient_id for e in estimates}
    start = min(e.period_start for e in estimates)
    end = max(e.period_end for e in estimates)
    coverages: dict[int, list[Coverage]] = defaultdict(list)
    for cov in (Coverage.objects.filter(patient_id__in=patients, priority=CoveragePriority.PRIMARY)
                .select_related("payer").order_by("-starts_on", "-id")):
        coverages[cov.patient_id].append(cov)
    sessions = list(ClinicalSession.objects.filter(
        patient_id__in=patients, status=SessionStatus.COMPLETED, claims__isnull=True,
        date_of_service__range=(start, end)).values(
        "id", "patient_id", "provider_id", "date_of_service", "no_disclose"))
    decisions: dict[int, CodingDecision] = {}
    for d in CodingDecision.objects.filter(session_id__in=[s["id"] for s in sessions]).order_by("id"):
        decisions[d.session_id] = d  # newest wins
    items: dict[tuple[int, int], list[BilledItem]] = defaultdict(list)
    unpriced: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
    for s in sessions:
        if not (s["no_disclose"] or _self_pay_days(coverages[s["patient_id"]], s["date_of_service"])):
            continue
        key = (s["patient_id"], s["provider_id"])
        decision = decisions.get(s["id"])
        lines = decision.final if decision and decision.status != DecisionStatus.PROPOSED else []
        priced = [ln for ln in lines if ln.get("charge") not in (None, "")]
        if not priced:
            unpriced[key].append(s["date_of_service"])
            continue
        for ln in priced:
            items[key].append(BilledItem(s["date_of_service"], ln["code"], Decimal(str(ln["charge"])),
                                         f"session {s['id']}"))
    return items, unpriced


def compare_many(estimates: Iterable[GoodFaithEstimate]) -> dict[int, Comparison]:
    """Estimate id -> its comparison (see the module note for what counts as billed)."""
    rows = list(estimates)
    if not rows:
        return {}
    claim_items = _claim_items(rows)
    session_items, unpriced = _session_items(rows)
    out = {}
    for e in rows:
        key = (e.patient_id, e.provider_id)
        inside = sorted((i for i in (*claim_items.get(key, ()), *session_items.get(key, ()))
                         if e.period_start <= i.day <= e.period_end), key=lambda i: (i.day, i.source))
        billed = sum((i.charge for i in inside), Decimal("0.00"))
        check = dispute_check(e.total, billed)
        missing = sum(1 for d in unpriced.get(key, ()) if e.period_start <= d <= e.period_end)
        out[e.pk] = Comparison(e.pk, e.total, billed, check.difference, check.eligible, tuple(inside),
                               missing)
    return out


def billed_vs_estimate(estimate: GoodFaithEstimate) -> Comparison:
    return compare_many([estimate])[estimate.pk]
