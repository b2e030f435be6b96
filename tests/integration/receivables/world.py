"""Claims that went through an 837P and an 835, for the A/R and next-payer tests.

Same path as a biller's day (build -> scrub -> batch -> 835 import), so balances come from
real postings. ``make_world`` gives one practice with three payers (primary, secondary,
tertiary), a provider, a coder and a clearinghouse.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bhbilling.app import coding
from bhbilling.app.claims.build import build_claim
from bhbilling.app.claims.readiness import prepare_claims
from bhbilling.app.remittance.importer import import_remittance_file
from bhbilling.app.scrubbing import service as scrub_service
from bhbilling.app.submission.batches import create_batches
from bhbilling.kernel.clock import FixedClock
from tests import builders as b
from tests.unit.x12.remit835.make835 import PAYEE_NPI, LineSpec, write_835

ADDRESS = dict(address_line1="9 Elm St", city="Troy", state="NY", postal_code="12180")
DOS = dt.date(2026, 5, 15)
D = Decimal


def make_world(tenant, monkeypatch):
    monkeypatch.setattr(scrub_service, "CLOCK", FixedClock(dt.date(2026, 5, 20)))
    w = type("World", (), {})()
    practice = tenant.a
    practice.npi = PAYEE_NPI
    practice.save()
    w.practice = practice
    w.payer = b.payer(tenant.company, name="Acme Health", payer_id="1512345678")
    w.secondary_payer = b.payer(tenant.company, name="Second Mutual", payer_id="SECOND01")
    w.tertiary_payer = b.payer(tenant.company, name="Third Trust", payer_id="THIRD001")
    b.fee_schedule(practice, None, {("90837", ""): "200.00", ("90834", ""): "150.00"})
    w.provider = b.provider(practice)
    b.scrub_clean(practice, [w.provider], [w.payer, w.secondary_payer, w.tertiary_payer])
    w.coder = b.user(tenant.company, "coder", practice)
    b.clearinghouse(tenant.company)
    w.tenant = tenant
    return w


def submitted(w, *, payers=None, dos: dt.date = DOS, first: str = "Jane", last: str = "Doe",
              provider=None):
    """A submitted claim for a new patient with ``payers`` as coverages 1, 2, 3."""
    patient = b.patient(w.practice, first_name=first, last_name=last, **ADDRESS)
    for priority, payer in enumerate(payers or [w.payer], start=1):
        b.coverage(patient, payer, relationship="18", priority=priority)
    session = b.session(patient, provider or w.provider, date_of_service=dos)
    coding.decide(session, coding.propose(session, w.coder).proposed["lines"], actor=w.coder)
    claim = build_claim(session)
    prepare_claims([claim])
    create_batches(w.practice)
    claim.refresh_from_db()
    return claim


def line_spec(claim, paid, adjustments, **kw):
    line = claim.lines.get()
    return LineSpec(line.code, str(line.charge), paid, adjustments, control=line.line_control_number,
                    date=line.date_of_service, **kw)


def import_835(w, specs, name="era.835", **kw):
    report = import_remittance_file(w.practice, write_835(specs, **kw), name)
    assert report.status == "posted", report.reason
    return report
