"""A practice with claims that went through an 835 with denials, for denial/write-off tests.

Shared by tests/integration/denials and the e2e denial tests; the claims are built, scrubbed,
batched and answered by an 835 exactly like tests/integration/test_remittance_posting.py.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bhbilling.app import coding
from bhbilling.app import models as m
from bhbilling.app.claims.build import build_claim
from bhbilling.app.claims.readiness import prepare_claims
from bhbilling.app.remittance.importer import import_remittance_file
from bhbilling.app.scrubbing import service as scrub_service
from bhbilling.app.submission.batches import create_batches
from bhbilling.kernel.clock import FixedClock
from tests import builders as b
from tests.unit.x12.remit835.make835 import PAYEE_NPI, ClaimSpec, LineSpec, RemitSpec, write_835

ADDRESS = dict(address_line1="9 Elm St", city="Troy", state="NY", postal_code="12180")
DOS = dt.date(2026, 5, 15)
PAID_ON = dt.date(2026, 6, 1)  # the 835's BPR16 date (make835.PAID_ON)
D = Decimal
_trace = iter(range(1, 10_000))


def make_world(tenant, monkeypatch, *, payer_kind: str = "commercial", profile: str = ""):
    monkeypatch.setattr(scrub_service, "CLOCK", FixedClock(dt.date(2026, 5, 20)))
    w = type("World", (), {})()
    practice = tenant.a
    practice.npi = PAYEE_NPI
    practice.save()
    w.tenant, w.practice = tenant, practice
    extra = {"profile": profile} if profile else {}
    w.payer = b.payer(tenant.company, name="Acme Health", payer_id="1512345678", kind=payer_kind,
                      **extra)
    w.secondary_payer = b.payer(tenant.company, name="Second Mutual", payer_id="SECOND01")
    b.fee_schedule(practice, None, {("90837", ""): "200.00", ("90834", ""): "150.00"})
    w.provider = b.provider(practice)
    b.scrub_clean(practice, [w.provider], [w.payer, w.secondary_payer])
    w.coder = b.user(tenant.company, "coder", practice)
    b.clearinghouse(tenant.company)
    return w


SHORT_SESSION = dict(end_time=dt.time(10, 40), minutes={"psychotherapy": 40}, total_minutes=40)  # 90834


def submitted(w, *, secondary: bool = False, dos: dt.date = DOS, **session_kw) -> m.Claim:
    patient = b.patient(w.practice, **ADDRESS)
    b.coverage(patient, w.payer, relationship="18")
    if secondary:
        b.coverage(patient, w.secondary_payer, relationship="18", priority=2)
    session = b.session(patient, w.provider, date_of_service=dos, **session_kw)
    coding.decide(session, coding.propose(session, w.coder).proposed["lines"], actor=w.coder)
    claim = build_claim(session)
    prepare_claims([claim])
    create_batches(w.practice)
    claim.refresh_from_db()
    return claim


def deny(w, claim: m.Claim, adjustments, *, paid: str = "0", remarks=(), status: str = "4",
         payer_claim: str = "ICN900") -> m.Claim:
    """Answer ``claim`` with an 835: ``adjustments`` [(group, carc, amount)] on its one line."""
    line = claim.lines.get()
    spec = ClaimSpec(claim.patient_control_number, str(line.charge), paid, status=status,
                     payer_claim=payer_claim,
                     patient_responsibility=str(sum((D(a) for g, _, a in adjustments if g == "PR"),
                                                    D(0))) if any(g == "PR" for g, _, _ in adjustments)
                     else "",
                     lines=[LineSpec(line.code, str(line.charge), paid, list(adjustments),
                                     control=line.line_control_number, date=line.date_of_service,
                                     remarks=tuple(remarks))])
    n = next(_trace)
    report = import_remittance_file(w.practice, write_835([RemitSpec([spec], trace=f"TR{n}")],
                                                          interchange=n), f"era{n}.835")
    assert report.status == "posted", report.reason
    claim.refresh_from_db()
    return claim


def denied(w, adjustments=(("CO", "197", "200"),), *, session_kw=None, **kw) -> m.Denial:
    """A fresh claim denied with ``adjustments``; returns its (first) Denial row."""
    claim = deny(w, submitted(w, **(session_kw or {})), adjustments, **kw)
    return m.Denial.unscoped.filter(claim=claim).order_by("id").first()
