"""A practice with nine claims whose every KPI figure is worked out by hand (tests of reports).

Built through the real services (coding, build_claim, prepare_claims, create_batches with a
fixed submission time, state moves, 835 import, replace_claim); only the claim creation
time is set afterwards (``created_at`` is auto_now_add) and denial categories are set as the
denial workbench would. Period under test: June 2026; ``TODAY`` is 2026-07-20.

| claim | payer | provider | DOS   | code  | created | submitted    | 835 (date: outcome)               |
|-------|-------|----------|-------|-------|---------|--------------|-----------------------------------|
| c1    | Acme  | Ada      | 06-02 | 90837 | 06-03   | 06-04        | 06-20 paid 120, CO-45 50, PR-2 30 |
| c2    | Acme  | Ada      | 06-03 | 90837 | 06-05   | 06-06        | 06-20 paid 100, CO-45 80, PR-2 20 |
| c3    | Acme  | Bob      | 06-05 | 90834 | 06-06   | 06-08        | 06-20 denied CO-197 150 (auth)    |
| c4    | Beta  | Bob      | 06-08 | 90837 | 06-10   | 06-11 (3)    | 06-25 paid 160, CO-45 40          |
| c5    | Beta  | Ada      | 06-10 | 90834 | 06-12   | 06-12        | none (waiting)                    |
| c6    | Acme  | Ada      | 02-10 | 90837 | 02-12   | 02-13        | 03-10 denied CO-50 200 (1)        |
| c7    | Acme  | Bob      | 06-15 | 90837 | 06-16   | 06-17        | 06-25 PR-1 150, CO-45 50 (2)      |
| c8    | Acme  | Bob      | 06-05 | 90834 | 06-22   | 06-22        | none: corrects c3 (frequency 7)   |
| c9    | Acme  | Ada      | 06-29 | 90837 | 06-30   | no (ready)   |                                   |

(1) open, in progress, appealed 06-15. (2) paid 0; the patient paid 100 on 06-28.
(3) rejected by the 277CA on 06-12, sent again on 06-15.

Charges: 90837 $200, 90834 $150. Acme's schedule expects $150 allowed for 90837 and $110
for 90834; Beta has no expected rates. c1's patient has a 10-visit Acme authorization for
90837 (c1 carries its number).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bhbilling.app import coding
from bhbilling.app import models as m
from bhbilling.app.claims.build import build_claim
from bhbilling.app.claims.corrections import replace_claim
from bhbilling.app.claims.readiness import prepare_claims
from bhbilling.app.claims.states import move
from bhbilling.app.ledger import post_entry
from bhbilling.app.remittance.importer import import_remittance_file
from bhbilling.app.scrubbing import service as scrub_service
from bhbilling.app.submission.batches import create_batches
from bhbilling.domain import ledger as dl
from bhbilling.kernel.clock import FixedClock
from bhbilling.reports.filters import ReportFilters
from tests import builders as b
from tests.unit.x12.remit835 import make835
from tests.unit.x12.remit835.make835 import PAYEE_NPI, ClaimSpec, LineSpec, RemitSpec, write_835

ADDRESS = dict(address_line1="9 Elm St", city="Troy", state="NY", postal_code="12180")
JUNE = (dt.date(2026, 6, 1), dt.date(2026, 6, 30))
TODAY = dt.date(2026, 7, 20)
D = Decimal
MINUTES = {"90837": 53, "90834": 45}


def at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2026, month, day, 12, 0, tzinfo=dt.UTC)


def filters(w, start: dt.date = JUNE[0], end: dt.date = JUNE[1], **kw) -> ReportFilters:
    return ReportFilters((w.practice.pk,), start, end, TODAY, **kw)


def _claim(w, payer, provider, dos: dt.date, code: str, *, auth: bool = False) -> m.Claim:
    patient = b.patient(w.practice, **ADDRESS)
    b.coverage(patient, payer, relationship="18")
    if auth:
        w.auth = b.authorization(patient, payer, codes=["90837"], units_approved=D(10))
    minutes = MINUTES[code]
    session = b.session(patient, provider, date_of_service=dos, minutes={"psychotherapy": minutes},
                        total_minutes=minutes, end_time=dt.time(10, minutes))
    coding.decide(session, coding.propose(session, w.coder).proposed["lines"], actor=w.coder)
    claim = build_claim(session)
    assert [ln.code for ln in claim.lines.all()] == [code]
    return claim


def _submit(w, claims: list[m.Claim], when: dt.datetime) -> None:
    prepare_claims(claims)
    summary = create_batches(w.practice, now=when)
    assert summary.batches, "the claims were not batched"
    for claim in claims:
        claim.refresh_from_db()
        assert claim.state == "submitted", claim.state


def _line(claim: m.Claim, paid: str, adjustments, **kw) -> LineSpec:
    line = claim.lines.get()
    return LineSpec(line.code, str(line.charge), paid, adjustments, control=line.line_control_number,
                    date=line.date_of_service, **kw)


def _remit(w, monkeypatch, paid_on: dt.date, claims: list[ClaimSpec], n: int) -> None:
    monkeypatch.setattr(make835, "PAID_ON", paid_on)
    data = write_835([RemitSpec(claims, trace=f"TRC{n:04d}")], interchange=n)
    report = import_remittance_file(w.practice, data, f"era{n}.835")
    assert report.status == "posted", report.reason


def build(tenant, monkeypatch):
    monkeypatch.setattr(scrub_service, "CLOCK", FixedClock(dt.date(2026, 6, 30)))
    w = type("ReportWorld", (), {})()
    practice = tenant.a
    practice.npi = PAYEE_NPI
    practice.save()
    w.tenant, w.practice = tenant, practice
    w.acme = b.payer(tenant.company, name="Acme Health", payer_id="1512345678")
    w.beta = b.payer(tenant.company, name="Beta Mutual", payer_id="BETA0001")
    b.fee_schedule(practice, None, {("90837", ""): "200.00", ("90834", ""): "150.00"})
    acme_fees = b.fee_schedule(practice, w.acme, {("90837", ""): "200.00", ("90834", ""): "150.00"})
    acme_fees.rates.filter(code="90837").update(expected_allowed=D("150.00"))
    acme_fees.rates.filter(code="90834").update(expected_allowed=D("110.00"))
    w.ada = b.provider(practice, first_name="Ada", last_name="Lovelace")
    w.bob = b.provider(practice, first_name="Bob", last_name="Builder")
    b.scrub_clean(practice, [w.ada, w.bob], [w.acme, w.beta])
    w.coder = b.user(tenant.company, "coder", practice)
    b.clearinghouse(tenant.company)

    c6 = _claim(w, w.acme, w.ada, dt.date(2026, 2, 10), "90837")
    _submit(w, [c6], at(2, 13))
    c1 = _claim(w, w.acme, w.ada, dt.date(2026, 6, 2), "90837", auth=True)
    assert c1.prior_authorization == w.auth.number
    _submit(w, [c1], at(6, 4))
    c2 = _claim(w, w.acme, w.ada, dt.date(2026, 6, 3), "90837")
    _submit(w, [c2], at(6, 6))
    c3 = _claim(w, w.acme, w.bob, dt.date(2026, 6, 5), "90834")
    _submit(w, [c3], at(6, 8))
    c4 = _claim(w, w.beta, w.bob, dt.date(2026, 6, 8), "90837")
    _submit(w, [c4], at(6, 11))
    move(c4, "rejected", reason="277CA A7", at=at(6, 12))
    move(c4, "draft", reason="fixed the member id", at=at(6, 14))
    _submit(w, [c4], at(6, 15))
    c5 = _claim(w, w.beta, w.ada, dt.date(2026, 6, 10), "90834")
    _submit(w, [c5], at(6, 12))
    c7 = _claim(w, w.acme, w.bob, dt.date(2026, 6, 15), "90837")
    _submit(w, [c7], at(6, 17))
    for claim, day in ((c6, at(2, 14)), (c1, at(6, 5)), (c2, at(6, 7)), (c3, at(6, 9)), (c4, at(6, 16)),
                       (c5, at(6, 13)), (c7, at(6, 18))):
        move(claim, "accepted", reason="277CA A2", at=day)

    _remit(w, monkeypatch, dt.date(2026, 3, 10), [ClaimSpec(
        c6.patient_control_number, "200", "0", status="4", payer_claim="ICN6",
        lines=[_line(c6, "0", [("CO", "50", "200")])])], 1)
    _remit(w, monkeypatch, dt.date(2026, 6, 20), [
        ClaimSpec(c1.patient_control_number, "200", "120", patient_responsibility="30", payer_claim="ICN1",
                  lines=[_line(c1, "120", [("CO", "45", "50"), ("PR", "2", "30")])]),
        ClaimSpec(c2.patient_control_number, "200", "100", patient_responsibility="20", payer_claim="ICN2",
                  lines=[_line(c2, "100", [("CO", "45", "80"), ("PR", "2", "20")])]),
        ClaimSpec(c3.patient_control_number, "150", "0", status="4", payer_claim="ICN3",
                  lines=[_line(c3, "0", [("CO", "197", "150")], remarks=("N54",))])], 2)
    _remit(w, monkeypatch, dt.date(2026, 6, 25), [
        ClaimSpec(c4.patient_control_number, "200", "160", payer_claim="ICN4",
                  lines=[_line(c4, "160", [("CO", "45", "40")])]),
        ClaimSpec(c7.patient_control_number, "200", "0", patient_responsibility="150", payer_claim="ICN7",
                  lines=[_line(c7, "0", [("CO", "45", "50"), ("PR", "1", "150")])])], 3)
    m.Denial.unscoped.filter(claim=c3).update(category="authorization")
    m.Denial.unscoped.filter(claim=c6).update(category="medical_necessity")

    c3.refresh_from_db()
    c8 = replace_claim(c3, reason="authorization number added")
    _submit(w, [c8], at(6, 22))
    move(c8, "accepted", reason="277CA A2", at=at(6, 23))
    m.Denial.unscoped.filter(claim=c3).update(status="resolved", resolution="corrected",
                                              resolved_at=at(6, 22))
    c6_denial = m.Denial.unscoped.get(claim=c6)
    m.Denial.unscoped.filter(pk=c6_denial.pk).update(status="in_progress")
    m.Appeal.unscoped.create(practice=practice, claim=c6, denial=c6_denial, status="sent",
                             deadline=dt.date(2026, 9, 6), sent_on=dt.date(2026, 6, 15),
                             created_at=at(6, 15))
    _patient_payment(w, c7, D("100.00"), dt.date(2026, 6, 28))
    c9 = _claim(w, w.acme, w.ada, dt.date(2026, 6, 29), "90837")
    prepare_claims([c9])
    for claim, day in ((c1, at(6, 3)), (c2, at(6, 5)), (c3, at(6, 6)), (c4, at(6, 10)), (c5, at(6, 12)),
                       (c6, at(2, 12)), (c7, at(6, 16)), (c8, at(6, 22)), (c9, at(6, 30))):
        m.Claim.unscoped.filter(pk=claim.pk).update(created_at=day)
    w.c = {n: m.Claim.unscoped.get(pk=c.pk)
           for n, c in enumerate((c1, c2, c3, c4, c5, c6, c7, c8, c9), start=1)}
    assert [w.c[n].state for n in range(1, 10)] == [
        "paid", "paid", "closed", "paid", "accepted", "denied", "paid", "accepted", "ready"]
    return w


def _patient_payment(w, claim: m.Claim, amount: Decimal, on: dt.date) -> m.PatientPayment:
    """A patient's payment on a claim: Dr cash clearing, Cr patient A/R (as patient billing posts it)."""
    row = m.PatientPayment.unscoped.create(
        practice=w.practice, patient=claim.patient, kind="payment", method="card", amount=amount,
        received_on=on, claim=claim, recorded_at=at(on.month, on.day))
    entry = post_entry(w.practice.pk, dl.make_entry(
        f"patient-payment:{row.pk}", on, "Patient payment",
        [dl.debit(dl.CASH_CLEARING, amount), dl.credit(dl.PATIENT_AR, amount)]),
        claim=claim, patient=claim.patient)
    m.PatientPayment.unscoped.filter(pk=row.pk).update(entry=entry)
    return row
