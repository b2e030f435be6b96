"""Helpers for the web e2e tests: signing a test client in, and launching headless Chromium.

The browser is Debian's ``/usr/bin/chromium`` driven by Playwright; no browser is ever
downloaded. Without it the browser tests skip, unless ``BHBILLING_REQUIRE_BROWSER=1`` (CI)
turns the missing browser into a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests import builders as b

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def sign_in(client: Client, user, *, password: str = b.PASSWORD, code: str | None = None):
    """Both sign-in steps through the real views; returns the response of the TOTP step."""
    response = client.post(reverse("web:login"), {"username": user.username, "password": password})
    assert response.status_code == 302, response.content[:500]
    assert response["Location"] == reverse("web:verify")
    response = client.post(reverse("web:verify"), {"code": code or b.totp_now(user)})
    assert response.status_code == 302, response.content[:500]
    return response


def require_chromium() -> Path:
    """The Chromium binary, or skip (fail when BHBILLING_REQUIRE_BROWSER=1)."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.environ.get("BHBILLING_REQUIRE_BROWSER") == "1":
        pytest.fail(f"BHBILLING_REQUIRE_BROWSER=1 but {CHROMIUM} is missing: "
                    "apt-get install chromium", pytrace=False)
    pytest.skip("chromium not installed: apt-get install chromium to run browser tests")


@contextmanager
def chromium_page(viewport: tuple[int, int] = (1366, 900)) -> Iterator:
    """A fresh headless Chromium page (Playwright sync API); closed on exit."""
    binary = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(binary), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": viewport[0], "height": viewport[1]}, locale="en-US"
            )
            page = context.new_page()
            page.set_default_timeout(15_000)
            yield page
        finally:
            browser.close()
