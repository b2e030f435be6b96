"""The payers' side of the demo world, written as a payer book for the simulator.

In real life the payer knows its members, plans, fee schedule and the authorizations it
issued; we do not share code or tables with it. For the demo, this module writes that
knowledge down once from the fictional world (coverages, fee schedules, authorizations)
with plan terms chosen per coverage (copay, deductible, coinsurance, visit limits), so the
simulator can adjudicate our 837Ps on its own. Allowed amounts are the schedule's expected
allowed amount, else a share of the charge that depends on the payer kind.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from bhbilling.app import models as m
from bhbilling.domain.parties import PayerKind

__all__ = ["demo_payerbook"]

ALLOWED_SHARE = {"medicare": Decimal("0.62"), "medicaid": Decimal("0.48"),
                 "medicaid_mco": Decimal("0.52"), "commercial": Decimal("0.74")}
MODIFIERS = ["95", "93", "GT", "FQ", "HO", "HN", "HP", "HF", "HE", "HQ", "U4", "59", "XE", "XS",
             "XP", "XU", "25", "AH", "AJ", "GC", "UD"]
DENIAL_MIX = {"medical_necessity": "0.02", "documentation_request": "0.02",
              "late_payment": "0.05", "late_days": 45, "reversal": "0.02", "recoupment": "0.01"}


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def _fees(company_id: int, payer: m.Payer) -> dict[str, str]:
    share = ALLOWED_SHARE.get(payer.kind, Decimal("0.70"))
    out: dict[str, str] = {}
    rates = (m.FeeScheduleRate.unscoped.filter(schedule__practice__company_id=company_id)
             .filter(schedule__payer__isnull=True) | m.FeeScheduleRate.unscoped.filter(
             schedule__payer=payer)).select_related("schedule").order_by("schedule__payer_id", "id")
    for rate in rates:
        key = rate.code + (":" + rate.modifiers if rate.modifiers else "")
        allowed = rate.expected_allowed if rate.expected_allowed else rate.charge * share
        out[key] = _money(allowed)  # a payer-specific row (ordered last) wins
    return out


def _rules(payer: m.Payer, kind: PayerKind) -> dict[str, Any]:
    rules: dict[str, Any] = {
        "timely_filing_days": max(payer.timely_filing_days, 90), "accepted_modifiers": MODIFIERS,
        "prompt_pay_days": 30, "adjudication_delay_days": 14 if kind.is_government else 10,
        "front_end_eligibility": payer.kind.startswith("medicaid"),
        "visit_codes": ["90791", "90832", "90834", "90837", "90846", "90847"]}
    if payer.kind == "medicare":
        # The demo's MAC follows NGS (reference §3.1 [C], S47): POS 02/10 signal telehealth
        # and professional claims carry no 95, as the product's Medicare profile codes them.
        # A MAC that wants 95 is a real contract difference: give its payer a profile that
        # adds it (docs/payer-profiles.md) rather than working the CO-4 N822 denials by hand.
        rules["telehealth_places"] = []
    return rules


def _payer(company_id: int, payer: m.Payer) -> dict[str, Any]:
    kind = PayerKind(payer.kind)
    return {
        "id": payer.payer_id, "name": payer.name[:60], "kind": payer.kind,
        "claim_filing_code": kind.claim_filing_indicator or "ZZ",
        "tin": f"{900000000 + payer.pk:09d}",
        "rules": _rules(payer, kind),
        "fees": _fees(company_id, payer),
    }


def _plan(cov: m.Coverage) -> dict[str, Any]:
    n = cov.pk
    plan: dict[str, Any] = {"name": cov.plan_name or f"{cov.payer.name} plan",
                            "start": cov.starts_on.isoformat()}
    if cov.ends_on:
        plan["end"] = cov.ends_on.isoformat()
    if cov.payer.kind == "commercial":
        plan.update(copay=_money(Decimal((20, 30, 40, 0)[n % 4])),
                    deductible=_money(Decimal((0, 500, 1500)[n % 3])),
                    coinsurance="0.20" if n % 4 == 3 else "0", oop_max="4000.00",
                    visit_limit=(None, 30, 20)[n % 3] or 52)
    elif cov.payer.kind == "medicare":
        plan.update(deductible="257.00", coinsurance="0.20")
    return plan


def demo_payerbook(company_id: int, *, seed: int = 2026) -> dict[str, Any]:
    payers = [p for p in m.Payer.unscoped.filter(company_id=company_id).order_by("id")
              if p.kind != "self_pay"]
    members: dict[str, dict[str, Any]] = {}
    for cov in (m.Coverage.unscoped.filter(practice__company_id=company_id)
                .exclude(payer__kind="self_pay").select_related("payer", "patient").order_by("id")):
        patient = cov.patient
        if cov.relationship == "18":
            entry = {"id": cov.member_id, "payer": cov.payer.payer_id,
                     "last_name": patient.last_name.upper(), "first_name": patient.first_name.upper(),
                     "birth_date": patient.date_of_birth.isoformat(), "plan": _plan(cov)}
        else:
            entry = {"id": cov.member_id, "payer": cov.payer.payer_id,
                     "last_name": (cov.subscriber_last_name or patient.last_name).upper(),
                     "first_name": (cov.subscriber_first_name or "SUBSCRIBER").upper(),
                     "plan": _plan(cov),
                     "dependents": [{"last_name": patient.last_name.upper(),
                                     "first_name": patient.first_name.upper(),
                                     "birth_date": patient.date_of_birth.isoformat(),
                                     "relationship": cov.relationship}]}
            if cov.subscriber_date_of_birth:
                entry["birth_date"] = cov.subscriber_date_of_birth.isoformat()
        members.setdefault(cov.member_id, entry)
    auths = [{"number": a.number, "member": a.coverage.member_id if a.coverage else "",
              "payer": a.payer.payer_id, "codes": list(a.codes), "units": str(a.units_approved),
              "start": a.starts_on.isoformat(), "end": a.ends_on.isoformat()}
             for a in m.Authorization.unscoped.filter(practice__company_id=company_id,
                                                      coverage__isnull=False)
             .select_related("payer", "coverage")]
    payees = [{"npi": p.npi, "routing": "021000021", "account": f"{7000000 + p.pk}"}
              for p in m.Practice.unscoped.filter(company_id=company_id)]
    return {"seed": seed, "clearinghouse": {"id": "BHBSIM", "name": "BHBILLING PAYER SIMULATOR"},
            "denial_mix": DENIAL_MIX, "payers": [_payer(company_id, p) for p in payers],
            "members": list(members.values()), "authorizations": auths, "payees": payees}
