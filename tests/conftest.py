"""Fixtures shared by integration and e2e tests (unit tests need none of these)."""

from __future__ import annotations

import pytest

from bhbilling.app.tenancy import scoped_to
from tests import builders as b


@pytest.fixture
def tenant(db):
    """One company with practice A (the user's) and practice B (another tenant)."""
    company = b.company()
    practice_a = b.practice(company, name="Practice A")
    practice_b = b.practice(company, name="Practice B")
    return type("Tenant", (), {"company": company, "a": practice_a, "b": practice_b})


@pytest.fixture
def scope_a(tenant):
    with scoped_to(tenant.company.id, tenant.a.id) as s:
        yield s
