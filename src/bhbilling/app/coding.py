"""Coding use cases: snapshot a session, run the engine, record the coder's decision.

Model:
- ``build_context`` is the only place that reads the database for coding: it turns a
  ``ClinicalSession`` (saved, or unsaved as the ``bhbilling code`` CLI builds it) into the
  frozen ``CodingContext`` the pure engine takes (facts in, decisions out).
- The payer rules are the primary coverage's payer profile in force on the date of service
  (``Payer.profile``, else a default by payer kind); no active primary coverage -> "self-pay".
- Fees: the practice's standard schedule (payer empty) in force on the date, with the
  payer's own schedule in force on the date laid over it code by code.
- Decisions are append-only ``CodingDecision`` rows; the newest is current. A coder's lines
  equal to the proposal are "accepted", anything else is "changed" and needs a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

import bhbilling
from bhbilling.app import audit
from bhbilling.app.models import (
    ClinicalSession,
    CodingDecision,
    Coverage,
    CoveragePriority,
    DecisionStatus,
    FeeSchedule,
    FeeScheduleRate,
    Payer,
    Provider,
)
from bhbilling.domain.coding import (
    CodingContext,
    CodingResult,
    ProviderFacts,
    SessionFacts,
    code_session,
)
from bhbilling.domain.coding.labels import CODE_LABELS
from bhbilling.kernel.errors import BhBillingError
from bhbilling.payers import load_profile

__all__ = [
    "ENGINE_VERSION", "ProposeSummary", "build_context", "code_label", "current_decision",
    "decide", "decision_history", "normalize_lines", "preview", "profile_name_for", "propose",
    "propose_many", "result_to_dict",
]

ENGINE_VERSION = f"bhbilling-{bhbilling.__version__}"

DEFAULT_PROFILE_BY_KIND = {
    "medicare": "medicare", "medicaid": "medicaid-example",
    "medicaid_mco": "medicaid-mco-example", "self_pay": "self-pay",
}
SELF_PAY = "self-pay"
FALLBACK_PROFILE = "commercial-default"


def code_label(code: str) -> str:
    """Our short label for a CPT/HCPCS code number ("" when we have none); never AMA text."""
    return CODE_LABELS.get(code, "")


def profile_name_for(payer: Payer | None) -> str:
    """``Payer.profile`` when set, else the default for the payer's kind."""
    if payer is None:
        return SELF_PAY
    return payer.profile.strip() or DEFAULT_PROFILE_BY_KIND.get(payer.kind, FALLBACK_PROFILE)


def _provider_facts(provider: Provider, depth: int = 0) -> ProviderFacts:
    supervisor = provider.supervisor if provider.supervisor_id and depth == 0 else None
    return ProviderFacts(
        npi=provider.npi, credential=provider.credential, taxonomy=provider.taxonomy,
        name=f"{provider.first_name} {provider.last_name}",
        supervisor=_provider_facts(supervisor, depth + 1) if supervisor else None,
    )


def primary_payer(session: ClinicalSession) -> Payer | None:
    """The payer of the patient's primary coverage active on the date of service."""
    coverages = (Coverage.objects.filter(patient_id=session.patient_id,
                                         priority=CoveragePriority.PRIMARY)
                 .select_related("payer").order_by("-starts_on", "-id"))
    for cov in coverages:
        if cov.is_active_on(session.date_of_service):
            return cov.payer
    return None


def _in_force(day: dt.date) -> Q:
    return Q(effective_from__lte=day) & (Q(effective_to__isnull=True) | Q(effective_to__gte=day))


def _rates(schedule: FeeSchedule | None) -> dict[tuple[str, tuple[str, ...]], Decimal]:
    if schedule is None:
        return {}
    return {(r.code, tuple(sorted(m for m in r.modifiers.split(":") if m))): r.charge
            for r in FeeScheduleRate.objects.filter(schedule=schedule)}


def fees_for(practice_id: int, payer: Payer | None, day: dt.date) -> dict:
    """(code, sorted modifiers) -> charge: the standard schedule overlaid by the payer's."""
    schedules = FeeSchedule.objects.filter(_in_force(day), practice_id=practice_id)
    fees = _rates(schedules.filter(payer__isnull=True).order_by("-effective_from", "-id").first())
    if payer is not None:
        fees.update(_rates(schedules.filter(payer=payer).order_by("-effective_from", "-id").first()))
    return fees


def _cached_fees(practice_id: int, payer: Payer | None, day: dt.date, cache: dict | None) -> dict:
    if cache is None:
        return fees_for(practice_id, payer, day)
    key = (practice_id, payer.pk if payer else None, day)
    if key not in cache:
        cache[key] = fees_for(practice_id, payer, day)
    return cache[key]


