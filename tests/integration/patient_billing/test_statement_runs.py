"""Statement runs: who is ready, who is held and why, refund review, reruns and sending."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.patient_billing.payments import record_payment
from bhbilling.app.patient_billing.statements import (
    StatementRefused,
    mark_sent,
    refund_review,
    run_statements,
)
from tests.integration.patient_billing.world import NOW, bill, make_world, new_patient, owes

pytestmark = pytest.mark.django_db
D = Decimal
RUN = dt.date(2026, 7, 1)


@pytest.fixture
def w(tenant, scope_a, monkeypatch):
    return make_world(tenant, monkeypatch)


def _by_patient(rows):
    return {s.patient_id: s for s in rows}


def test_each_hold_is_reported_and_plain_balances_are_ready(w):
    plain = new_patient(w)
    owes(w, plain, "40.00")
    flagged = new_patient(w, statement_hold_reason="disputing the bill by phone",
                          statement_hold_until=dt.date(2026, 8, 1))
    owes(w, flagged, "30.00")
    waiting = new_patient(w)
    owes(w, waiting, "25.00")
    pending_claim = bill(w, waiting, dt.date(2026, 5, 20))  # with the payer, $200 not answered
    credit = new_patient(w)
    record_payment(credit, D("15.00"), "cash", "", dt.date(2026, 6, 5), actor="t", now=NOW)
    tiny = new_patient(w)
    owes(w, tiny, "4.99")

    result = run_statements(w.practice.pk, RUN, actor="t", now=NOW)
    assert list(_by_patient(result.ready)) == [plain.pk]
    held = _by_patient(result.held)
    assert set(held) == {flagged.pk, waiting.pk}
    assert held[flagged.pk].hold_reason == \
        "held by the practice until 08/01/2026: disputing the bill by phone"
    assert held[waiting.pk].hold_reason == \
        f"waiting on insurance: claim {pending_claim.patient_control_number} not answered yet"
    assert held[waiting.pk].snapshot["holds"][0]["code"] == "insurance_pending"
    assert held[waiting.pk].balance == D("25.00")
    assert result.refund_review == [(credit.pk, D("15.00"))]
    assert [(pid, why) for pid, why in result.skipped] == [
        (tiny.pk, "balance $4.99 is below the statement minimum of $5.00")]
    assert not m.Statement.objects.filter(patient__in=[credit, tiny]).exists()
    assert [(p.pk, amount) for p, amount in refund_review(w.practice.pk, RUN)] == [
        (credit.pk, D("15.00"))]


def test_an_open_gfe_dispute_holds_the_statement_until_it_is_closed(w):
    from bhbilling.app.estimates.disputes import DisputeRefused, close_dispute, open_dispute
    from tests import builders as b

    patient = new_patient(w)
    owes(w, patient, "80.00")
    gfe = b.estimate(patient, b.provider(w.practice), status="issued",
                     issued_on=dt.date(2026, 5, 1))
    draft = b.estimate(patient, b.provider(w.practice))
    with pytest.raises(DisputeRefused, match="only an estimate given to the patient"):
        open_dispute(draft, on=dt.date(2026, 6, 10))
    open_dispute(gfe, on=dt.date(2026, 6, 10), actor="t")
    with pytest.raises(DisputeRefused, match="already has an open dispute"):
        open_dispute(gfe, on=dt.date(2026, 6, 11))
    held = run_statements(w.practice.pk, RUN, actor="t", now=NOW).held
    assert [s.hold_reason for s in held] == ["Good Faith Estimate dispute open (45 CFR 149.620)"]
    close_dispute(gfe, on=RUN - dt.timedelta(days=1), actor="t")
    result = run_statements(w.practice.pk, RUN, actor="t", now=NOW)
    assert (result.held, [s.patient_id for s in result.ready]) == ([], [patient.pk])


def test_reruns_refresh_the_open_statement_and_the_cycle_holds_the_next(w):
    patient = new_patient(w)
    owes(w, patient, "40.00")
    first = run_statements(w.practice.pk, RUN, actor="t", now=NOW).ready[0]
    again = run_statements(w.practice.pk, RUN, actor="t", now=NOW).ready[0]
    assert (again.pk, again.number) == (first.pk, "ST000001")
    assert m.Statement.objects.count() == 1
    with pytest.raises(StatementRefused, match="sent on: expected 07/01/2026"):
        mark_sent(first, sent_on=dt.date(2026, 6, 30))
    mark_sent(first, sent_on=RUN, actor="t")
    with pytest.raises(StatementRefused, match="already sent on 07/01/2026"):
        mark_sent(first, sent_on=RUN)

    later = run_statements(w.practice.pk, dt.date(2026, 7, 28), actor="t", now=NOW)
    [held] = later.held
    assert held.number == "ST000002" and held.pk != first.pk
    assert held.hold_reason == "statement sent 07/01/2026; next one from 07/29/2026 (28-day cycle)"
    with pytest.raises(StatementRefused, match="is held"):
        mark_sent(held, sent_on=dt.date(2026, 7, 28))
    due = run_statements(w.practice.pk, dt.date(2026, 7, 29), actor="t", now=NOW)
    assert [(s.pk, s.status) for s in due.ready] == [(held.pk, "ready")]
    first.refresh_from_db()
    assert first.status == "sent" and first.statement_date == RUN  # sent ones never change


def test_an_open_statement_goes_away_when_the_balance_is_paid(w):
    patient = new_patient(w)
    owes(w, patient, "40.00")
    run_statements(w.practice.pk, RUN, actor="t", now=NOW)
    record_payment(patient, D("40.00"), "check", "77", RUN, actor="t", now=NOW)
    result = run_statements(w.practice.pk, RUN, actor="t", now=NOW)
    assert (result.ready, result.held, result.removed) == ([], [], 1)
    assert not m.Statement.objects.exists()


def test_runs_of_one_practice_never_touch_another(w, tenant):
    patient = new_patient(w)
    owes(w, patient, "40.00")
    other = run_statements(tenant.b.pk, RUN, actor="t", now=NOW)
    assert (other.ready, other.held) == ([], [])
    mine = run_statements(w.practice.pk, RUN, actor="t", now=NOW)
    assert [s.practice_id for s in mine.ready] == [w.practice.pk]
