"""Write-offs: second-user approval, balance limits, the posted entry and rule write-offs."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from bhbilling.app import models as m
from bhbilling.app.ledger import account_balances
from bhbilling.app.writeoffs import (
    WriteOffRefused,
    approve,
    reject,
    request_write_off,
    write_off_by_rule,
)
from tests import builders as b
from tests.denialworld import denied, deny, make_world, submitted

pytestmark = pytest.mark.django_db
D = Decimal
NOW = dt.datetime(2026, 6, 10, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def w(tenant, scope_a, monkeypatch):
    world = make_world(tenant, monkeypatch)
    world.biller = b.user(tenant.company, "biller", tenant.a)
    world.admin = b.user(tenant.company, "practice_admin", tenant.a)
    world.admin_b = b.user(tenant.company, "practice_admin", tenant.b)
    return world


def _lines(entry):
    return sorted((ln.account.code, ln.debit, ln.credit) for ln in entry.lines.all())


def test_approval_by_a_different_user_with_the_right_posts_one_balanced_entry(w):
    denial = denied(w)
    before = account_balances(w.practice.pk)
    wo = request_write_off(practice_id=w.practice.pk, denial=denial, source="insurance",
                           amount=D("200.00"), reason="timely filing missed", actor=w.biller,
                           now=NOW, kind="timely_filing")
    assert wo.status == "pending" and wo.claim_id == denial.claim_id
    assert account_balances(w.practice.pk) == before  # nothing moves before approval
    denial.refresh_from_db()
    assert denial.status == "in_progress"
    approve(wo, approver=w.admin, now=NOW)
    wo.refresh_from_db()
    assert (wo.status, wo.decided_by_id) == ("approved", w.admin.pk)
    assert wo.entry.entry_key == f"writeoff:{wo.pk}"
    assert _lines(wo.entry) == [("1100", D("0.00"), D("200.00")), ("4200", D("200.00"), D("0.00"))]
    after = account_balances(w.practice.pk)
    assert after["1100"] == before["1100"] - D("200.00") == D("0.00")
    assert after["4200"] == D("200.00")
    denial.refresh_from_db()
    assert (denial.status, denial.resolution, denial.resolved_at) == ("written_off", "written_off", NOW)
    assert m.AuditEvent.objects.filter(object_type="writeoff", object_id=str(wo.pk)).count() == 2


def test_the_requester_cannot_approve_their_own_write_off(w):
    denial = denied(w)
    wo = request_write_off(practice_id=w.practice.pk, denial=denial, source="insurance",
                           amount=D("50.00"), reason="courtesy", actor=w.admin, now=NOW)
    with pytest.raises(WriteOffRefused, match="requested by you"):
        approve(wo, approver=w.admin, now=NOW)
    wo.refresh_from_db()
    assert wo.status == "pending" and wo.entry is None


@pytest.mark.parametrize("who", ["biller", "admin_b"])
def test_a_user_without_the_right_for_this_practice_cannot_approve(w, who):
    denial = denied(w)
    wo = request_write_off(practice_id=w.practice.pk, denial=denial, source="insurance",
                           amount=D("50.00"), reason="courtesy", actor=w.admin, now=NOW)
    with pytest.raises(WriteOffRefused, match="approve-write-offs right"):
        approve(wo, approver=getattr(w, who), now=NOW)
    assert not m.JournalEntry.objects.filter(entry_key=f"writeoff:{wo.pk}").exists()


def test_reason_and_amount_limits(w):
    denial = denied(w)  # 200.00 insurance A/R open
    kw = dict(practice_id=w.practice.pk, denial=denial, source="insurance", actor=w.biller, now=NOW)
    with pytest.raises(WriteOffRefused, match="needs a reason"):
        request_write_off(amount=D("10.00"), reason="  ", **kw)
    with pytest.raises(WriteOffRefused, match=r"more than 0\.00"):
        request_write_off(amount=D("0.00"), reason="x", **kw)
    with pytest.raises(WriteOffRefused, match=r"more than the open insurance balance 200\.00"):
        request_write_off(amount=D("200.01"), reason="x", **kw)
    request_write_off(amount=D("150.00"), reason="x", **kw)
    with pytest.raises(WriteOffRefused, match=r"open insurance balance 50\.00"):
        request_write_off(amount=D("60.00"), reason="x", **kw)  # pending requests count


def test_rejection_posts_nothing_and_bad_debt_goes_to_4300(w):
    claim = deny(w, submitted(w), [("CO", "45", "60"), ("PR", "2", "40")], paid="100", status="1")
    first = request_write_off(practice_id=w.practice.pk, claim=claim, source="patient",
                              amount=D("40.00"), reason="no answer to 3 statements", actor=w.biller,
                              now=NOW, kind="bad_debt")
    assert (first.kind, first.reason) == ("bad_debt", "no answer to 3 statements")
    reject(first, approver=w.admin, now=NOW, note="call first")
    first.refresh_from_db()
    assert (first.status, first.entry, first.decision_note) == ("rejected", None, "call first")
    again = request_write_off(practice_id=w.practice.pk, claim=claim, source="patient",
                              amount=D("40.00"), reason="no answer to 4 statements", actor=w.biller,
                              now=NOW, kind="bad_debt")
    approve(again, approver=w.admin, now=NOW)
    again.refresh_from_db()
    assert _lines(again.entry) == [("1200", D("0.00"), D("40.00")), ("4300", D("40.00"), D("0.00"))]
    assert account_balances(w.practice.pk)["1200"] == D("0.00")
    with pytest.raises(WriteOffRefused, match="already approved"):
        reject(again, approver=w.admin, now=NOW)


def test_rule_write_off_is_auto_approved_and_posted(w):
    claim = deny(w, submitted(w), [("CO", "45", "96"), ("PR", "2", "4")], paid="100", status="1")
    wo = write_off_by_rule(practice_id=w.practice.pk, patient=claim.patient, amount=D("4.00"),
                           rule="small_balance", now=NOW)
    assert (wo.status, wo.decided_by, wo.rule, wo.requested_by) == ("approved", None, "small_balance", None)
    assert (wo.kind, wo.reason) == ("small_balance", "by rule small_balance")
    assert _lines(wo.entry) == [("1200", D("0.00"), D("4.00")), ("4200", D("4.00"), D("0.00"))]
    assert account_balances(w.practice.pk)["1200"] == D("0.00")
    with pytest.raises(WriteOffRefused, match=r"open patient balance 0\.00"):
        write_off_by_rule(practice_id=w.practice.pk, patient=claim.patient, amount=D("1.00"),
                          rule="small_balance", now=NOW)


def test_a_row_of_another_practice_is_refused(w, tenant):
    other = b.patient(tenant.b)
    with pytest.raises(WriteOffRefused, match="another practice"):
        write_off_by_rule(practice_id=w.practice.pk, patient=other, amount=D("1.00"),
                          rule="small_balance", now=NOW)


def test_migration_0013_moves_an_old_kind_prefix_into_its_column(w):
    """Rows written while the kind lived in the reason (``[kind] text``) read the same after 0013."""
    mig = importlib.import_module("bhbilling.app.migrations.0013_writeoff_kind")
    claim = submitted(w)
    row = dict(practice_id=claim.practice_id, claim=claim, patient=claim.patient, source="patient",
               amount=D("10.00"), requested_at=NOW)
    old = m.WriteOff.unscoped.create(**row, reason="[bad_debt] no answer to 3 statements")
    plain = m.WriteOff.unscoped.create(**row, reason="[not a kind] keep as typed")
    mig.forward(apps, None)
    old.refresh_from_db()
    plain.refresh_from_db()
    assert (old.kind, old.reason) == ("bad_debt", "no answer to 3 statements")
    assert (plain.kind, plain.reason) == ("administrative", "[not a kind] keep as typed")
    mig.backward(apps, None)
    old.refresh_from_db()
    assert old.reason == "[bad_debt] no answer to 3 statements"
