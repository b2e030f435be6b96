"""The small-balance rule writes off tiny, stale balances through the write-off workflow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.balances import patient_balances
from bhbilling.app.patient_billing.small_balances import (
    small_balance_candidates,
    write_off_small_balances,
)
from bhbilling.app.patient_billing.statements import mark_sent, run_statements
from tests.integration.patient_billing.world import NOW, bill, make_world, new_patient, owes

pytestmark = pytest.mark.django_db
D = Decimal
AS_OF = dt.date(2026, 9, 1)


@pytest.fixture
def w(tenant, scope_a, monkeypatch):
    w = make_world(tenant, monkeypatch)
    w.practice.statement_minimum = D("3.00")
    w.practice.save()
    return w


def test_rule_picks_small_stale_balances_only_and_writes_them_off(w):
    never_billed = new_patient(w)  # under the $3 statement minimum: never gets a statement
    owes(w, never_billed, "2.50")
    at_limit = new_patient(w)
    owes(w, at_limit, "5.00", on=dt.date(2026, 6, 1))
    # billed 07/01 (62 days before 09/01: stale); another billed 07/10 (53 days: not yet)
    run_statements(w.practice.pk, dt.date(2026, 7, 1), actor="t", now=NOW)
    assert list(m.Statement.objects.values_list("patient_id", flat=True)) == [at_limit.pk]
    for st in m.Statement.objects.all():
        mark_sent(st, sent_on=dt.date(2026, 7, 1))
    recently_billed = new_patient(w)
    owes(w, recently_billed, "3.00", on=dt.date(2026, 7, 5))
    run_statements(w.practice.pk, dt.date(2026, 7, 10), actor="t", now=NOW)
    mark_sent(m.Statement.objects.get(patient=recently_billed), sent_on=dt.date(2026, 7, 10))
    over_limit = new_patient(w)
    owes(w, over_limit, "5.01")
    waiting = new_patient(w)
    owes(w, waiting, "2.00")
    bill(w, waiting, dt.date(2026, 5, 20))
    on_hold = new_patient(w, statement_hold_reason="estate")
    owes(w, on_hold, "1.00")

    found = small_balance_candidates(w.practice.pk, AS_OF)
    assert {(c.patient.pk, c.balance) for c in found} == {(never_billed.pk, D("2.50")),
                                                         (at_limit.pk, D("5.00"))}
    assert m.WriteOff.objects.count() == 0  # looking writes nothing

    done = write_off_small_balances(w.practice.pk, AS_OF, actor="t", now=NOW)
    assert {c.patient.pk for c in done} == {never_billed.pk, at_limit.pk}
    balances = patient_balances(w.practice.pk)
    assert never_billed.pk not in balances and at_limit.pk not in balances
    assert balances[over_limit.pk] == D("5.01") and balances[recently_billed.pk] == D("3.00")
    wo = m.WriteOff.objects.get(patient=never_billed)
    assert (wo.rule, wo.status, wo.source, wo.amount) == ("small_balance", "approved", "patient",
                                                         D("2.50"))
    assert [(ln.account.code, ln.debit, ln.credit) for ln in wo.entry.lines.order_by("id")] == [
        ("4200", D("2.50"), D("0.00")), ("1200", D("0.00"), D("2.50"))]
    assert write_off_small_balances(w.practice.pk, AS_OF, actor="t", now=NOW) == []  # nothing left
