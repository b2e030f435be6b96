"""The same 835 imported by four workers at once on PostgreSQL posts exactly once."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from bhbilling.app import coding
from bhbilling.app import models as m
from bhbilling.app.claims.build import build_claim
from bhbilling.app.claims.readiness import prepare_claims
from bhbilling.app.ledger import account_balances
from bhbilling.app.remittance.importer import import_remittance_file
from bhbilling.app.scrubbing import service as scrub_service
from bhbilling.app.submission.batches import create_batches
from bhbilling.app.tenancy import scoped_to
from bhbilling.kernel.clock import FixedClock
from tests import builders as b
from tests.unit.x12.remit835.make835 import PAYEE_NPI, RemitSpec, simple_claim, write_835

ADDRESS = dict(address_line1="9 Elm St", city="Troy", state="NY", postal_code="12180")


@pytest.mark.django_db(transaction=True)
def test_four_concurrent_imports_of_one_file_post_once(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are exercised on PostgreSQL")
    company = b.company()
    practice = b.practice(company, npi=PAYEE_NPI)
    payer = b.payer(company)
    b.fee_schedule(practice, None, {("90837", ""): "200.00"})
    b.clearinghouse(company)
    provider = b.provider(practice)
    b.scrub_clean(practice, [provider], [payer])  # ZIP+4, enrollment: no scrubber error
    monkeypatch.setattr(scrub_service, "CLOCK", FixedClock(dt.date(2026, 5, 20)))
    coder = b.user(company, "coder", practice)
    pcns = []
    with scoped_to(company.pk, practice.pk):
        for day in range(1, 6):
            patient = b.patient(practice, **ADDRESS)
            b.coverage(patient, payer, relationship="18")
            s = b.session(patient, provider, date_of_service=dt.date(2026, 5, day))
            coding.decide(s, coding.propose(s, coder).proposed["lines"], actor=coder)
            claim = build_claim(s)
            prepare_claims([claim])
            pcns.append(claim.patient_control_number)
        create_batches(practice)
    data = write_835([RemitSpec([simple_claim(p, payer_claim=f"I{p}") for p in pcns])])
    start = threading.Barrier(4)
    results, errors = [], []

    def run() -> None:
        try:
            start.wait()
            with scoped_to(company.pk, practice.pk):
                results.append(import_remittance_file(practice, data, "era.835").status)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == ["duplicate", "duplicate", "duplicate", "posted"]
    assert m.Remittance.unscoped.count() == 1
    assert m.ClaimPayment.unscoped.count() == 5
    with scoped_to(company.pk, practice.pk):
        assert account_balances(practice.pk)["1000"] == 5 * 140
