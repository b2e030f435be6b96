"""Appeals end to end in the app: start from a denial, send, decide, next level, reminders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.appeals.service import (
    AppealRefused,
    mark_sent,
    record_decision,
    reminders_due,
    start_appeal,
    start_next_level,
)
from bhbilling.domain.appeals import Letter
from tests import builders as b
from tests.denialworld import PAID_ON, denied, make_world

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def w(tenant, scope_a, monkeypatch):
    world = make_world(tenant, monkeypatch)
    world.biller = b.user(tenant.company, "biller", tenant.a)
    return world


def _states(claim):
    return list(m.ClaimStateChange.unscoped.filter(claim=claim).values_list("to_state", flat=True))


def test_start_send_and_win_moves_the_claim_to_appealed_and_resolves_the_denial(w):
    denial = denied(w, (("CO", "50", "200"),))
    denial.category, denial.appeal_deadline = "medical_necessity", dt.date(2026, 9, 1)
    denial.save()
    appeal = start_appeal(denial, actor=w.biller, today=dt.date(2026, 6, 10))
    assert (appeal.status, appeal.level, appeal.deadline) == ("draft", 1, dt.date(2026, 9, 1))
    assert appeal.template == "medical_necessity/commercial"
    assert "Treatment plan summary" in appeal.attachments
    letter = Letter.from_text(appeal.letter)
    assert letter.date == dt.date(2026, 6, 10)
    assert ("Our claim number", denial.claim.patient_control_number) in letter.re_lines
    assert any("CO-50" in p for p in letter.paragraphs)
    denial.refresh_from_db()
    assert denial.status == "in_progress"
    assert denial.claim.state == "denied"  # a draft moves nothing

    mark_sent(appeal, actor=w.biller, today=dt.date(2026, 6, 12))
    appeal.refresh_from_db()
    claim = m.Claim.unscoped.get(pk=denial.claim_id)
    assert (appeal.status, appeal.sent_on, claim.state) == ("sent", dt.date(2026, 6, 12), "appealed")
    assert _states(claim)[-2:] == ["denied", "appealed"]

    result = record_decision(appeal, outcome="won", decided_on=dt.date(2026, 7, 20),
                             recovered=D("200.00"), actor=w.biller)
    assert result.next_level is None
    appeal.refresh_from_db()
    denial.refresh_from_db()
    claim.refresh_from_db()
    assert (appeal.status, appeal.recovered) == ("won", D("200.00"))
    assert (denial.status, denial.resolution) == ("resolved", "appealed")
    assert claim.state == "appealed"  # the payer's 835 moves it and brings the money
    assert m.AuditEvent.objects.filter(object_type="appeal", object_id=str(appeal.pk)).count() == 3


def test_lost_appeal_returns_the_claim_to_denied_and_offers_the_next_level(w):
    denial = denied(w, (("CO", "197", "200"),))
    denial.category, denial.appeal_deadline = "authorization", dt.date(2026, 8, 1)
    denial.save()
    appeal = start_appeal(denial, actor=w.biller, today=dt.date(2026, 6, 10))
    mark_sent(appeal, actor=w.biller, today=dt.date(2026, 6, 10))
    result = record_decision(appeal, outcome="lost", decided_on=dt.date(2026, 7, 1), actor=w.biller)
    # commercial second level: 60 days from the first decision (templates/_payers.toml)
    assert (result.next_level.level, result.next_level.deadline) == (2, dt.date(2026, 8, 30))
    assert m.Claim.unscoped.get(pk=denial.claim_id).state == "denied"
    second = start_next_level(appeal, actor=w.biller, today=dt.date(2026, 7, 5))
    assert (second.level, second.deadline, second.status) == (2, dt.date(2026, 8, 30), "draft")
    assert "Second-Level Provider Appeal" in second.letter
    assert "07/01/2026" in second.letter  # the prior decision it appeals
    with pytest.raises(AppealRefused, match="already started"):
        start_next_level(appeal, actor=w.biller, today=dt.date(2026, 7, 5))


def test_medicare_second_level_is_180_days_from_the_redetermination(tenant, scope_a, monkeypatch):
    w = make_world(tenant, monkeypatch, payer_kind="medicare")
    denial = denied(w, (("CO", "50", "200"),))
    denial.category = "medical_necessity"
    denial.save()
    appeal = start_appeal(denial, actor=None, today=dt.date(2026, 6, 10))
    assert appeal.template == "medical_necessity/medicare"
    assert "Request for Redetermination" in appeal.letter
    mark_sent(appeal, actor=None, today=dt.date(2026, 6, 11))
    result = record_decision(appeal, outcome="lost", decided_on=dt.date(2026, 8, 1), actor=None)
    assert result.next_level.deadline == dt.date(2026, 8, 1) + dt.timedelta(days=180)
    assert result.next_level.name == "Request for Reconsideration (QIC)"


def test_no_payer_window_falls_back_to_120_days_from_the_remittance_and_says_so(w):
    denial = denied(w, (("CO", "50", "200"),))
    denial.category, denial.appeal_deadline = "medical_necessity", None
    denial.save()
    appeal = start_appeal(denial, actor=w.biller, today=dt.date(2026, 6, 10))
    assert appeal.deadline == PAID_ON + dt.timedelta(days=120) == dt.date(2026, 9, 29)
    assert "assumed 120 days" in appeal.note
    assert "within 120 days of the remittance dated 06/01/2026" in appeal.letter


def test_a_passed_deadline_is_refused_unless_late_ok_with_a_reason(w):
    denial = denied(w, (("CO", "50", "200"),))
    denial.category, denial.appeal_deadline = "medical_necessity", dt.date(2026, 6, 30)
    denial.save()
    with pytest.raises(AppealRefused, match=r"deadline 2026-06-30 passed 2 day\(s\) ago"):
        start_appeal(denial, actor=w.biller, today=dt.date(2026, 7, 2))
    with pytest.raises(AppealRefused, match="needs a reason"):
        start_appeal(denial, actor=w.biller, today=dt.date(2026, 7, 2), late_ok=True)
    assert not m.Appeal.unscoped.filter(denial=denial).exists()
    denial.refresh_from_db()
    assert denial.status == "open"
    appeal = start_appeal(denial, actor=w.biller, today=dt.date(2026, 7, 2), late_ok=True,
                          late_reason="payer notice received late")
    assert "Filed 2 day(s) after the deadline 2026-06-30: payer notice received late" in appeal.note


def test_one_open_appeal_per_denial_and_withdrawal_reopens_the_denial(w):
    denial = denied(w, (("CO", "50", "200"),))
    denial.category = "medical_necessity"
    denial.appeal_deadline = dt.date(2026, 9, 1)
    denial.save()
    appeal = start_appeal(denial, actor=w.biller, today=dt.date(2026, 6, 10))
    with pytest.raises(AppealRefused, match=f"already has appeal {appeal.pk}"):
        start_appeal(denial, actor=w.biller, today=dt.date(2026, 6, 10))
    mark_sent(appeal, actor=w.biller, today=dt.date(2026, 6, 10))
    record_decision(appeal, outcome="withdrawn", decided_on=dt.date(2026, 6, 20), actor=w.biller)
    denial.refresh_from_db()
    assert denial.status == "open"
    assert m.Claim.unscoped.get(pk=denial.claim_id).state == "denied"


def test_decision_checks(w):
    denial = denied(w, (("CO", "50", "200"),))
    denial.category, denial.appeal_deadline = "medical_necessity", dt.date(2026, 9, 1)
    denial.save()
    appeal = start_appeal(denial, actor=w.biller, today=dt.date(2026, 6, 10))
    with pytest.raises(AppealRefused, match="needs an appeal that is sent"):
        record_decision(appeal, outcome="won", decided_on=dt.date(2026, 6, 20), actor=w.biller)
    mark_sent(appeal, actor=w.biller, today=dt.date(2026, 6, 10))
    with pytest.raises(AppealRefused, match="only a draft"):
        mark_sent(appeal, actor=w.biller, today=dt.date(2026, 6, 10))
    with pytest.raises(AppealRefused, match=r"between 0\.00 and the denied amount 200\.00"):
        record_decision(appeal, outcome="partial", decided_on=dt.date(2026, 6, 20),
                        recovered=D("250"), actor=w.biller)
    with pytest.raises(AppealRefused, match="partial win needs"):
        record_decision(appeal, outcome="partial", decided_on=dt.date(2026, 6, 20), actor=w.biller)
    with pytest.raises(AppealRefused, match="before it was sent"):
        record_decision(appeal, outcome="lost", decided_on=dt.date(2026, 6, 1), actor=w.biller)
    result = record_decision(appeal, outcome="partial", decided_on=dt.date(2026, 6, 20),
                             recovered=D("80"), actor=w.biller)
    assert result.appeal.recovered == D("80.00")


def test_mark_sent_refuses_a_claim_that_cannot_be_appealed(w):
    denial = denied(w, (("CO", "50", "200"),))
    denial.category, denial.appeal_deadline = "medical_necessity", dt.date(2026, 9, 1)
    denial.save()
    appeal = start_appeal(denial, actor=w.biller, today=dt.date(2026, 6, 10))
    m.Claim.unscoped.filter(pk=denial.claim_id).update(state="closed")
    with pytest.raises(AppealRefused, match="is closed; an appeal can be sent only for a claim in: "
                                            "denied, partially_paid"):
        mark_sent(appeal, actor=w.biller, today=dt.date(2026, 6, 10))


def test_reminders_due_lists_unsent_appeals_from_14_days_before_the_deadline(w):
    appeals = []
    for deadline in (dt.date(2026, 7, 1), dt.date(2026, 7, 20), dt.date(2026, 6, 25)):
        denial = denied(w, (("CO", "50", "200"),))
        denial.category, denial.appeal_deadline = "medical_necessity", deadline
        denial.save()
        appeals.append(start_appeal(denial, actor=w.biller, today=dt.date(2026, 6, 10)))
    mark_sent(appeals[2], actor=w.biller, today=dt.date(2026, 6, 10))  # sent: no reminder
    due = reminders_due(w.practice.pk, dt.date(2026, 6, 20))
    # 2026-07-01: reminders 06-17, 06-24, 06-29 -> due since 06-17, 11 days left
    assert [(r.appeal.pk, r.reminder_on, r.days_left) for r in due] == [
        (appeals[0].pk, dt.date(2026, 6, 17), 11)]
    assert reminders_due(w.practice.pk, dt.date(2026, 7, 2)) == []  # 07-01 passed, 07-20 not yet
    assert [r.appeal.pk for r in reminders_due(w.practice.pk, dt.date(2026, 7, 6))] == [appeals[1].pk]
    assert reminders_due(w.tenant.b.pk, dt.date(2026, 6, 20)) == []


def test_posting_sets_category_and_deadline_and_the_appeal_uses_them(w):
    denial = denied(w, (("CO", "197", "200"),))  # the 835 poster classifies (app.denials)
    assert denial.category == "authorization" and denial.appeal_deadline is not None
    appeal = start_appeal(denial, actor=w.biller, today=dt.date(2026, 6, 10))
    assert (appeal.category, appeal.template) == ("authorization", "authorization/commercial")
    assert appeal.deadline == denial.appeal_deadline
    assert "assumed" not in appeal.note


def test_a_denial_without_category_gets_the_mappings_reading(w):
    denial = denied(w, (("CO", "197", "200"),))
    m.Denial.unscoped.filter(pk=denial.pk).update(category="")
    denial.refresh_from_db()
    appeal = start_appeal(denial, actor=w.biller, today=dt.date(2026, 6, 10))
    assert appeal.category == "authorization"
    assert "the code mapping's reading (authorization) chose the letter" in appeal.note


def test_medicare_timely_filing_is_flagged_not_appealable_and_asks_for_the_exception(
        tenant, scope_a, monkeypatch):
    w = make_world(tenant, monkeypatch, payer_kind="medicare")
    denial = denied(w, (("CO", "29", "200"),))
    assert denial.appeal_deadline is None  # no appeal rights: the poster sets no deadline
    appeal = start_appeal(denial, actor=None, today=dt.date(2026, 6, 10))
    assert appeal.template == "timely_filing/medicare"
    assert "marks this denial as not appealable" in appeal.note
    assert "deadline assumed 120 days from the remittance date 2026-06-01" in appeal.note
    assert "42 CFR 424.44(b)(1)" in appeal.letter
