"""A real headless Chromium signs in (password + TOTP) and reads a patient chart.

Drives Debian's /usr/bin/chromium through Playwright against pytest-django's live server;
skips without the browser unless BHBILLING_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest

from tests import builders as b
from tests.e2e import browser
from tests.e2e.browser import chromium_page

# Playwright's sync API runs an event loop in this thread; the ORM calls made here between
# browser steps (seeding, the TOTP code) are still plain synchronous calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def test_missing_chromium_skips_or_fails_when_required(monkeypatch, tmp_path):
    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("BHBILLING_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        browser.require_chromium()
    monkeypatch.setenv("BHBILLING_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="BHBILLING_REQUIRE_BROWSER=1"):
        browser.require_chromium()


@pytest.fixture
def seeded(transactional_db):
    company = b.company()
    practice = b.practice(company, name="Calm Waters Counseling")
    payer = b.payer(company, name="Acme Health")
    patient = b.patient(practice, first_name="Jamie", last_name="Quillfeather",
                        date_of_birth=dt.date(1988, 4, 12), ssn="123456789")
    b.coverage(patient, payer, member_id="XZ99887766")
    b.patient(practice, first_name="Morgan", last_name="Zedd")
    provider = b.provider(practice)
    session = b.session(patient, provider)
    user = b.user(company, role="biller", practice_row=practice, username="dana.biller")
    return type("Seeded", (), {"user": user, "patient": patient, "session": session})


@pytest.mark.browser
def test_sign_in_search_and_open_patient(live_server, seeded, tmp_path):
    shots = {}
    with chromium_page() as page:
        page.goto(live_server.url + "/")
        assert re.search(r"/login/\?next=/$", page.url), page.url
        shots["login"] = tmp_path / "login.png"
        page.screenshot(path=shots["login"], full_page=True)

        page.fill("#id_username", seeded.user.username)
        page.fill("#id_password", b.PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/login/verify/$"))
        page.fill("#id_code", b.totp_now(seeded.user))
        page.click("form.stack button[type=submit]")
        page.wait_for_url(live_server.url + "/")
        assert page.locator("#patient-count").inner_text() == "2"
        assert page.locator("#practice-switch option:checked").inner_text() == (
            "Calm Waters Counseling"
        )

        page.click("nav.sidebar >> text=Patients")
        page.wait_for_url(re.compile(r"/patients/$"))
        results = page.locator("#patient-results")
        assert "Zedd" in results.inner_text()
        # Typing searches as you type (HTMX): no submit, the results and URL update in place.
        page.locator("input[name=q]").press_sequentially("Quillf", delay=30)
        page.wait_for_url(re.compile(r"/patients/\?q=Quillf"))
        results.get_by_text("Zedd").wait_for(state="detached")
        assert "Quillfeather, Jamie" in results.inner_text()
        shots["patients"] = tmp_path / "patients.png"
        page.screenshot(path=shots["patients"], full_page=True)

        results.get_by_role("link", name="Quillfeather, Jamie").click()
        page.wait_for_url(re.compile(rf"/patients/{seeded.patient.pk}/$"))
        body = page.locator("main.content").inner_text()
        assert "Jamie Quillfeather" in body
        assert "04/12/1988" in body
        assert "***-**-6789" in body and "123456789" not in body
        assert "Acme Health" in body and "XZ99887766" in body
        shots["patient"] = tmp_path / "patient.png"
        page.screenshot(path=shots["patient"], full_page=True)

        page.goto(live_server.url + f"/sessions/{seeded.session.pk}/")
        panel = page.locator("#coding-panel")
        assert "Proposed coding" in panel.inner_text() and "90837" in panel.inner_text()

    for name, path in shots.items():
        assert path.stat().st_size > 1000, name
