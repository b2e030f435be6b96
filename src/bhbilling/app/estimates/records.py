"""Create, issue, replace and void Good Faith Estimates (45 CFR 149.610; reference §10.1).

Rules the service applies (the pure ones live in ``domain.estimates``):
- Patient and provider are the practice's own rows (the scoped managers: another
  practice's ids are "no such record").
- Items come from the practice's self-pay fee schedule (the schedule with no payer) in force
  on the period start; a code it does not price is refused, naming the code.
- The period is at most 12 months (``domain.estimates.check_period``).
- ``due_on`` is the regulatory due date (``domain.estimates.deadline``; for a replacement
  no later than 1 business day before the next service, 149.610(b)(1)(vii)). When the service
  was scheduled fewer than 3 business days ahead the regulation sets none; the model needs a
  date, so we store the practice's own target, the first service date (the estimate should
  be in the patient's hands before the visit), and ``estimate_deadline`` recomputes the
  regulatory answer from the stored facts whenever a screen needs it.
- Numbers are ``GFE-<year>-<nnnn>`` per practice and year of the request, taken under a row
  lock on the practice so two clerks never get the same number.
- Issuing marks the date the estimate was given; the estimate it replaces (if any) becomes
  "superseded" then, not earlier, because until the new one is given the old one is the
  patient's estimate. Only a draft can be voided (an issued one is a record the patient holds).
Every write is audited (ids and field names only, never values).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction

from bhbilling.app import audit
from bhbilling.app.coding import code_label, fees_for
from bhbilling.app.models import (
    EstimateStatus,
    GoodFaithEstimate,
    Patient,
    Practice,
    Provider,
)
from bhbilling.domain.estimates import (
    Deadline,
    EstimateError,
    ExpectedService,
    Trigger,
    check_period,
    deadline,
    estimate_total,
    price_services,
)
from bhbilling.domain.intake.diagnoses import DiagnosisProblem, check_diagnosis

__all__ = ["Expected", "create_estimate", "estimate_deadline", "issue", "supersede", "void"]

Expected = tuple[str, Sequence[str], int]
"""(code, modifiers, sessions) as callers pass them."""


def estimate_deadline(estimate: GoodFaithEstimate) -> Deadline:
    """The regulatory deadline recomputed from the estimate's stored facts."""
    return deadline(estimate.trigger, estimate.requested_on, estimate.first_service_on,
                    replaces=estimate.supersedes_id is not None)


def _diagnoses(codes: Iterable[str]) -> list[str]:
    out: list[str] = []
    for code in codes:
        if not str(code).strip():
            continue
        try:
            dotted = check_diagnosis(str(code))
        except DiagnosisProblem as exc:
            raise EstimateError(f"diagnoses: {exc}") from None
        if dotted not in out:
            out.append(dotted)
    if len(out) > 12:
        raise EstimateError(f"diagnoses: at most 12 codes, got {len(out)}")
    return out


def _expected(rows: Iterable[Expected]) -> list[ExpectedService]:
    out = []
    for row in rows:
        try:
            code, modifiers, sessions = row
            out.append(ExpectedService(str(code), tuple(str(m) for m in modifiers or ()), int(sessions)))
        except (TypeError, ValueError):
            raise EstimateError("expected: each expected service is (code, modifiers, sessions) with a "
                                "whole number of sessions") from None
    return out


def _next_number(practice_id: int, year: int) -> str:
    Practice.unscoped.select_for_update().filter(pk=practice_id).first()  # serialise numbering
    prefix = f"GFE-{year}-"
    taken = GoodFaithEstimate.unscoped.filter(practice_id=practice_id, number__startswith=prefix
                                              ).values_list("number", flat=True)
    last = max((int(n[len(prefix):]) for n in taken if n[len(prefix):].isdigit()), default=0)
    return f"{prefix}{last + 1:04d}"


