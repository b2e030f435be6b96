"""A practice whose patients owe money the real way: claims built, batched and answered by 835s.

Also a quick way to give a patient a balance straight in the ledger (``owes``) for rules
that do not care where the balance came from.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from bhbilling.app import coding
from bhbilling.app import models as m
from bhbilling.app.claims.build import build_claim
from bhbilling.app.claims.readiness import prepare_claims
from bhbilling.app.ledger import post_entry
from bhbilling.app.remittance.importer import import_remittance_file
from bhbilling.app.scrubbing import service as scrub_service
from bhbilling.app.submission.batches import create_batches
from bhbilling.domain import ledger as dl
from bhbilling.kernel.clock import FixedClock
from tests import builders as b
from tests.unit.x12.remit835.make835 import PAYEE_NPI, ClaimSpec, LineSpec, RemitSpec, write_835

ADDRESS = dict(address_line1="9 Elm St", city="Troy", state="NY", postal_code="12180")
PAID_ON = dt.date(2026, 6, 1)  # make835 writes this BPR16 date: 835 entries are effective then
D = Decimal
NOW = dt.datetime(2026, 6, 20, 15, 0, tzinfo=dt.UTC)
_seq = itertools.count(1)


def make_world(tenant, monkeypatch):
    monkeypatch.setattr(scrub_service, "CLOCK", FixedClock(dt.date(2026, 5, 28)))
    w = type("World", (), {})()
    practice = tenant.a
    practice.npi = PAYEE_NPI
    practice.phone = "5185550100"
    practice.statement_message = "Pay by check, or call the office to pay by card."
    practice.pay_to_line1, practice.pay_to_city = "PO Box 77", "Albany"
    practice.pay_to_state, practice.pay_to_postal_code = "NY", "12201"
    practice.save()
    w.tenant, w.practice = tenant, practice
    w.payer = b.payer(tenant.company, name="Acme Health", payer_id="1512345678")
    b.fee_schedule(practice, None, {("90837", ""): "200.00", ("90834", ""): "150.00"})
    w.provider = b.provider(practice)
    b.scrub_clean(practice, [w.provider], [w.payer])
    w.coder = b.user(tenant.company, "coder", practice)
    b.clearinghouse(tenant.company)
    return w


def new_patient(w, **kw) -> m.Patient:
    patient = b.patient(w.practice, **{**ADDRESS, **kw})
    b.coverage(patient, w.payer, relationship="18")
    return patient


def bill(w, patient: m.Patient, dos: dt.date) -> m.Claim:
    """A claim for one session on ``dos``, built, made ready and sent in a batch."""
    session = b.session(patient, w.provider, date_of_service=dos)
    coding.decide(session, coding.propose(session, w.coder).proposed["lines"], actor=w.coder)
    claim = build_claim(session)
    prepare_claims([claim])
    create_batches(w.practice)
    claim.refresh_from_db()
    assert claim.state == "submitted", claim.state
    return claim


def answer(w, claim: m.Claim, paid: str, adjustments) -> m.Claim:
    """The payer's 835 for ``claim``'s one line: ``adjustments`` [(group, carc, amount)]."""
    line = claim.lines.get()
    pr = sum((D(a) for g, _, a in adjustments if g == "PR"), D(0))
    n = next(_seq)
    spec = ClaimSpec(claim.patient_control_number, str(line.charge), paid,
                     patient_responsibility=str(pr) if pr else "", payer_claim=f"ICN{n:04d}",
                     lines=[LineSpec(line.code, str(line.charge), paid, list(adjustments),
                                     control=line.line_control_number, date=line.date_of_service)])
    report = import_remittance_file(w.practice, write_835([RemitSpec([spec], trace=f"PB{n}")],
                                                          interchange=500 + n), f"pb{n}.835")
    assert report.status == "posted", report.reason
    claim.refresh_from_db()
    return claim


def owes(w, patient: m.Patient, amount: str, *, on: dt.date = PAID_ON,
         state: str = "paid") -> m.Claim:
    """A one-line claim whose ``amount`` the payer moved to the patient (posted directly)."""
    n = next(_seq)
    claim = m.Claim.unscoped.create(
        practice=w.practice, patient=patient, payer=w.payer, rendering_provider=w.provider,
        patient_control_number=f"PBX{w.practice.pk}-{n}", total_charge=D("150.00"),
        diagnoses=["F41.1"], state=state)
    m.ClaimLine.unscoped.create(practice=w.practice, claim=claim, line_number=1, code="90834",
                                charge=D("150.00"), date_of_service=on - dt.timedelta(days=14),
                                line_control_number=f"PBX{w.practice.pk}-{n}.1")
    ref = f"PBX{w.practice.pk}-{n}.1"
    post_entry(w.practice.pk, dl.make_entry(f"test-charge:{n}", on - dt.timedelta(days=14),
                                            "charge", [dl.debit(dl.INSURANCE_AR, D("150.00"), ref),
                                                       dl.credit(dl.GROSS_CHARGES, D("150.00"), ref)]),
               claim=claim, patient=patient)
    rest = D("150.00") - D(amount)
    postings = [dl.debit(dl.PATIENT_AR, D(amount)), dl.credit(dl.INSURANCE_AR, D(amount))]
    if state != "submitted" and rest:
        postings += [dl.debit(dl.CASH_CLEARING, rest), dl.credit(dl.INSURANCE_AR, rest)]
    post_entry(w.practice.pk, dl.make_entry(f"test-remit:{n}", on, "payer answered", postings),
               claim=claim, patient=patient)
    return claim
