"""The practice the scrubber e2e tests share: one clean claim and one past its filing limit."""

from __future__ import annotations

import datetime as dt

from bhbilling.app import coding
from bhbilling.app.claims.build import build_claim
from bhbilling.app.scrubbing import service
from bhbilling.app.tenancy import scoped_to
from bhbilling.kernel.clock import FixedClock
from tests import builders as b

ADDRESS = dict(address_line1="9 Elm St", city="Troy", state="NY", postal_code="12180")
TODAY = dt.date(2026, 9, 15)


def make_world(tenant, monkeypatch):
    """Claims of practice A: ``clean`` (2026-09-01) and ``late`` (2026-03-02, 180-day payer)."""
    monkeypatch.setattr(service, "CLOCK", FixedClock(TODAY))
    w = type("ScrubWorld", (), {})()
    w.tenant = tenant
    w.payer = b.payer(tenant.company, name="Acme Health", timely_filing_days=180)
    b.fee_schedule(tenant.a, None, {("90837", ""): "180.00", ("90834", ""): "140.00"})
    provider = b.provider(tenant.a)
    b.licence(provider)
    b.scrub_clean(tenant.a, [provider], [w.payer])
    w.biller = b.user(tenant.company, "biller", tenant.a)
    w.coder = b.user(tenant.company, "coder", tenant.a)
    w.auditor = b.user(tenant.company, "auditor", tenant.a)
    with scoped_to(tenant.company.pk, tenant.a.pk):
        claims = []
        for day in (dt.date(2026, 9, 1), dt.date(2026, 3, 2)):
            patient = b.patient(tenant.a, **ADDRESS)
            b.eligibility_check(b.coverage(patient, w.payer, relationship="18"), service_date=day,
                                checked_at=dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC))
            session = b.session(patient, provider, date_of_service=day)
            coding.decide(session, coding.propose(session, w.coder).proposed["lines"], actor=w.coder)
            claims.append(build_claim(session))
    w.clean, w.late = claims
    return w
