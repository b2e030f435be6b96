"""CLI: bootstrapping a company and its users without the admin site."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model

from bhbilling.app.models import BillingCompany, Membership
from bhbilling.entrypoints.cli.main import main
from tests import builders as b

pytestmark = pytest.mark.django_db


def test_company_and_user_are_created_with_a_validated_password(monkeypatch, tenant):
    assert main(["company", "create", "--name", "Harbor Billing Partners"]) == 0
    company = BillingCompany.objects.get(slug="harbor-billing-partners")
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-and-unusual-passphrase-19\n"))
    code = main(["user", "create", "--username", "maria", "--company", company.slug,
                 "--role", "biller"])
    assert code == 0
    user = get_user_model().objects.get(username="maria")
    assert user.check_password("a-long-and-unusual-passphrase-19")
    assert user.password.startswith("argon2$argon2id$")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.practice_id) == ("biller", None)


def test_a_weak_password_is_refused_and_no_user_is_left_behind(monkeypatch, tenant, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("password\n"))
    code = main(["user", "create", "--username", "weak", "--company", tenant.company.slug,
                 "--role", "coder", "--practice", str(tenant.a.id)])
    assert code == 2
    assert "password:" in capsys.readouterr().err
    assert not get_user_model().objects.filter(username="weak").exists()


def test_a_practice_of_another_company_is_refused(monkeypatch, tenant, capsys):
    other = b.practice(b.company("Other"), name="Elsewhere")
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-and-unusual-passphrase-19\n"))
    code = main(["user", "create", "--username", "x", "--company", tenant.company.slug,
                 "--role", "coder", "--practice", str(other.id)])
    assert code == 2
    assert "no practice with that id or NPI" in capsys.readouterr().err


def test_reset_mfa_removes_devices(tenant):
    user = b.user(tenant.company, "biller", username="devuser")
    assert main(["user", "reset-mfa", "--username", "devuser"]) == 0
    assert not user.totpdevice_set.exists()
