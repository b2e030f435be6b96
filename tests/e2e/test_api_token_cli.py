"""``bhbilling token create|revoke``: the secret is printed once and works with the API."""

from __future__ import annotations

import pytest
from django.test import Client

from bhbilling.app.models import ApiToken
from bhbilling.entrypoints.cli.main import main
from tests import builders as b
from tests.e2e.apiclient import Api

pytestmark = pytest.mark.django_db


def test_create_use_and_revoke(tenant, capsys):
    user = b.user(tenant.company, "biller", tenant.a, username="cli-biller")
    assert main(["token", "create", "--user", "cli-biller", "--name", "EHR sync", "--days", "7"]) == 0
    out = capsys.readouterr().out
    plaintext = next(line for line in out.splitlines() if line.startswith("bhb_"))
    token = ApiToken.objects.get(user=user)
    assert token.expires_at is not None and token.name == "EHR sync"
    api = Api(Client(), {"Authorization": f"Bearer {plaintext}"})
    assert api.get("/patients").status_code == 200

    assert main(["token", "revoke", str(token.id)]) == 0
    assert api.get("/patients").status_code == 401


def test_bad_input_is_a_clear_error(tenant, capsys):
    assert main(["token", "create", "--user", "nobody", "--name", "x"]) == 2
    assert "no user named" in capsys.readouterr().err
    assert main(["token", "revoke", "999999"]) == 2
    assert "no token with id" in capsys.readouterr().err