def build_context(session: ClinicalSession, *, on_payer: Payer | None = None,
                  fees_cache: dict | None = None) -> CodingContext:
    """The frozen snapshot the engine codes; ``on_payer`` codes for another payer.

    ``fees_cache`` lets a batch reuse fee schedules per (practice, payer, date).
    """
    day = session.date_of_service
    payer = on_payer if on_payer is not None else primary_payer(session)
    profile = load_profile(profile_name_for(payer), on=day,
                           extra_dirs=getattr(settings, "BHBILLING_PAYER_PROFILE_DIRS", ()))
    minutes = session.minutes if isinstance(session.minutes, dict) else {}
    facts = SessionFacts(
        session_id=str(session.pk) if session.pk else session.external_id,
        date_of_service=day,
        service_type=session.service_type,
        minutes={k: int(v) for k, v in minutes.items()},
        modality=session.modality,
        patient_location=session.patient_location,
        location_pos=session.location.default_pos if session.location_id else "11",
        diagnoses=tuple(session.diagnoses or ()),
        interactive_complexity=tuple(session.interactive_complexity or ()),
        group_size=session.group_size,
        instruments=tuple(session.instruments or ()),
        em_code=session.em_code or None,
        new_patient=session.new_patient,
        status=session.status,
        note_signed=session.note_signed,
    )
    return CodingContext(session=facts, provider=_provider_facts(session.provider),
                         payer=profile, fees=_cached_fees(session.practice_id, payer, day, fees_cache))


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(Decimal("0.01")))


def result_to_dict(result: CodingResult) -> dict[str, Any]:
    """The engine's answer as JSON-ready data (Decimals as strings, never floats)."""
    lines = [{
        "code": ln.code, "label": code_label(ln.code), "modifiers": list(ln.modifiers),
        "units": str(ln.units), "place_of_service": ln.place_of_service,
        "diagnosis_pointers": list(ln.diagnosis_pointers), "charge": _money(ln.charge),
        "rendering_npi": ln.rendering_npi, "billing_npi_override": ln.billing_npi_override,
    } for ln in result.lines]
    return {
        "session_id": result.session_id, "lines": lines,
        "reasons": [asdict(n) for n in result.reasons],
        "warnings": [asdict(n) for n in result.warnings],
        "diagnoses": list(result.diagnoses),
    }


def _line_problem(line: Mapping[str, Any], n_dx: int) -> str | None:
    code = str(line.get("code", "")).strip().upper()
    mods = [str(m).strip().upper() for m in line.get("modifiers") or [] if str(m).strip()]
    if not (len(code) == 5 and code.isalnum()):
        return "a code is 5 letters or digits (e.g. 90834, H0004)"
    if len(mods) > 4 or any(not (len(m) == 2 and m.isalnum()) for m in mods):
        return "up to four 2-character modifiers (837P SV101-3..6)"
    try:
        units = Decimal(str(line.get("units", "1")))
    except InvalidOperation:
        return "units is a number"
    if not units.is_finite() or units <= 0 or units > 999:
        return "units is a number above 0"
    pos = str(line.get("place_of_service", ""))
    if not (len(pos) == 2 and pos.isdigit()):
        return "place_of_service is a two-digit POS code"
    pointers = list(line.get("diagnosis_pointers") or [1])
    if len(pointers) > 4 or any(not isinstance(p, int) or not 1 <= p <= max(n_dx, 1)
                                for p in pointers):
        return f"diagnosis_pointers: up to four numbers from 1 to {max(n_dx, 1)} (SV107)"
    return None


def normalize_lines(lines: Iterable[Mapping[str, Any]], proposed: Sequence[Mapping[str, Any]],
                    fees: Mapping, n_dx: int) -> list[dict[str, Any]]:
    """Clean the coder's lines; an edited line's charge is re-priced from the fee schedule."""
    out, problems = [], []
    for i, line in enumerate(lines, start=1):
        problem = _line_problem(line, n_dx)
        if problem:
            problems.append(f"line {i}: {problem}")
            continue
        code = str(line["code"]).strip().upper()
        mods = [str(m).strip().upper() for m in line.get("modifiers") or [] if str(m).strip()]
        units = Decimal(str(line.get("units", "1"))).normalize()
        clean = {"code": code, "label": code_label(code), "modifiers": mods,
                 "units": str(units if units != units.to_integral() else units.quantize(1)),
                 "place_of_service": str(line["place_of_service"]),
                 "diagnosis_pointers": list(line.get("diagnosis_pointers") or [1])}
        same = next((p for p in proposed if _key(p) == _key(clean)), None)
        if same is not None:
            clean.update(charge=same.get("charge"), rendering_npi=same.get("rendering_npi", ""),
                         billing_npi_override=same.get("billing_npi_override"))
        else:
            fee = fees.get((code, tuple(sorted(mods)))) or fees.get((code, ()))
            template = proposed[0] if proposed else {}
            clean.update(charge=_money(fee * units) if fee is not None else None,
                         rendering_npi=template.get("rendering_npi", ""),
                         billing_npi_override=template.get("billing_npi_override"))
        out.append(clean)
    if problems:
        raise ValidationError({"lines": problems})
    return out


