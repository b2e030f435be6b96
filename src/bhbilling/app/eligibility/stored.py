"""Stored eligibility answers: the latest check per payer, and its summary as a value again.

Why: ``EligibilityCheck.summary`` holds ``summary_to_dict()`` (JSON: Decimals as strings,
dates ISO); the pricing and visit-limit rules take a ``BenefitSummary``. ``summary_from_dict``
is the inverse, so nothing re-reads the raw 271 to answer "what will the patient owe".
Derived keys the JSON form adds (``carve_out``, an accumulator's ``met``) are dropped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from bhbilling.app.models import EligibilityCheck, Patient
from bhbilling.domain.eligibility import (
    Accumulator,
    BenefitSummary,
    NetworkCosts,
    OtherPayer,
    RejectionAction,
    VisitLimit,
)

__all__ = ["latest_check", "latest_checks", "summary_from_dict"]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _money(value: str | None) -> Decimal | None:
    return Decimal(value) if value not in (None, "") else None


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _accumulator(data: dict[str, Any] | None) -> Accumulator | None:
    if not data:
        return None
    d = _known(Accumulator, data)
    return Accumulator(_money(d.get("amount")), _money(d.get("remaining")),
                       d.get("period", ""), d.get("coverage_level", ""))


def _costs(data: dict[str, Any] | None) -> NetworkCosts:
    if not data:
        return NetworkCosts()
    return NetworkCosts(_money(data.get("copay")), _money(data.get("coinsurance")),
                        _accumulator(data.get("deductible")), _accumulator(data.get("out_of_pocket")))


def summary_from_dict(data: dict[str, Any]) -> BenefitSummary:
    """The `BenefitSummary` that `summary_to_dict` turned into `data`."""
    d = _known(BenefitSummary, data)
    visit = d.get("visit_limit")
    return BenefitSummary(
        checked_on=_date(d["checked_on"]) or dt.date.min, level=d.get("level", ""),
        member_name=d.get("member_name", ""), member_id=d.get("member_id", ""),
        birth_date=_date(d.get("birth_date")), payer_name=d.get("payer_name", ""),
        payer_id=d.get("payer_id", ""), trace_numbers=tuple(d.get("trace_numbers", ())),
        status=d.get("status", "unknown"), active=d.get("active"),
        plan_name=d.get("plan_name", ""), insurance_type=d.get("insurance_type", ""),
        group_number=d.get("group_number", ""), coverage_start=_date(d.get("coverage_start")),
        coverage_end=_date(d.get("coverage_end")), basis=d.get("basis", "none"),
        basis_service_types=tuple(d.get("basis_service_types", ())),
        sources=tuple((d.get("sources") or {}).items()),
        in_network=_costs(d.get("in_network")), out_of_network=_costs(d.get("out_of_network")),
        visit_limit=VisitLimit(**_known(VisitLimit, visit)) if visit else None,
        authorization_required=d.get("authorization_required"),
        telehealth_notes=tuple(d.get("telehealth_notes", ())),
        other_payers=tuple(OtherPayer(**{**_known(OtherPayer, p),
                                         "service_types": tuple(p.get("service_types", ()))})
                           for p in d.get("other_payers", ())),
        primary_care_provider=d.get("primary_care_provider", ""),
        messages=tuple(d.get("messages", ())),
        rejections=tuple(RejectionAction(**_known(RejectionAction, r)) for r in d.get("rejections", ())),
        notes=tuple(d.get("notes", ())),
    )


def latest_checks(patient: Patient) -> list[EligibilityCheck]:
    """The newest answer per payer (and per coverage) for the patient, newest first."""
    seen: set[tuple] = set()
    out = []
    for check in (EligibilityCheck.objects.filter(patient=patient)
                  .select_related("payer", "coverage").order_by("-checked_at", "-id")):
        key = (check.payer_id, check.coverage_id)
        if key not in seen:
            seen.add(key)
            out.append(check)
    return out


def latest_check(patient: Patient, payer_id: int | None) -> EligibilityCheck | None:
    """The newest answer from this payer for the patient (any coverage), or None."""
    rows = EligibilityCheck.objects.filter(patient=patient)
    if payer_id is not None:
        rows = rows.filter(payer_id=payer_id)
    return rows.select_related("payer", "coverage").order_by("-checked_at", "-id").first()
