"""Each workbench action with its claim, denial and ledger effect (issue #8 item 2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.balances import claim_balances
from bhbilling.app.denials import actions
from bhbilling.app.denials.errors import DenialActionRefused
from bhbilling.app.ledger import account_balances
from bhbilling.app.writeoffs import approve
from tests import builders as b
from tests.denialworld import denied, deny, make_world, submitted

pytestmark = pytest.mark.django_db
D = Decimal
NOW = dt.datetime(2026, 6, 10, 15, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 6, 10)


@pytest.fixture
def w(tenant, scope_a, monkeypatch):
    world = make_world(tenant, monkeypatch)
    world.biller = b.user(tenant.company, "biller", tenant.a)
    world.admin = b.user(tenant.company, "practice_admin", tenant.a)
    return world


def _bal(claim):
    return claim_balances(claim.practice_id, [claim.pk]).get(claim.pk)


def _events(denial):
    return m.AuditEvent.objects.filter(object_type="denial", object_id=str(denial.pk), action="update")


def test_correct_and_resubmit_bills_a_replacement_with_the_payer_claim_number(w):
    denial = denied(w, [("CO", "4", "200")], payer_claim="ICN4444")
    original = denial.claim
    assert _bal(original).insurance == D("200.00")
    new = actions.correct_and_resubmit(denial, actor=w.biller, now=NOW, reason="add HO modifier")
    assert (new.frequency_code, new.original_claim_id, new.state) == ("7", original.pk, "draft")
    original.refresh_from_db()
    assert original.payer_claim_number == "ICN4444"  # REF*F8 of the replacement
    assert original.state == "closed"
    # charges reversed on the original, posted again on the replacement: A/R moves, total stays
    assert _bal(original) is None
    assert _bal(new).insurance == D("200.00")
    assert account_balances(w.practice.pk)["1100"] == D("200.00")
    denial.refresh_from_db()
    assert (denial.status, denial.resolution, denial.resolved_at) == ("resolved", "corrected", NOW)
    assert _events(denial).count() == 1
    with pytest.raises(DenialActionRefused, match=rf"denial {denial.pk} is already resolved \(corrected\)"):
        actions.void(denial, actor=w.biller, now=NOW, reason="x")


def test_void_cancels_the_claim_and_reverses_its_charges(w):
    denial = denied(w, [("CO", "18", "200")], status="4")
    new = actions.void(denial, actor=w.biller, now=NOW, reason="sent twice")
    assert new.frequency_code == "8"
    assert account_balances(w.practice.pk)["1100"] == D("0.00")
    denial.refresh_from_db()
    assert (denial.status, denial.resolution) == ("resolved", "voided")


def test_appeal_starts_a_draft_and_moves_no_money(w):
    denial = denied(w, [("CO", "50", "200")])
    before = account_balances(w.practice.pk)
    appeal = actions.appeal(denial, actor=w.biller, today=TODAY)
    assert (appeal.status, appeal.level, appeal.deadline) == ("draft", 1, dt.date(2026, 8, 30))
    denial.refresh_from_db()
    assert (denial.status, denial.resolution) == ("in_progress", "")
    assert account_balances(w.practice.pk) == before
    assert _events(denial).filter(detail__action="appeal").count() == 1


def test_medicare_timely_filing_cannot_be_appealed(tenant, scope_a, monkeypatch):
    w = make_world(tenant, monkeypatch, payer_kind="medicare")
    denial = denied(w, [("CO", "29", "200")])
    with pytest.raises(DenialActionRefused, match=rf"denial {denial.pk} \(CO-29\) has no appeal rights"):
        actions.appeal(denial, actor=None, today=TODAY)
    assert not m.Appeal.objects.exists()


def test_write_off_posts_only_after_a_second_user_approves(w):
    denial = denied(w, [("CO", "29", "200")])
    wo = actions.write_off(denial, actor=w.biller, now=NOW, reason="no proof of timely filing",
                           kind="timely_filing")
    assert (wo.amount, wo.status, wo.source) == (D("200.00"), "pending", "insurance")
    assert _events(denial).filter(detail__action="write_off").count() == 1
    assert account_balances(w.practice.pk).get("4200") is None
    approve(wo, approver=w.admin, now=NOW)
    bal = account_balances(w.practice.pk)
    assert (bal["1100"], bal["4200"]) == (D("0.00"), D("200.00"))
    denial.refresh_from_db()
    assert (denial.status, denial.resolution) == ("written_off", "written_off")
    denial.claim.refresh_from_db()
    assert denial.claim.state == "closed"  # nothing left owed


def test_co_denial_may_not_be_moved_to_the_patient(w):
    denial = denied(w, [("CO", "197", "200")])
    with pytest.raises(DenialActionRefused, match="provider's liability and may not be billed"):
        actions.move_to_patient(denial, actor=w.biller, now=NOW)
    assert account_balances(w.practice.pk).get("1200", D("0.00")) == D("0.00")
    assert not m.JournalEntry.objects.filter(entry_key=f"denial-to-patient:{denial.pk}").exists()


def test_non_covered_moves_to_the_patient_only_with_a_waiver(w):
    denial = denied(w, [("CO", "96", "200")], remarks=("N425",))
    with pytest.raises(DenialActionRefused, match="signed waiver/ABN"):
        actions.move_to_patient(denial, actor=w.biller, now=NOW)
    entry = actions.move_to_patient(denial, actor=w.biller, now=NOW, waiver_on_file=True)
    lines = sorted((ln.account.code, ln.debit, ln.credit, ln.claim_line.line_control_number)
                   for ln in entry.lines.all())
    ref = denial.line_control_number
    assert lines == [("1100", D("0.00"), D("200.00"), ref), ("1200", D("200.00"), D("0.00"), ref)]
    assert _bal(denial.claim).insurance == D("0.00") and _bal(denial.claim).patient == D("200.00")
    denial.refresh_from_db()
    assert (denial.status, denial.resolution) == ("resolved", "moved_to_patient")
    assert _events(denial).filter(detail__action="to_patient").count() == 1


def test_move_to_next_payer_bills_the_secondary(w):
    claim = deny(w, submitted(w, secondary=True), [("CO", "22", "200")])
    denial = m.Denial.objects.get(claim=claim)
    new = actions.move_to_next_payer(denial, actor=w.biller, now=NOW)
    assert new.payer_id == w.secondary_payer.pk and new.prior_payer_claim_id == claim.pk
    assert _bal(claim) is None and _bal(new).insurance == D("200.00")
    denial.refresh_from_db()
    assert (denial.status, denial.resolution) == ("resolved", "moved_to_next_payer")


def test_next_payer_without_a_secondary_is_refused_clearly(w):
    denial = denied(w, [("CO", "22", "200")])
    with pytest.raises(DenialActionRefused, match="has no coverage of priority 2"):
        actions.move_to_next_payer(denial, actor=w.biller, now=NOW)
    denial.refresh_from_db()
    assert denial.status == "open"


def test_claim_in_the_wrong_state_is_refused(w):
    denial = denied(w, [("CO", "4", "200")])
    m.Claim.objects.filter(pk=denial.claim_id).update(state="closed")
    with pytest.raises(DenialActionRefused, match=r"claim .* is closed; expected one of denied"):
        actions.correct_and_resubmit(denial, actor=w.biller, now=NOW, reason="x")
    with pytest.raises(DenialActionRefused, match="is closed"):
        actions.move_to_patient(denial, actor=w.biller, now=NOW)
