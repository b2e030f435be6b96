"""Rows -> the frozen values ``domain.authorizations`` counts: authorizations and uses.

Why this mapping matters: the domain allocates ``ServiceUse``s to ``Authorization``s by
payer, code and date; what a session *is* (pending, used, given back) is decided here.

- An authorization row becomes a domain ``Authorization``: codes and ``group:`` names
  expanded, whole units, ``per_week_limit`` as a weekly ``Frequency``. Its payer key is the
  payer id, or ``<payer>/p<provider>`` when the row is limited to one provider, so only
  that provider's sessions draw from it.
- One use per session (key ``session:<id>``), as it stands now:
  * its primary claim (not a secondary claim, not a void, CLM05-3 8) not voided ->
    billed (used), with the claim's payer, codes and REF*G1 (pinned when we know that
    number); every such claim voided -> voided (the units come back);
  * no claim: scheduled or completed -> scheduled (pending: booked or done, not billed);
    cancelled or no-show -> cancelled (nothing drawn);
  * the code: the claim's lines, else the coder's decision, else what the coding engine
    would propose for the session as booked (its minutes: 53 booked minutes of
    psychotherapy are a 90837), else the session type's codes; the first code an
    authorization of that payer lists is used.
- Only sessions the patient's authorizations are about are passed: same payer (the
  primary coverage on the date of service, or the claim's payer) and a code some
  authorization of that payer lists. Other services need no authorization we track, so
  they never show as "unauthorized".
- Units: 1 per session for visit and day units; 15-minute units by the 8-minute rule on
  the session's minutes (``units_for``), or the claim line units when no minutes are known.
- A claim with no session is its own use (``claim:<id>``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from bhbilling.app.eligibility.responsibility import booked_lines
from bhbilling.app.models import (
    Authorization,
    Claim,
    ClaimState,
    ClinicalSession,
    CodingDecision,
    Coverage,
    CoveragePriority,
    FrequencyCode,
    SessionStatus,
)
from bhbilling.domain import authorizations as da
from bhbilling.domain.parties import ServiceType

__all__ = ["PatientUses", "booking_use", "load_patients", "payer_key", "session_minutes", "to_domain"]


def payer_key(payer_id: int, provider_id: int | None = None) -> str:
    return f"{payer_id}/p{provider_id}" if provider_id else str(payer_id)


def to_domain(row: Authorization) -> da.Authorization:
    freq = da.Frequency(row.per_week_limit, "week") if row.per_week_limit else None
    return da.Authorization(payer_key(row.payer_id, row.provider_id), row.number,
                            da.expand_codes(row.codes), int(row.units_approved),
                            da.UnitType(row.unit_type), row.starts_on, row.ends_on, freq)


def session_minutes(session: ClinicalSession) -> int | None:
    """Minutes documented, else booked (end - start), else None."""
    if session.total_minutes:
        return session.total_minutes
    minutes = session.minutes if isinstance(session.minutes, dict) else {}
    if minutes:
        return sum(int(v) for v in minutes.values())
    if session.start_time and session.end_time:
        start = dt.datetime.combine(session.date_of_service, session.start_time)
        end = dt.datetime.combine(session.date_of_service, session.end_time)
        return max(int((end - start).total_seconds() // 60), 0)
    return None


@dataclass(slots=True)
class PatientUses:
    """One patient's active authorization rows, their domain values and the uses."""

    patient_id: int
    rows: list[Authorization]
    authorizations: list[da.Authorization]
    uses: list[da.ServiceUse]

    def row(self, number: str) -> Authorization | None:
        return next((r for r in self.rows if r.number == number), None)

    def allocation(self) -> da.Allocation:
        return da.allocate(self.authorizations, self.uses)


class _Context:
    """The patient's authorization rows as lookups for building uses."""

    def __init__(self, rows: Sequence[Authorization]) -> None:
        self.rows = list(rows)
        self.codes: dict[int, frozenset[str]] = {r.pk: da.expand_codes(r.codes) for r in rows}

    def of_payer(self, payer_id: int) -> list[Authorization]:
        return [r for r in self.rows if r.payer_id == payer_id]

    def code_of(self, payer_id: int, candidates: Iterable[str]) -> str:
        listed = set().union(*(self.codes[r.pk] for r in self.of_payer(payer_id)))
        return next((c for c in candidates if c in listed), "")

    def covering(self, payer_id: int, code: str, on: dt.date) -> list[Authorization]:
        rows = [r for r in self.of_payer(payer_id) if code in self.codes[r.pk]]
        dated = [r for r in rows if r.starts_on <= on <= r.ends_on]
        return sorted(dated or rows, key=lambda r: (r.ends_on, r.starts_on, r.number))

    def key_for(self, payer_id: int, provider_id: int | None, code: str, on: dt.date) -> str:
        own = [r for r in self.covering(payer_id, code, on)
               if r.provider_id and r.provider_id == provider_id and r.starts_on <= on <= r.ends_on]
        return payer_key(payer_id, provider_id if own else None)


def _units(ctx: _Context, payer_id: int, code: str, on: dt.date, minutes: int | None,
           line_units: Decimal) -> int:
    rows = ctx.covering(payer_id, code, on)
    unit = da.UnitType(rows[0].unit_type) if rows else da.UnitType.VISIT
    if unit is not da.UnitType.MINUTES_15:
        return 1
    if minutes:
        return da.units_for(unit, minutes)
    return int(line_units)


def _claim_codes(claim: Claim) -> list[str]:
    return [ln.code for ln in sorted(claim.lines.all(), key=lambda ln: ln.line_number)]