def create_estimate(patient: Patient, provider: Provider, trigger: Trigger | str, requested_on: dt.date,
                    first_service_on: dt.date | None, period_start: dt.date, period_end: dt.date,
                    expected: Iterable[Expected], diagnoses: Iterable[str] = (), *, actor=None,
                    now: dt.datetime, supersedes: GoodFaithEstimate | None = None) -> GoodFaithEstimate:
    """A draft estimate priced from the self-pay fee schedule, with its due date."""
    if provider.practice_id != patient.practice_id:
        raise EstimateError("provider: expected a provider of the patient's practice")
    try:
        trigger = Trigger(trigger)
    except ValueError:
        raise EstimateError(f"trigger: expected one of {', '.join(t.value for t in Trigger)}, "
                            f"got {trigger!r}") from None
    check_period(period_start, period_end)
    if first_service_on is not None and not period_start <= first_service_on <= period_end:
        raise EstimateError(f"first_service_on: expected inside the period {period_start.isoformat()} "
                            f"to {period_end.isoformat()}, got {first_service_on.isoformat()}")
    rule = deadline(trigger, requested_on, first_service_on, replaces=supersedes is not None)
    fees = fees_for(patient.practice_id, None, period_start)
    lines = price_services(_expected(expected), fees, code_label)
    codes = _diagnoses(diagnoses)
    same = (patient.pk, provider.pk)
    if supersedes is not None and (supersedes.patient_id, supersedes.provider_id) != same:
        raise EstimateError("supersedes: a new estimate replaces one of the same patient and provider")
    with transaction.atomic():
        row = GoodFaithEstimate.objects.create(
            practice_id=patient.practice_id, patient=patient, provider=provider,
            number=_next_number(patient.practice_id, requested_on.year), trigger=trigger.value,
            requested_on=requested_on, first_service_on=first_service_on, period_start=period_start,
            period_end=period_end, items=[line.as_dict() for line in lines], diagnoses=codes,
            total=estimate_total(lines), due_on=rule.due_on or first_service_on or requested_on,
            status=EstimateStatus.DRAFT, supersedes=supersedes,
            created_by=actor if getattr(actor, "pk", None) else None, created_at=now)
        audit.record("create", row, actor=actor, detail={"items": len(lines)})
    return row


def supersede(old: GoodFaithEstimate, *, requested_on: dt.date, now: dt.datetime, actor=None,
              trigger: Trigger | str | None = None, first_service_on: dt.date | None = None,
              period_start: dt.date | None = None, period_end: dt.date | None = None,
              expected: Iterable[Expected] | None = None,
              diagnoses: Iterable[str] | None = None) -> GoodFaithEstimate:
    """A new draft replacing ``old`` (changed scope, fees or dates); unspecified facts are kept.

    45 CFR 149.610(b)(1)(vii): a change in expected charges, items, frequency or duration
    needs a new estimate; the old one stays the patient's estimate until the new one is issued.
    ``first_service_on`` is the next scheduled service the change applies to; the old one's
    is kept only while it is still ahead of ``requested_on``.
    """
    if old.status not in (EstimateStatus.DRAFT, EstimateStatus.ISSUED):
        raise EstimateError(f"estimate {old.number} is {old.get_status_display().lower()}: only a draft "
                            "or issued estimate can be replaced")
    keep = [(i["code"], i.get("modifiers") or [], i["sessions"]) for i in old.items]
    if first_service_on is None and old.first_service_on and old.first_service_on >= requested_on:
        first_service_on = old.first_service_on  # the first service is still ahead
    return create_estimate(
        old.patient, old.provider, trigger or old.trigger, requested_on, first_service_on,
        period_start or old.period_start, period_end or old.period_end,
        keep if expected is None else expected, old.diagnoses if diagnoses is None else diagnoses,
        actor=actor, now=now, supersedes=old)


def issue(estimate: GoodFaithEstimate, on: dt.date, *, actor=None) -> GoodFaithEstimate:
    """Record that the estimate was given to the patient on ``on``."""
    if estimate.status != EstimateStatus.DRAFT:
        raise EstimateError(f"estimate {estimate.number} is {estimate.get_status_display().lower()}: "
                            "only a draft can be issued")
    if on < estimate.requested_on:
        raise EstimateError(f"issued_on: expected on or after the request/scheduling date "
                            f"{estimate.requested_on.isoformat()}, got {on.isoformat()}")
    with transaction.atomic():
        estimate.status, estimate.issued_on = EstimateStatus.ISSUED, on
        estimate.save(update_fields=["status", "issued_on"])
        audit.record("update", estimate, actor=actor, detail={"fields": ["issued_on", "status"]})
        old = estimate.supersedes
        if old is not None and old.status in (EstimateStatus.DRAFT, EstimateStatus.ISSUED):
            old.status = EstimateStatus.SUPERSEDED
            old.save(update_fields=["status"])
            audit.record("update", old, actor=actor, detail={"fields": ["status"]})
    return estimate


def void(estimate: GoodFaithEstimate, *, actor=None) -> GoodFaithEstimate:
    """Void a draft made in error (an issued estimate is kept: the patient holds it)."""
    if estimate.status != EstimateStatus.DRAFT:
        raise EstimateError(f"estimate {estimate.number} is {estimate.get_status_display().lower()}: "
                            "only a draft can be voided; replace an issued estimate instead")
    estimate.status = EstimateStatus.VOID
    estimate.save(update_fields=["status"])
    audit.record("update", estimate, actor=actor, detail={"fields": ["status"]})
    return estimate
