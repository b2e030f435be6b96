"""Builders for the rule-module tests: PayerProfile/SessionFacts made directly, no loader."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

from bhbilling.domain.coding import (
    CodingContext,
    CodingResult,
    PayerProfile,
    ProviderFacts,
    SessionFacts,
    TelehealthRules,
    code_session,
)

DOS = dt.date(2026, 6, 15)
NPI = "1234567893"
SUPERVISOR_NPI = "1987654328"
FEE = Decimal("100.00")


def profile(**kw: Any) -> PayerProfile:
    telehealth = kw.pop("telehealth", None)
    base = PayerProfile(name="test", label="Test payer", version="1", effective_from=dt.date(2025, 1, 1))
    if telehealth is not None:
        kw["telehealth"] = replace(TelehealthRules(), **telehealth)
    return replace(base, **kw)


def code(service_type: str = "psychotherapy", *, credential: str = "LCSW", supervisor: str | None = None,
         payer: PayerProfile | None = None, fees: dict | None = None, **session: Any) -> CodingResult:
    """Code one session; minutes given as m_<key>=n."""
    minutes = {k[2:]: session.pop(k) for k in list(session) if k.startswith("m_")}
    session.setdefault("diagnoses", ("F33.1",))
    facts = SessionFacts(session_id="t1", date_of_service=DOS, service_type=service_type,
                         minutes=minutes, **session)
    sup = ProviderFacts(npi=SUPERVISOR_NPI, credential=supervisor) if supervisor else None
    provider = ProviderFacts(npi=NPI, credential=credential, supervisor=sup)
    if fees is None:
        fees = {}
    return code_session(CodingContext(facts, provider, payer or profile(), fees))


def lines(result: CodingResult) -> list[tuple[str, int]]:
    return [(line.code, int(line.units)) for line in result.lines]


def rules(result: CodingResult) -> set[str]:
    return {n.rule for n in (*result.reasons, *result.warnings)}


def warning_rules(result: CodingResult) -> set[str]:
    return {n.rule for n in result.warnings}


def warning_texts(result: CodingResult, rule: str) -> list[str]:
    return [n.text for n in result.warnings if n.rule == rule]
