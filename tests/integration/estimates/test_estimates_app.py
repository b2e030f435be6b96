"""Good Faith Estimates in the app: priced from the self-pay schedule, due dates stored,
numbering, issue/replace/void, who needs one, and the PDF from rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.estimates import (
    create_estimate,
    estimate_deadline,
    estimate_pdf,
    filtered,
    issue,
    needs_estimate,
    supersede,
    void,
)
from bhbilling.domain.estimates import EstimateError, MissingFee, PeriodTooLong
from tests import builders as b
from tests.pdfcheck import ink_share, pdf_text

pytestmark = pytest.mark.django_db
D = dt.date
NOW = dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def w(tenant, scope_a):
    x = type("World", (), {})()
    x.practice = tenant.a
    x.payer = b.payer(tenant.company, name="Acme Health")
    b.fee_schedule(x.practice, None, {("90791", ""): "250.00", ("90834", ""): "150.00",
                                      ("90834", "95"): "140.00"})
    b.fee_schedule(x.practice, x.payer, {("90834", ""): "99.00"})  # a payer's: never used
    b.fee_schedule(tenant.b, None, {("90837", ""): "999.00"})      # another practice's
    x.provider = b.provider(x.practice, first_name="Maya", last_name="Thornton")
    x.patient = b.patient(x.practice, first_name="Jamie", last_name="Rivera")
    x.location = b.location(x.practice, name="Church St office", address_line1="14 Church St")
    x.user = b.user(tenant.company, "biller", x.practice)
    return x


def _create(w, **kw):
    args = dict(trigger="scheduled", requested_on=D(2026, 11, 25), first_service_on=D(2026, 12, 1),
                period_start=D(2026, 12, 1), period_end=D(2027, 11, 30),
                expected=[("90791", [], 1), ("90834", [], 52)], diagnoses=["f411", "Z63.0"])
    args.update(kw)
    return create_estimate(w.patient, w.provider, actor=w.user, now=NOW, **args)


def test_created_from_the_self_pay_schedule_with_its_due_date(w):
    e = _create(w)
    assert e.number == "GFE-2026-0001" and e.status == m.EstimateStatus.DRAFT
    assert e.total == Decimal("8050.00")  # 250.00 + 52 x 150.00, not the payer's 99.00
    assert [(i["code"], i["label"], i["fee"], i["sessions"], i["total"]) for i in e.items] == [
        ("90791", "diagnostic evaluation", "250.00", 1, "250.00"),
        ("90834", "psychotherapy, 45 min", "150.00", 52, "7800.00")]
    assert e.diagnoses == ["F41.1", "Z63.0"]
    # scheduled Wed 2026-11-25 for Tue 12-01: 3 business days ahead (Thanksgiving skipped)
    assert e.due_on == D(2026, 11, 27) and estimate_deadline(e).paragraph == "(A)"
    assert e.created_by == w.user and e.created_at == NOW
    assert m.AuditEvent.objects.filter(action="create", object_type="goodfaithestimate",
                                       object_id=str(e.pk), patient_id=w.patient.pk).exists()
    assert _create(w, requested_on=D(2026, 12, 1), trigger="request").number == "GFE-2026-0002"
    assert _create(w, requested_on=D(2027, 1, 4), trigger="request").number == "GFE-2027-0001"


def test_a_modifier_rate_is_used_when_the_schedule_has_one(w):
    e = _create(w, expected=[("90834", ["95"], 10)])
    assert e.total == Decimal("1400.00")


def test_refusals_name_the_field(w):
    with pytest.raises(MissingFee, match="code 90837"):
        _create(w, expected=[("90834", [], 10), ("90837", [], 10)])
    with pytest.raises(PeriodTooLong, match="at most 12 months"):
        _create(w, period_end=D(2027, 12, 1))
    with pytest.raises(EstimateError, match="first_service_on: expected inside the period"):
        _create(w, first_service_on=D(2026, 11, 30))
    with pytest.raises(EstimateError, match="diagnoses: 'F41' is a category header"):
        _create(w, diagnoses=["F41"])
    with pytest.raises(EstimateError, match="trigger"):
        _create(w, trigger="walk-in")
    other = b.provider(b.practice(w.practice.company, name="Elsewhere"))
    with pytest.raises(EstimateError, match="provider"):
        create_estimate(w.patient, other, "request", D(2026, 12, 1), None, D(2026, 12, 1),
                        D(2027, 11, 30), [("90834", [], 1)], now=NOW)
    assert m.GoodFaithEstimate.objects.count() == 0


def test_short_notice_has_no_regulatory_due_date_and_keeps_the_visit_as_target(w):
    e = _create(w, first_service_on=D(2026, 11, 30), period_start=D(2026, 11, 30),
                period_end=D(2026, 12, 31))
    rule = estimate_deadline(e)
    assert rule.due_on is None and "fewer than 3" in rule.reason
    assert e.due_on == D(2026, 11, 30)
    [row] = filtered("due", D(2026, 11, 27))
    assert row.state == "target"


def test_issue_then_replace_then_the_old_one_is_superseded_only_when_the_new_one_is_given(w):
    old = issue(_create(w), D(2026, 11, 27))
    assert (old.status, old.issued_on) == (m.EstimateStatus.ISSUED, D(2026, 11, 27))
    with pytest.raises(EstimateError, match="first_service_on"):  # 12-01 is past: say which visit
        supersede(old, requested_on=D(2027, 2, 1), now=NOW)
    new = supersede(old, requested_on=D(2027, 2, 1), first_service_on=D(2027, 2, 3),
                    expected=[("90834", [], 60)], now=NOW)
    # only 2 business days ahead, so no ordinary deadline; as a replacement it is due no later
    # than 1 business day before the service (Tue 02-02)
    assert new.due_on == D(2027, 2, 2) and estimate_deadline(new).paragraph == "(vii)"
    assert new.supersedes == old and new.period_end == old.period_end and new.total == Decimal("9000.00")
    assert new.diagnoses == old.diagnoses
    old.refresh_from_db()
    assert old.status == m.EstimateStatus.ISSUED
    issue(new, D(2027, 2, 2))
    old.refresh_from_db()
    assert old.status == m.EstimateStatus.SUPERSEDED
    with pytest.raises(EstimateError, match="only a draft can be issued"):
        issue(new, D(2027, 2, 3))
    with pytest.raises(EstimateError, match="only a draft or issued estimate can be replaced"):
        supersede(old, requested_on=D(2027, 2, 1), now=NOW)
    with pytest.raises(EstimateError, match="only a draft can be voided"):
        void(new)


def test_issue_before_the_request_is_refused_and_a_draft_can_be_voided(w):
    e = _create(w)
    with pytest.raises(EstimateError, match="issued_on"):
        issue(e, D(2026, 11, 24))
    assert void(e).status == m.EstimateStatus.VOID


def test_worklists_overdue_due_today_and_issued_late(w, tenant):
    late = _create(w)                                           # due 11-27
    today_ = _create(w, requested_on=D(2026, 11, 30), trigger="request")  # due 12-03
    b.patient(tenant.b)
    assert [r.estimate for r in filtered("overdue", D(2026, 11, 30))] == [late]
    assert [r.estimate for r in filtered("due_today", D(2026, 12, 3))] == [today_]
    assert [r.state for r in filtered("due", D(2026, 11, 30))] == ["overdue", "due"]
    issue(late, D(2026, 11, 30))
    assert [r.state for r in filtered("all", D(2026, 11, 30)) if r.estimate == late] == ["issued late"]


def test_who_needs_an_estimate(w, tenant):
    day = D(2026, 12, 1)
    assert needs_estimate(w.patient, day).reason.startswith("no insurance active")
    cov = b.coverage(w.patient, w.payer, starts_on=D(2026, 1, 1))
    assert not needs_estimate(w.patient, day)
    assert needs_estimate(w.patient, day, asked=True)
    session = b.session(w.patient, w.provider, date_of_service=D(2026, 12, 8), no_disclose=True)
    assert needs_estimate(w.patient, day).reason.startswith("a session is paid out of pocket")
    session.delete()
    cov.ends_on = D(2026, 11, 30)
    cov.save()
    assert needs_estimate(w.patient, day)
    self_pay = b.payer(tenant.company, name="Self-pay", kind="self_pay")
    b.coverage(w.patient, self_pay, starts_on=D(2026, 12, 1))
    assert needs_estimate(w.patient, day).reason == "self-pay coverage on file"


def test_the_pdf_from_rows_names_patient_provider_tin_and_place(w):
    b.session(w.patient, w.provider, location=w.location)
    data = estimate_pdf(issue(_create(w), D(2026, 11, 27)))
    text = " ".join(pdf_text(data).split())
    assert ink_share(data) > 0.01
    for expected in ("GFE-2026-0001", "Jamie", "Rivera", "04/12/1988", "Maya Thornton", w.provider.npi,
                     w.practice.tin, "Church St office", "$8,050.00", "F41.1", "Issued 11/27/2026",
                     "Scheduled on 11/25/2026; first service 12/01/2026"):
        assert expected in text, expected
