"""Denial categories and deadlines at posting, recategorize, the priority queue, assignment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.denials.assignment import assign
from bhbilling.app.denials.classification import recategorize
from bhbilling.app.denials.errors import DenialActionRefused
from bhbilling.app.denials.queue import QueueFilters, workbench
from tests import builders as b
from tests.denialworld import SHORT_SESSION, denied, make_world

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = dt.date(2026, 6, 10)


@pytest.fixture
def w(tenant, scope_a, monkeypatch):
    world = make_world(tenant, monkeypatch)
    world.biller = b.user(tenant.company, "biller", tenant.a)
    return world


def test_posting_sets_category_and_commercial_deadline(w):
    denial = denied(w, [("CO", "197", "200")], remarks=("N54",))
    assert denial.category == "authorization"
    # 835 dated 2026-06-01 + commercial-default window 90 days, no receipt days
    assert denial.appeal_deadline == dt.date(2026, 8, 30)


def test_medicare_deadline_adds_five_days_and_co29_gets_none(tenant, scope_a, monkeypatch):
    w = make_world(tenant, monkeypatch, payer_kind="medicare")
    necessity = denied(w, [("CO", "50", "200")])
    late = denied(w, [("CO", "29", "200")])
    assert necessity.appeal_deadline == dt.date(2026, 10, 4)  # 06-01 + 5 + 120
    assert (late.category, late.appeal_deadline) == ("timely_filing", None)


def test_recategorize_fills_denials_stored_before_the_feature(w):
    denial = denied(w, [("CO", "16", "200")], remarks=("N290",))
    m.Denial.objects.filter(pk=denial.pk).update(category="", appeal_deadline=None)
    assert recategorize(w.practice.pk) == 1
    denial.refresh_from_db()
    assert (denial.category, denial.appeal_deadline) == ("credentialing", None)  # correct, not appeal
    assert recategorize(w.practice.pk) == 0  # nothing left to change
    events = m.AuditEvent.objects.filter(object_type="denial", object_id=str(denial.pk), action="update")
    assert events.count() == 1


def test_queue_orders_by_expected_dollars_then_deadline(w):
    # each claim is a 200.00 charge; recovery chances from denial_carc_categories.csv
    modifier = denied(w, [("CO", "4", "200")])                 # 200 x 0.85 = 170.00
    auth = denied(w, [("CO", "197", "200")])                   # 200 x 0.40 = 80.00
    necessity = denied(w, [("CO", "50", "200")])               # 200 x 0.45 = 90.00
    dup = denied(w, [("OA", "18", "200")])                     # 200 x 0.05 = 10.00
    short = denied(w, [("CO", "50", "150")], session_kw=SHORT_SESSION)  # 90834: 150 x 0.45 = 67.50
    m.Denial.objects.filter(pk=auth.pk).update(appeal_deadline=dt.date(2026, 7, 1))
    items = workbench(w.practice.pk, today=TODAY)
    assert [(it.denial.pk, it.score) for it in items] == [
        (modifier.pk, D("170.00")), (necessity.pk, D("90.00")), (auth.pk, D("80.00")),
        (short.pk, D("67.50")), (dup.pk, D("10.00"))]
    assert items[2].days_left == 21
    assert items[0].codes == (("CO-4", "The procedure code is inconsistent with the modifier used."),)
    # a same-score tie goes to the sooner deadline
    twin = denied(w, [("CO", "197", "200")])
    m.Denial.objects.filter(pk=twin.pk).update(appeal_deadline=dt.date(2026, 6, 20))
    ranked = [it.denial.pk for it in workbench(w.practice.pk, today=TODAY)]
    assert ranked.index(twin.pk) == ranked.index(auth.pk) - 1


def test_filters(w, tenant):
    auth = denied(w, [("CO", "197", "200")])
    coding = denied(w, [("CO", "4", "200")])
    other_payer = b.payer(tenant.company, name="Other")
    assign([auth], w.biller, actor=w.biller)
    assert [it.denial.pk for it in workbench(w.practice.pk, QueueFilters(category="coding"),
                                             today=TODAY)] == [coding.pk]
    assert [it.denial.pk for it in workbench(w.practice.pk, QueueFilters(assignee_id=w.biller.pk),
                                             today=TODAY)] == [auth.pk]
    assert [it.denial.pk for it in workbench(w.practice.pk, QueueFilters(assignee_id=0),
                                             today=TODAY)] == [coding.pk]
    assert workbench(w.practice.pk, QueueFilters(payer_id=other_payer.pk), today=TODAY) == []
    m.Denial.objects.filter(pk=coding.pk).update(status="resolved")
    assert [it.denial.pk for it in workbench(w.practice.pk, today=TODAY)] == [auth.pk]
    assert {it.denial.pk for it in workbench(w.practice.pk, QueueFilters(status="all"),
                                             today=TODAY)} == {auth.pk, coding.pk}
    assert [it.denial.pk for it in workbench(w.practice.pk, QueueFilters(status="resolved"),
                                             today=TODAY)] == [coding.pk]


def test_assign_only_to_someone_who_may_work_denials_here(w, tenant):
    denial = denied(w)
    assert assign([denial], w.biller, actor=w.biller) == 1
    denial.refresh_from_db()
    assert denial.assigned_to_id == w.biller.pk
    for user in (w.coder, b.user(tenant.company, "biller", tenant.b)):
        with pytest.raises(DenialActionRefused, match="may not work denials in this practice"):
            assign([denial], user, actor=w.biller)
    assign([denial], None, actor=w.biller)
    denial.refresh_from_db()
    assert denial.assigned_to is None
    assert m.AuditEvent.objects.filter(object_type="denial", object_id=str(denial.pk),
                                       action="update").count() == 2
