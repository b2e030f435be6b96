"""The A/R follow-up work list, notes with next-action dates, and 276 inquiries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from bhbilling.app import models as m
from bhbilling.app.claims.followup import due_for_follow_up
from bhbilling.app.receivables.followup import FollowUpError, add_note, inquire, work_list
from bhbilling.application.ports import SendResult
from bhbilling.domain.receivables.followup import FollowUpRules, Reason
from tests import builders as b
from tests.history import rewrite_history
from tests.integration.receivables.world import D, import_835, line_spec, make_world, submitted
from tests.unit.x12.remit835.make835 import ClaimSpec, RemitSpec

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 7, 1)
NOW = timezone.make_aware(dt.datetime(2026, 7, 1, 14, 30))


@pytest.fixture
def world(tenant, scope_a, monkeypatch):
    return make_world(tenant, monkeypatch)


def _moved(claim, state, days_ago):
    """Put the claim in ``state`` with its last state change ``days_ago`` days before TODAY."""
    at = timezone.make_aware(dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(9)))
    rewrite_history(m.ClaimStateChange.objects.filter(claim=claim), at=at - dt.timedelta(days=1))
    m.ClaimStateChange.objects.create(practice=claim.practice, claim=claim, from_state=claim.state,
                                      to_state=state, at=at, reason="test")
    m.Claim.objects.filter(pk=claim.pk).update(state=state)
    claim.refresh_from_db()
    return claim


def _listed(items):
    return {i.claim.pk: i.reasons for i in items}


class Gateway:
    def __init__(self):
        self.sent = []

    def send(self, files):
        self.sent += list(files)
        return [SendResult(f.name, True) for f in files]


def test_who_is_due_and_why(world):
    w = world
    no_ack = _moved(submitted(w, last="A"), "submitted", 5)
    fresh = _moved(submitted(w, last="B"), "submitted", 4)
    no_pay = _moved(submitted(w, last="C"), "accepted", 30)
    early = _moved(submitted(w, last="D"), "accepted", 29)
    idle = _moved(submitted(w, last="E"), "denied", 14)
    worked = _moved(submitted(w, last="F"), "denied", 20)
    m.FollowUpNote.objects.create(practice=w.practice, claim=worked, at=NOW - dt.timedelta(days=3),
                                  text="called, reprocessing")
    scheduled = _moved(submitted(w, last="G"), "denied", 40)
    m.Claim.objects.filter(pk=scheduled.pk).update(follow_up_on=TODAY)
    later = _moved(submitted(w, last="H"), "submitted", 40)
    m.Claim.objects.filter(pk=later.pk).update(follow_up_on=TODAY + dt.timedelta(days=1))
    items = work_list([w.practice.pk], TODAY)
    assert _listed(items) == {no_ack.pk: (Reason.NO_ACK,), no_pay.pk: (Reason.NO_PAYMENT,),
                              idle.pk: (Reason.DENIED_IDLE,), scheduled.pk: (Reason.NEXT_ACTION,)}
    assert not {fresh.pk, early.pk, worked.pk, later.pk} & set(_listed(items))
    tighter = work_list([w.practice.pk], TODAY, rules=FollowUpRules(no_ack_days=4, denied_idle_days=3))
    assert {fresh.pk, worked.pk} <= set(_listed(tighter))


def test_paid_claims_leave_the_list_and_order_is_dollars_then_age(world):
    w = world
    paid = submitted(w, last="Paid")
    import_835(w, [RemitSpec([ClaimSpec(paid.patient_control_number, "200", "140",
                                        patient_responsibility="20",
                                        lines=[line_spec(paid, "140", [("CO", "45", "40"),
                                                                       ("PR", "2", "20")])])])])
    m.Claim.objects.filter(pk=paid.pk).update(follow_up_on=TODAY)  # date came, nothing owed
    old = _moved(submitted(w, last="Old", dos=dt.date(2026, 3, 2)), "accepted", 60)
    new = _moved(submitted(w, last="New", dos=dt.date(2026, 5, 1)), "accepted", 45)
    w.practice.refresh_from_db()
    b.fee_schedule(w.practice, w.secondary_payer, {("90837", ""): "250.00"})
    big = _moved(submitted(w, payers=[w.secondary_payer], last="Big", dos=dt.date(2026, 5, 10)),
                 "accepted", 31)
    items = work_list([w.practice.pk], TODAY)
    assert [(i.claim.pk, i.balance.insurance) for i in items] == [
        (big.pk, D("250.00")), (old.pk, D("200.00")), (new.pk, D("200.00"))]
    assert [i.age_days for i in items] == [52, 121, 61]
    assert paid.pk not in _listed(items)


def test_due_for_follow_up_claims_with_a_balance_are_all_on_the_work_list(world):
    w = world
    claims = [_moved(submitted(w, last=f"X{i}"), state, days)
              for i, (state, days) in enumerate([("submitted", 6), ("acknowledged", 9), ("accepted", 31),
                                                 ("accepted", 3)])]
    old = {c.pk for c in due_for_follow_up(w.practice.pk, TODAY)}
    assert old == {claims[0].pk, claims[1].pk, claims[2].pk}
    assert old <= set(_listed(work_list([w.practice.pk], TODAY)))


def test_note_sets_the_next_action_and_keeps_history(world):
    w = world
    claim = _moved(submitted(w), "accepted", 40)
    user = b.user(w.tenant.company, "biller", w.practice)
    first = add_note(claim, "Payer says in process", "called payer", TODAY + dt.timedelta(days=10),
                     actor=user, now=NOW)
    claim.refresh_from_db()
    assert claim.follow_up_on == TODAY + dt.timedelta(days=10)
    assert claim.pk not in _listed(work_list([w.practice.pk], TODAY))  # scheduled: waits
    later = TODAY + dt.timedelta(days=10)
    [item] = work_list([w.practice.pk], later)
    assert (item.reasons, item.note.pk) == ((Reason.NEXT_ACTION,), first.pk)
    second = add_note(claim, "Reprocessing, ref 55", "payer portal", None, actor=user,
                      now=NOW + dt.timedelta(days=10))
    claim.refresh_from_db()
    assert claim.follow_up_on is None
    assert list(claim.follow_up_notes.values_list("id", flat=True)) == [second.pk, first.pk]
    assert (first.author, first.action, first.at) == (user, "called payer", NOW)
    event = m.AuditEvent.objects.filter(object_type="follow_up_note", object_id=str(first.pk)).get()
    assert (event.action, event.patient_id) == ("create", claim.patient_id)
    assert "Payer says" not in str(event.detail)


@pytest.mark.parametrize(("text", "action", "next_on", "message"), [
    ("  ", "", None, "note text"),
    ("ok", "x" * 31, None, "action: at most 30"),
    ("ok", "", TODAY - dt.timedelta(days=1), "next action date: 2026-06-30 is in the past"),
])
def test_bad_notes_are_refused_with_the_field_named(world, text, action, next_on, message):
    claim = submitted(world)
    with pytest.raises(FollowUpError, match=message):
        add_note(claim, text, action, next_on, now=NOW)
    assert not m.FollowUpNote.objects.exists()


def test_inquiry_for_selected_claims_sends_one_276_and_notes_them(world):
    w = world
    a = _moved(submitted(w, last="A"), "accepted", 40)
    c = _moved(submitted(w, last="C"), "submitted", 9)
    gateway = Gateway()
    [run] = inquire([a, c], today=TODAY, now=NOW, gateway=gateway)
    assert run.delivered and sorted(run.asked) == sorted([a.patient_control_number, c.patient_control_number])
    [sent] = gateway.sent
    text = sent.content.decode()
    assert text.startswith("ISA") and "ST*276*" in text
    assert f"TRN*1*{a.patient_control_number}" in text
    for claim in (a, c):
        claim.refresh_from_db()
        assert claim.follow_up_on == TODAY + dt.timedelta(days=7)
        note = claim.follow_up_notes.get()
        assert (note.action, note.text) == ("status inquiry (276)",
                                            f"276 status inquiry sent in {run.file_name}")


def test_inquiry_refuses_a_draft(world):
    w = world
    claim = submitted(w)
    m.Claim.objects.filter(pk=claim.pk).update(state="draft")
    claim.refresh_from_db()
    with pytest.raises(FollowUpError, match=f"claims {claim.patient_control_number}: only a claim sent"):
        inquire([claim], today=TODAY, now=NOW, gateway=Gateway())
