"""A real headless Chromium works the money pages of issue #8: the denial queue and a write-off
approved by a second user, a patient payment followed by a statement run and its PDF, and a
Good Faith Estimate drafted from the patient page with its due date and PDF.

Drives Debian's /usr/bin/chromium through Playwright against pytest-django's live server;
skips without the browser unless BHBILLING_REQUIRE_BROWSER=1 (see tests/e2e/browser.py).
Data is built through the real services (835s for the denials, the ledger for balances).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.balances import patient_balances
from bhbilling.app.ledger import account_balances
from bhbilling.app.tenancy import scoped_to
from bhbilling.entrypoints.web.views import home
from bhbilling.kernel.clock import FixedClock
from tests import builders as b
from tests import denialworld
from tests.e2e.browser import chromium_page
from tests.integration.patient_billing import world as billing_world
from tests.pdfcheck import pdf_text

# Playwright's sync API runs an event loop in this thread; the ORM calls made here between
# browser steps (seeding, the TOTP code, checking the ledger) are still plain synchronous calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

D = Decimal


@pytest.fixture
def tenant(transactional_db):
    """Like tests/conftest.py's ``tenant`` but on the live server's transactional database."""
    company = b.company()
    return type("Tenant", (), {"company": company, "a": b.practice(company, name="Practice A"),
                               "b": b.practice(company, name="Practice B")})


def _sign_in(page, base: str, user) -> None:
    """Password then TOTP through the real login pages (a fresh cookie jar per user)."""
    page.context.clear_cookies()
    page.goto(base + "/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", b.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/login/verify/$"))
    page.fill("#id_code", b.totp_now(user))
    page.click("form.stack button[type=submit]")
    page.wait_for_url(base + "/")


def _notices(page) -> str:
    return " | ".join(page.locator("p.notice").all_inner_texts())


@pytest.mark.browser
def test_denial_queue_write_off_request_and_second_user_approval(live_server, tenant, monkeypatch):
    with scoped_to(tenant.company.pk, tenant.a.pk):
        w = denialworld.make_world(tenant, monkeypatch)
        # 90837 $200 denied CO-197 (no authorization): expected recovery 200 x 0.40 = 80.00
        auth = denialworld.denied(w, [("CO", "197", "200")], remarks=("N54",))
        # 90834 $150 denied CO-4 (modifier/coding): 150 x 0.85 = 127.50 -> first despite fewer dollars
        coding = denialworld.denied(w, [("CO", "4", "150")], session_kw=denialworld.SHORT_SESSION)
    biller = b.user(tenant.company, "biller", tenant.a, username="bea.biller")
    admin = b.user(tenant.company, "practice_admin", tenant.a, username="ada.admin")
    assert account_balances(tenant.a.pk).get("4200", D(0)) == D(0)
    base = live_server.url

    with chromium_page() as page:
        _sign_in(page, base, biller)
        page.click("nav.sidebar >> text=Denials")
        page.wait_for_url(re.compile(r"/denials/$"))
        rows = page.locator("#denials tbody tr[data-denial]")
        assert [rows.nth(i).get_attribute("data-denial") for i in range(rows.count())] == [
            str(coding.pk), str(auth.pk)]
        assert "$150.00" in rows.nth(0).inner_text() and "exp. $127.50" in rows.nth(0).inner_text()
        assert "$200.00" in rows.nth(1).inner_text() and "exp. $80.00" in rows.nth(1).inner_text()
        assert "CO-197" in rows.nth(1).inner_text() and "N54" in rows.nth(1).inner_text()
        assert "Write-offs to approve" not in page.locator(".page-head").inner_text()  # biller: no right

        rows.nth(1).locator("td.mono a").click()
        page.wait_for_url(re.compile(rf"/denials/{auth.pk}/$"))
        assert page.locator("#denial-status").inner_text() == "Open"
        actions = page.locator("#actions")
        actions.locator("form", has=page.locator("#assignee")).locator("button").click()
        page.wait_for_url(re.compile(rf"/denials/{auth.pk}/$"))
        assert "1 denial assigned to bea.biller." in _notices(page)
        assert page.locator("dt:text-is('Assigned to') + dd").inner_text() == "bea.biller"
        auth.refresh_from_db()
        assert auth.assigned_to_id == biller.pk

        page.fill("input[aria-label='write-off reason']", "payer contract: no auth needed")
        page.click("#actions >> text=Request a write-off")
        page.wait_for_url(re.compile(rf"/denials/{auth.pk}/$"))
        assert "approve" in _notices(page)
        assert "$200.00 · Waiting for approval" in page.locator("#write-offs").inner_text()
        wo = m.WriteOff.unscoped.get(denial=auth)
        assert (wo.status, wo.amount, wo.requested_by_id) == ("pending", D("200.00"), biller.pk)
        # The requester has no approve-write-offs right: the queue itself is refused.
        refused = page.goto(base + "/writeoffs/")
        assert refused.status == 403

        _sign_in(page, base, admin)
        # The admin requests one too, to see that nobody approves their own request.
        page.goto(base + f"/denials/{coding.pk}/")
        page.fill("input[aria-label='write-off reason']", "too small to rework")
        page.click("#actions >> text=Request a write-off")
        page.wait_for_url(re.compile(rf"/denials/{coding.pk}/$"))
        own = m.WriteOff.unscoped.get(denial=coding)
        page.goto(base + "/denials/")
        page.click(".page-head >> text=Write-offs to approve")
        page.wait_for_url(re.compile(r"/writeoffs/$"))
        mine = page.locator(f'tr[data-writeoff="{own.pk}"]')
        assert "your request: another user decides" in mine.inner_text()
        assert mine.locator("button").count() == 0
        theirs = page.locator(f'tr[data-writeoff="{wo.pk}"]')
        assert "payer contract: no auth needed" in theirs.inner_text() and "bea.biller" in theirs.inner_text()
        assert "$200.00" in theirs.inner_text()
        theirs.locator("input[name=note]").fill("checked the contract")
        theirs.get_by_role("button", name="Approve").click()
        page.wait_for_url(re.compile(r"/writeoffs/$"))
        assert f"Write-off {wo.pk} approved and posted." in _notices(page)
        assert page.locator(f'tr[data-writeoff="{wo.pk}"]').count() == 0  # left the pending list
        page.goto(base + f"/denials/{auth.pk}/")
        assert page.locator("#denial-status").inner_text().startswith("Written off")
        assert "$200.00 · Approved and posted" in page.locator("#write-offs").inner_text()
        assert page.locator("#actions").count() == 0  # nothing left to work

    wo.refresh_from_db()
    own.refresh_from_db()
    auth.refresh_from_db()
    assert (wo.status, wo.decided_by_id, own.status) == ("approved", admin.pk, "pending")
    assert auth.status == "written_off"
    # 200.00 debited to other adjustments (4200); the admin's own request posted nothing.
    assert account_balances(tenant.a.pk)["4200"] == D("200.00")


@pytest.mark.browser
def test_patient_payment_statement_run_and_statement_pdf(live_server, tenant, monkeypatch):
    with scoped_to(tenant.company.pk, tenant.a.pk):
        w = billing_world.make_world(tenant, monkeypatch)
        patient = billing_world.new_patient(w, first_name="Ana", last_name="Rivera")
        billing_world.owes(w, patient, "50.00")
    # Billers lack POST_PAYMENTS; the A/R specialist is the billing-office role that posts money.
    poster = b.user(tenant.company, "ar_specialist", tenant.a, username="riley.ar")
    base = live_server.url

    with chromium_page() as page:
        _sign_in(page, base, poster)
        page.goto(base + f"/patients/{patient.pk}/")
        billing = page.locator("#billing")
        assert billing.locator("#patient-balance").inner_text() == "$50.00"
        form = billing.locator("#payment-form")
        form.locator("#pay-amount").fill("20.00")
        form.locator("#pay-method").select_option("check")
        form.locator("#pay-reference").fill("1042")
        form.locator("#pay-date").fill("2026-11-20")
        form.get_by_role("button", name="Record").click()
        page.wait_for_load_state()
        assert "Payment of $20.00 recorded." in _notices(page)
        assert page.locator("#patient-balance").inner_text() == "$30.00"  # 50.00 - 20.00
        payments = page.locator("#patient-payments tbody").inner_text()
        assert "11/20/2026" in payments and "1042" in payments and "$20.00" in payments

        page.goto(base + "/statements/")
        page.fill("#run-date", "2026-12-01")
        page.click("#run-form button[type=submit]")
        page.wait_for_url(re.compile(r"/statements/"))
        assert "Statements for 12/01/2026: 1 ready" in _notices(page)
        row = page.locator('#statements tbody tr[data-status="ready"]')
        assert row.count() == 1
        assert "Ana Rivera" in row.inner_text() and "$30.00" in row.inner_text()
        assert "12/22/2026" in row.inner_text()  # due 21 days after the statement date
        href = row.get_by_role("link", name="PDF").get_attribute("href")
        pdf = page.request.get(base + href)
        assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
        assert pdf.body()[:5] == b"%PDF-"
        assert "$30.00" in pdf_text(pdf.body())

        row.locator("a", has_text="Ana Rivera").click()
        page.wait_for_url(re.compile(rf"/patients/{patient.pk}/"))
        statements = page.locator("#patient-statements tbody").inner_text()
        assert "12/01/2026" in statements and "$30.00" in statements and "Ready" in statements

    payment = m.PatientPayment.unscoped.get(patient=patient)
    assert (payment.kind, payment.method, payment.amount, payment.reference) == (
        "payment", "check", D("20.00"), "1042")
    assert payment.entry_id is not None
    assert patient_balances(tenant.a.pk, [patient.pk])[patient.pk] == D("30.00")
    statement = m.Statement.unscoped.get(patient=patient)
    assert (statement.status, statement.balance, statement.statement_date) == (
        "ready", D("30.00"), dt.date(2026, 12, 1))


@pytest.mark.browser
def test_good_faith_estimate_from_the_patient_page_with_due_date_and_pdf(live_server, tenant, monkeypatch):
    # Wednesday 11/25/2026, the day before Thanksgiving: "one business day" lands on Friday 11/27.
    monkeypatch.setattr(home, "CLOCK", FixedClock(dt.datetime(2026, 11, 25, 15, tzinfo=dt.UTC)))
    b.fee_schedule(tenant.a, None, {("90791", ""): "250.00", ("90834", ""): "150.00"})
    provider = b.provider(tenant.a, first_name="Maya", last_name="Thornton")
    patient = b.patient(tenant.a, first_name="Ana", last_name="Rivera")  # uninsured: estimate owed
    front_desk = b.user(tenant.company, "biller", tenant.a, username="fran.desk")
    base = live_server.url

    with chromium_page() as page:
        _sign_in(page, base, front_desk)
        page.goto(base + f"/patients/{patient.pk}/")
        section = page.locator("#estimates")
        assert "Estimate owed" in section.inner_text()
        form = section.locator("#estimate-form")
        assert form.is_visible()  # the draft form is open when an estimate is owed and none exists
        form.locator("#id_provider").select_option(str(provider.pk))
        form.locator("#id_trigger").select_option("scheduled")
        form.locator("#id_requested_on").fill("2026-11-25")
        form.locator("#id_first_service_on").fill("2026-12-01")
        form.locator("#id_period_start").fill("2026-12-01")
        form.locator("#id_diagnoses").fill("F41.1")
        form.locator("#id_code_1").fill("90791")
        form.locator("#id_sessions_1").fill("1")
        form.locator("#id_code_2").fill("90834")
        form.locator("#id_sessions_2").fill("52")
        form.get_by_role("button", name="Draft the estimate").click()
        page.wait_for_url(re.compile(r"/estimates/\d+/$"))

        estimate = m.GoodFaithEstimate.unscoped.get(patient=patient)
        assert page.url == base + f"/estimates/{estimate.pk}/"
        body = page.locator("main.content").inner_text()
        assert estimate.number in body and "Ana Rivera" in body
        assert "$8,050.00" in body  # 1 x 250.00 + 52 x 150.00
        due = page.locator("dt:text-is('Due') + dd").inner_text()
        assert due.startswith("11/27/2026"), due
        assert "12/01/2026 \N{EN DASH} 11/30/2027" in body  # empty end: 12 months less a day
        assert page.locator("#estimate-state").inner_text() == "due"

        href = page.locator("#estimate-pdf").get_attribute("href")
        pdf = page.request.get(base + href)
        assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
        assert pdf.body()[:5] == b"%PDF-"
        text = " ".join(pdf_text(pdf.body()).split())
        assert "Ana Rivera" in text and "$8,050.00" in text

        page.goto(base + f"/patients/{patient.pk}/")
        assert estimate.number in page.locator("#estimates").inner_text()

    assert (estimate.status, estimate.total, estimate.due_on, estimate.provider_id) == (
        "draft", D("8050.00"), dt.date(2026, 11, 27), provider.pk)
    assert [(i["code"], i["sessions"]) for i in estimate.items] == [("90791", 1), ("90834", 52)]
    assert m.AuditEvent.objects.filter(action="export", object_type="goodfaithestimate",
                                       object_id=str(estimate.pk)).exists()
