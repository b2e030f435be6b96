"""Control numbers are allocated with the batch: never reused, even after a crash or when
workers batch at the same time (PostgreSQL row lock on the clearinghouse)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from bhbilling.app import coding
from bhbilling.app.claims.build import build_claim
from bhbilling.app.claims.readiness import claims_to_check, prepare_claims
from bhbilling.app.models import Batch, BatchClaim, Claim, ClaimState, Clearinghouse
from bhbilling.app.scrubbing import service as scrub_service
from bhbilling.app.submission import batches as batches_mod
from bhbilling.app.tenancy import scoped_to
from bhbilling.kernel.clock import FixedClock
from tests import builders as b

ADDRESS = dict(address_line1="9 Elm St", city="Troy", state="NY", postal_code="12180")


def _ready_claims(company, practice, payers, per_payer: int) -> None:
    with scoped_to(company.pk, practice.pk):
        b.fee_schedule(practice, None, {("90837", ""): "180.00"})
        provider = b.provider(practice)
        b.scrub_clean(practice, [provider], payers)  # ZIP+4, enrollments: no scrubber error
        coder = b.user(company, "coder", practice)
        for payer in payers:
            for day in range(1, per_payer + 1):
                patient = b.patient(practice, **ADDRESS)
                b.coverage(patient, payer, relationship="18")
                session = b.session(patient, provider, date_of_service=dt.date(2026, 3, day))
                coding.decide(session, coding.propose(session, coder).proposed["lines"], actor=coder)
                build_claim(session)
        with pytest.MonkeyPatch.context() as mp:  # filing deadlines counted from a fixed today
            mp.setattr(scrub_service, "CLOCK", FixedClock(dt.date(2026, 3, 20)))
            prepare_claims(claims_to_check(practice.pk))


@pytest.mark.django_db
def test_a_crash_while_writing_consumes_no_number(tenant, monkeypatch):
    ch = b.clearinghouse(tenant.company)
    payer = b.payer(tenant.company)
    _ready_claims(tenant.company, tenant.a, [payer], 2)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(batches_mod, "write_837p", boom)
    with scoped_to(tenant.company.pk, tenant.a.pk), pytest.raises(RuntimeError):
        batches_mod.create_batches(tenant.a)
    ch.refresh_from_db()
    assert (ch.last_interchange_number, ch.last_group_number, ch.last_transaction_number) == (0, 0, 0)
    assert Batch.unscoped.count() == 0
    assert set(Claim.unscoped.values_list("state", flat=True)) == {ClaimState.READY}
    monkeypatch.undo()
    with scoped_to(tenant.company.pk, tenant.a.pk):
        made = batches_mod.create_batches(tenant.a).batches
    assert [bt.interchange_number for bt in made] == [1]


@pytest.mark.django_db(transaction=True)
def test_concurrent_batching_on_postgres_never_duplicates_a_number():
    if connection.vendor != "postgresql":
        pytest.skip("row locks (SELECT ... FOR UPDATE) are exercised on PostgreSQL")
    company = b.company()
    practices = [b.practice(company, name=f"Practice {i}") for i in range(3)]
    payers = [b.payer(company, name=f"Payer {i}") for i in range(3)]
    b.clearinghouse(company, max_claims_per_file=2)
    for practice in practices:
        _ready_claims(company, practice, payers, 3)
    # two workers per practice race for the same ready claims, six workers in all
    workers = [p for p in practices for _ in range(2)]
    start = threading.Barrier(len(workers))
    errors: list[BaseException] = []

    def run(practice) -> None:
        try:
            start.wait()
            with scoped_to(company.pk, practice.pk):
                batches_mod.create_batches(practice)
        except BaseException as exc:  # reported below; a thread cannot fail the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(p,)) for p in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = list(Batch.unscoped.values_list("interchange_number", "group_number",
                                              "transaction_number"))
    isa = sorted(n[0] for n in numbers)
    # 3 practices x 3 payers x 3 claims, 2 per file -> 2 files per payer and practice
    assert isa == list(range(1, 19))
    assert len({n[1] for n in numbers}) == len({n[2] for n in numbers}) == 18
    sent = list(BatchClaim.unscoped.values_list("claim_id", flat=True))
    assert len(sent) == len(set(sent)) == 27  # every claim sent exactly once
    assert set(Claim.unscoped.values_list("state", flat=True)) == {ClaimState.SUBMITTED}
    ch = Clearinghouse.unscoped.get()
    assert ch.last_interchange_number == 18
