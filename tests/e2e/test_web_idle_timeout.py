"""HIPAA automatic logoff (45 CFR 164.312(a)(2)(iii)): 15 idle minutes end the session."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from bhbilling.app.accounts.middleware import LAST_SEEN_KEY
from tests import builders as b
from tests.e2e.browser import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, tenant):
    user = b.user(tenant.company, role="biller", practice_row=tenant.a)
    sign_in(client, user)
    assert client.get(reverse("web:home")).status_code == 200
    return client


def _idle_for(client, seconds: int) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - seconds
    session.save()


def test_901_idle_seconds_log_the_user_out(signed_in):
    _idle_for(signed_in, 901)
    response = signed_in.get(reverse("web:patients"))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:login") + "?expired=1"
    assert "_auth_user_id" not in signed_in.session
    notice = signed_in.get(response["Location"])
    assert b"15 minutes without activity" in notice.content
    again = signed_in.get(reverse("web:home"))
    assert again["Location"].startswith(reverse("web:login") + "?next=")


def test_899_idle_seconds_keep_the_session(signed_in):
    _idle_for(signed_in, 899)
    response = signed_in.get(reverse("web:patients"))
    assert response.status_code == 200
    assert "_auth_user_id" in signed_in.session
    assert time.time() - signed_in.session[LAST_SEEN_KEY] < 5  # activity restarts the clock
