"""Property: for generated balanced remittances over known claims, the ledger equals the
remittance to the cent, and every journal entry balances."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bhbilling.app import models as m
from bhbilling.app.ledger import account_balances
from bhbilling.app.remittance.importer import import_remittance_file
from bhbilling.app.tenancy import scoped_to
from tests import builders as b
from tests.unit.x12.remit835.make835 import PAYEE_NPI, ClaimSpec, LineSpec, RemitSpec, write_835

DOS = dt.date(2026, 5, 15)
cents = st.integers(min_value=0, max_value=30_000)


def _money(c: int) -> str:
    return str(Decimal(c) / 100)


@st.composite
def line_outcome(draw):
    charge = draw(st.integers(min_value=100, max_value=40_000))
    co = draw(st.integers(min_value=0, max_value=charge))
    pr = draw(st.integers(min_value=0, max_value=charge - co))
    return charge, co, pr


def _ready_claims(n: int):
    """A fresh practice per example: the ledger is append-only (no resets on PostgreSQL)."""
    company = b.company()
    practice = b.practice(company, npi=PAYEE_NPI)
    payer = b.payer(company)
    provider = b.provider(practice)
    claims = []
    for i in range(n):
        patient = b.patient(practice)
        cov = b.coverage(patient, payer, relationship="18")
        claims.append(m.Claim.unscoped.create(
            practice=practice, patient=patient, coverage=cov, payer=payer,
            rendering_provider=provider, patient_control_number=f"PROP{company.pk}-{i}",
            state="submitted", diagnoses=["F41.1"], total_charge=0))
    return company, practice, claims


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(outcomes=st.lists(line_outcome(), min_size=1, max_size=6), interest=cents)
def test_ledger_equals_remittance_to_the_cent(db, outcomes, interest):
    company, practice, claims = _ready_claims(len(outcomes))
    specs = []
    for claim, (charge, co, pr) in zip(claims, outcomes, strict=True):
        m.ClaimLine.unscoped.create(practice=practice, claim=claim, line_number=1, code="90837",
                                    charge=Decimal(charge) / 100, date_of_service=DOS,
                                    line_control_number=f"{claim.patient_control_number}.1")
        paid = charge - co - pr
        adj = [(g, r, _money(a)) for g, r, a in (("CO", "45", co), ("PR", "2", pr)) if a]
        specs.append(ClaimSpec(claim.patient_control_number, _money(charge), _money(paid),
                               patient_responsibility=_money(pr) if pr else "",
                               lines=[LineSpec("90837", _money(charge), _money(paid), adj,
                                               control=f"{claim.patient_control_number}.1")]))
    plb = [("L6", claims[0].patient_control_number, _money(-interest))] if interest else []
    data = write_835([RemitSpec(specs, plb=plb)])
    with scoped_to(company.pk, practice.pk):
        report = import_remittance_file(practice, data, "prop.835")
        assert report.status == "posted", report.reason
        bal = account_balances(practice.pk)
    paid_total = sum(c - co - pr for c, co, pr in outcomes)
    assert bal.get("1000", Decimal(0)) == (Decimal(paid_total) + interest) / 100
    assert bal.get("4100", Decimal(0)) == Decimal(sum(o[1] for o in outcomes)) / 100
    assert bal.get("1200", Decimal(0)) == Decimal(sum(o[2] for o in outcomes)) / 100
    assert bal.get("4400", Decimal(0)) == Decimal(-interest) / 100
    assert sum(bal.values(), Decimal(0)) == 0
    for entry in m.JournalEntry.unscoped.filter(practice=practice):
        lines = list(m.JournalLine.unscoped.filter(entry=entry))
        assert sum(ln.debit for ln in lines) == sum(ln.credit for ln in lines)
