"""Builders for scrub tests: one clean claim, and small functions that change one fact.

``claim()`` is a claim every rule of the bh-core pack passes; a test changes the one fact
its rule looks at (``claim(lines=(line("90837", minutes=40),))``). Totals follow the lines
unless ``total`` is given, so a test never trips the total rule by accident.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

from bhbilling.domain.scrubbing import (
    Address,
    BillingProvider,
    ClaimSnapshot,
    CoverageFacts,
    Eligibility,
    Line,
    PatientFacts,
    PayerRules,
    PriorLine,
    RenderingProvider,
    ScrubResult,
    TelehealthRules,
    load_pack,
    scrub,
)

DOS = dt.date(2026, 6, 15)
AS_OF = dt.date(2026, 6, 25)
NPI = "1987654328"
BILLING_NPI = "1234567893"
SUPERVISOR_NPI = "1111111112"
PAYER = "PAYER1"
FEES = {code: Decimal(fee) for code, fee in {
    "90791": "200.00", "90792": "250.00", "90785": "30.00", "90832": "90.00", "90833": "80.00",
    "90834": "150.00", "90836": "110.00", "90837": "190.00", "90838": "140.00", "90839": "220.00",
    "90840": "100.00", "90846": "140.00", "90847": "150.00", "90853": "60.00", "96127": "10.00",
    "99213": "120.00", "99214": "160.00", "H0004": "25.00", "H0001": "180.00", "99354": "90.00",
    "99417": "60.00", "96130": "200.00", "96131": "150.00",
}.items()}
PACK = load_pack()


def line(code: str = "90834", **kw: Any) -> Line:
    units = Decimal(kw.pop("units", 1))
    kw.setdefault("charge", FEES.get(code, Decimal("100.00")) * units)
    kw.setdefault("date_of_service", DOS)
    if code in ("90832", "90834", "90837") and "minutes" not in kw:
        kw["minutes"] = {"90832": 30, "90834": 45, "90837": 60}[code]
    return Line(code=code, units=units, **kw)


def payer(**kw: Any) -> PayerRules:
    telehealth = kw.pop("telehealth", None)
    if telehealth is not None:
        kw["telehealth"] = replace(TelehealthRules(), **telehealth)
    return replace(PayerRules(PAYER, name="commercial-default", kind="commercial"), **kw)


def clinician(**kw: Any) -> RenderingProvider:
    base = RenderingProvider(NPI, "LCSW", taxonomy="1041C0700X", licence_from=dt.date(2020, 1, 1),
                             licence_to=dt.date(2027, 12, 31), enrolled_payer_ids=frozenset({PAYER}))
    return replace(base, **kw)


def supervisor(**kw: Any) -> RenderingProvider:
    return replace(clinician(npi=SUPERVISOR_NPI, credential="PSYD", taxonomy="103TC0700X"), **kw)


def coverage(**kw: Any) -> CoverageFacts:
    base = CoverageFacts(PAYER, member_id_present=True, subscriber_name_present=True,
                         subscriber_birth_date_present=True, active_from=dt.date(2026, 1, 1),
                         eligibility=Eligibility(dt.date(2026, 6, 10), True))
    return replace(base, **kw)


def billing(**kw: Any) -> BillingProvider:
    address = kw.pop("address", None) or Address(("100 Main St",), "Springfield", "IL", "627011234")
    return replace(BillingProvider(BILLING_NPI, "12-3456789", "251S00000X", address), **kw)


def prior(code: str = "90834", **kw: Any) -> PriorLine:
    base = PriorLine("C0", "P1", DOS, code, NPI, "submitted")
    return replace(base, **kw)


def claim(*, lines: tuple[Line, ...] | None = None, total: Decimal | None = None, **kw: Any) -> ClaimSnapshot:
    lines = (line(),) if lines is None else tuple(lines)
    base = ClaimSnapshot(
        claim_id="C1", as_of=AS_OF, billing=billing(), rendering=clinician(),
        patient=PatientFacts("P1"), payer=payer(), lines=lines, coverage=coverage(),
        diagnoses=("F33.1",), fee_schedule=FEES,
        total_charge=sum((x.charge for x in lines), Decimal(0)) if total is None else total,
        patient_control_number="PCN1")
    return replace(base, **kw)


def run(snapshot: ClaimSnapshot, overrides=()) -> ScrubResult:
    return scrub(snapshot, PACK, overrides)


def ids(snapshot: ClaimSnapshot) -> set[str]:
    return {f.rule for f in run(snapshot).findings}


def messages(snapshot: ClaimSnapshot, rule: str) -> list[str]:
    return [f.message for f in run(snapshot).findings if f.rule == rule]