def _use(ctx: _Context, key: str, payer_id: int, provider_id: int | None, codes: list[str],
         on: dt.date, status: da.UseStatus, minutes: int | None, claim: Claim | None) -> da.ServiceUse | None:
    code = ctx.code_of(payer_id, codes)
    if not code:
        return None
    line_units = (sum((ln.units for ln in claim.lines.all() if ln.code == code), Decimal(0))
                  if claim is not None else Decimal(1))
    pinned = claim.prior_authorization if claim is not None else ""
    if pinned and not any(r.number == pinned and r.payer_id == payer_id for r in ctx.rows):
        pinned = ""
    return da.ServiceUse(key, ctx.key_for(payer_id, provider_id, code, on), code, on,
                         _units(ctx, payer_id, code, on, minutes, line_units), status, pinned,
                         str(provider_id or ""))


def _primary_payer(coverages: list[Coverage], on: dt.date) -> int | None:
    return next((c.payer_id for c in coverages if c.is_active_on(on)), None)


def _decision_codes(decision: CodingDecision | None) -> list[str]:
    if decision is None:
        return []
    return [ln["code"] for ln in (decision.final or decision.proposed.get("lines", []))]


def _session_use(ctx, session, claims, coverages, decision, fees_cache) -> da.ServiceUse | None:
    day, minutes = session.date_of_service, session_minutes(session)
    if claims:
        live = [c for c in claims if c.state != ClaimState.VOIDED]
        claim = (live or claims)[-1]
        status = da.UseStatus.BILLED if live else da.UseStatus.VOIDED
        return _use(ctx, f"session:{session.pk}", claim.payer_id, session.provider_id,
                    _claim_codes(claim), day, status, minutes, claim)
    payer_id = _primary_payer(coverages, day)
    if payer_id is None:
        return None
    status = (da.UseStatus.SCHEDULED if session.status in (SessionStatus.SCHEDULED, SessionStatus.COMPLETED)
              else da.UseStatus.CANCELLED)
    codes = (_decision_codes(decision) or [ln.code for ln in booked_lines(session, fees_cache)]
             or list(ServiceType(session.service_type).codes))
    return _use(ctx, f"session:{session.pk}", payer_id, session.provider_id, codes, day, status,
                minutes, None)


def load_patients(patient_ids: Iterable[int]) -> dict[int, PatientUses]:
    """Every patient's active authorizations and uses, in a handful of queries."""
    ids = set(patient_ids)
    rows_by: dict[int, list[Authorization]] = defaultdict(list)
    for row in (Authorization.objects.filter(patient_id__in=ids, active=True)
                .select_related("payer", "provider", "patient").order_by("ends_on", "id")):
        # Numbers are unique per patient (records.py); a duplicate made outside it (admin)
        # is left out rather than failing every page that counts units.
        if all(r.number != row.number for r in rows_by[row.patient_id]):
            rows_by[row.patient_id].append(row)
    ids = set(rows_by)
    if not ids:
        return {}
    coverages: dict[int, list[Coverage]] = defaultdict(list)
    for cov in (Coverage.objects.filter(patient_id__in=ids, priority=CoveragePriority.PRIMARY)
                .order_by("-starts_on", "-id")):
        coverages[cov.patient_id].append(cov)
    claims_by_session: dict[int, list[Claim]] = defaultdict(list)
    loose: list[Claim] = []
    for claim in (Claim.objects.filter(patient_id__in=ids, prior_payer_claim__isnull=True)
                  .exclude(frequency_code=FrequencyCode.VOID).prefetch_related("lines").order_by("id")):
        if claim.session_id is None:
            loose.append(claim)
        else:
            claims_by_session[claim.session_id].append(claim)
    sessions = list(ClinicalSession.objects.filter(patient_id__in=ids)
                    .select_related("provider__supervisor", "location").order_by("date_of_service", "id"))
    fees_cache: dict = {}
    decisions: dict[int, CodingDecision] = {}
    for d in CodingDecision.objects.filter(session_id__in=[s.pk for s in sessions]).order_by("id"):
        decisions[d.session_id] = d  # newest wins
    out = {pid: PatientUses(pid, rows, [to_domain(r) for r in rows], []) for pid, rows in rows_by.items()}
    contexts = {pid: _Context(rows) for pid, rows in rows_by.items()}
    for s in sessions:
        use = _session_use(contexts[s.patient_id], s, claims_by_session.get(s.pk, []),
                           coverages[s.patient_id], decisions.get(s.pk), fees_cache)
        if use is not None:
            out[s.patient_id].uses.append(use)
    for claim in loose:
        live = claim.state != ClaimState.VOIDED
        day = min((ln.date_of_service for ln in claim.lines.all()), default=None)
        if day is None:
            continue
        use = _use(contexts[claim.patient_id], f"claim:{claim.pk}", claim.payer_id,
                   claim.rendering_provider_id, _claim_codes(claim), day,
                   da.UseStatus.BILLED if live else da.UseStatus.VOIDED, None, claim)
        if use is not None:
            out[claim.patient_id].uses.append(use)
    return out


def booking_use(rows: Sequence[Authorization], key: str, payer_id: int, provider_id: int | None,
                codes: Sequence[str], on: dt.date, minutes: int | None,
                status: da.UseStatus = da.UseStatus.SCHEDULED) -> da.ServiceUse | None:
    """The use a session being booked (or charged) would be, by the rules above; None
    when no authorization of the payer lists any of `codes`."""
    return _use(_Context(rows), key, payer_id, provider_id, list(codes), on, status, minutes, None)