def _key(line: Mapping[str, Any]) -> tuple:
    return (line["code"], tuple(line["modifiers"]), Decimal(str(line["units"])),
            str(line["place_of_service"]), tuple(line["diagnosis_pointers"]))


def current_decision(session: ClinicalSession) -> CodingDecision | None:
    """The newest decision row of the session (append-only history)."""
    return CodingDecision.objects.filter(session=session).order_by("-id").first()


def decision_history(session: ClinicalSession) -> models.QuerySet[CodingDecision]:
    return (CodingDecision.objects.filter(session=session).select_related("decided_by")
            .order_by("-id"))


def _user_or_none(actor: Any):
    return actor if getattr(actor, "is_authenticated", False) else None


def preview(session: ClinicalSession, *, fees_cache: dict | None = None) -> CodingDecision:
    """The engine's proposal as an unsaved decision row (a read that writes nothing)."""
    ctx = build_context(session, fees_cache=fees_cache)
    return CodingDecision(
        practice_id=session.practice_id, session=session,
        proposed=result_to_dict(code_session(ctx)), final=[],
        status=DecisionStatus.PROPOSED, engine_version=ENGINE_VERSION,
        payer_profile=ctx.payer.name, payer_profile_version=ctx.payer.version,
    )


@transaction.atomic
def propose(session: ClinicalSession, actor: Any = None, *,
            fees_cache: dict | None = None) -> CodingDecision:
    """Run the engine on the session and store its proposal."""
    decision = preview(session, fees_cache=fees_cache)
    decision.save()
    audit.record("create", decision, actor=actor, patient_id=session.patient_id,
                 detail={"status": decision.status})
    return decision


@transaction.atomic
def decide(session: ClinicalSession, lines: Iterable[Mapping[str, Any]], *, actor: Any,
           reason: str | None = None) -> CodingDecision:
    """Record the coder's lines: "accepted" if equal to the proposal, else "changed" + reason."""
    base = current_decision(session) or propose(session, actor)
    proposed_lines = base.proposed.get("lines", [])
    ctx_fees = fees_for(session.practice_id, primary_payer(session), session.date_of_service)
    final = normalize_lines(list(lines), proposed_lines, ctx_fees, len(session.diagnoses or ()))
    accepted = [_key(x) for x in final] == [_key(p) for p in proposed_lines]
    reason = (reason or "").strip()
    if not accepted and not reason:
        raise ValidationError({"change_reason": "Say why the proposed lines were changed."})
    decision = CodingDecision(
        practice_id=session.practice_id, session=session, proposed=base.proposed, final=final,
        status=DecisionStatus.ACCEPTED if accepted else DecisionStatus.CHANGED,
        decided_by=_user_or_none(actor), decided_at=timezone.now(), change_reason=reason,
        engine_version=base.engine_version, payer_profile=base.payer_profile,
        payer_profile_version=base.payer_profile_version,
    )
    decision.full_clean(exclude=["practice", "session", "decided_by"])
    decision.save()
    audit.record("create", decision, actor=actor, patient_id=session.patient_id,
                 detail={"status": decision.status})
    return decision


@dataclass(slots=True)
class ProposeSummary:
    decisions: list[CodingDecision] = field(default_factory=list)
    failures: list[tuple[int, str]] = field(default_factory=list)  # (session id, message)


def propose_many(sessions: Iterable[ClinicalSession], *, actor: Any = None,
                 progress: Callable[[int, int], None] | None = None) -> ProposeSummary:
    """Propose for each session; one whose payer profile cannot load is listed, not fatal."""
    rows = list(sessions)
    summary = ProposeSummary()
    fees_cache: dict = {}
    for done, session in enumerate(rows, start=1):
        try:
            summary.decisions.append(propose(session, actor, fees_cache=fees_cache))
        except BhBillingError as exc:
            summary.failures.append((session.pk, str(exc)))
        if progress:
            progress(done, len(rows))
    return summary
