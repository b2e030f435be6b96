"""A real headless Chromium opens the dashboard: KPI cards, server-drawn SVG charts with a size,
a filter change, and a drill-down link followed to the claims behind a figure.

Drives Debian's /usr/bin/chromium through Playwright against pytest-django's live server;
skips without the browser unless BHBILLING_REQUIRE_BROWSER=1 (see tests/e2e/browser.py).
"""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from benchmarks.report_world import Plan, generate

from bhbilling.app import models as m
from bhbilling.entrypoints.web.views import dashboard
from bhbilling.kernel.clock import FixedClock
from tests import builders as b
from tests.e2e.browser import chromium_page

# Playwright's sync API runs an event loop in this thread; the ORM calls made here between
# browser steps (seeding, the TOTP code) are still plain synchronous calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def seeded(transactional_db, monkeypatch):
    monkeypatch.setattr(dashboard, "CLOCK", FixedClock(TODAY))
    world = generate(Plan(claims=400, practices=1, providers=3, today=TODAY, seed=5))
    practice = m.Practice.unscoped.get(pk=world.practice_ids[0])
    user = b.user(
        m.BillingCompany.objects.get(pk=world.company_id),
        role="practice_admin",
        practice_row=practice,
        username="olive.owner",
    )
    return type("Seeded", (), {"user": user, "practice": practice})


@pytest.mark.browser
def test_owner_reads_the_dashboard_charts_filters_and_drills_down(live_server, seeded, tmp_path):
    with chromium_page() as page:
        page.goto(live_server.url + "/login/")
        page.fill("#id_username", seeded.user.username)
        page.fill("#id_password", b.PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/login/verify/$"))
        page.fill("#id_code", b.totp_now(seeded.user))
        page.click("form.stack button[type=submit]")
        page.wait_for_url(live_server.url + "/")

        page.click("nav.sidebar >> text=Dashboard")
        page.wait_for_url(re.compile(r"/dashboard/$"))
        cards = page.locator("#kpi-cards .kpi-card")
        assert cards.count() == 15
        clean = page.locator('.kpi-card[data-kpi="clean_claim_rate"]')
        assert "Clean claim rate" in clean.inner_text() and "%" in clean.locator(".kpi-value").inner_text()
        clean.locator("summary").click()  # the formula opens in place
        assert "first submission" in clean.locator(".kpi-formula").inner_text()

        charts = page.locator("#charts svg[role=img]")
        assert charts.count() >= 3
        for i in range(charts.count()):
            box = charts.nth(i).bounding_box()
            assert box is not None and box["width"] > 200 and box["height"] > 80, box
        assert page.locator("#charts svg rect.bar").count() > 12  # charges/payment bars were drawn
        page.screenshot(path=tmp_path / "dashboard.png", full_page=True)

        page.fill("#f-start", "2026-06-01")
        page.fill("#f-end", "2026-06-30")
        page.click("#dashboard-filters button[type=submit]")
        page.wait_for_url(re.compile(r"start=2026-06-01"))
        assert page.locator("#f-start").input_value() == "2026-06-01"
        june = page.locator('.kpi-card[data-kpi="clean_claim_rate"]')
        assert "06/01/2026 \N{EN DASH} 06/30/2026" in page.locator("main.content").inner_text()
        june.locator("summary").click()
        submitted = june.locator('a.kpi-part[data-part="denominator"]')
        figure = submitted.inner_text()
        assert int(figure.replace(",", "")) > 0
        submitted.click()
        page.wait_for_url(re.compile(r"/dashboard/drill/\?.*kpi=clean_claim_rate"))
        assert page.locator("#drill-count").inner_text() == figure.replace(",", "")
        assert page.locator("#drill-claims tbody tr").count() == min(int(figure.replace(",", "")), 50)
        page.screenshot(path=tmp_path / "drill.png", full_page=True)
    assert (tmp_path / "dashboard.png").stat().st_size > 10_000
