"""`bhbilling denials list|show|assign|act|recategorize` and `bhbilling writeoffs ...`."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.ledger import account_balances
from bhbilling.app.tenancy import scoped_to
from bhbilling.entrypoints.cli.main import main
from tests import builders as b
from tests.denialworld import denied, make_world

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def w(tenant, monkeypatch):
    with scoped_to(tenant.company.pk, tenant.a.pk):
        world = make_world(tenant, monkeypatch)
        world.auth = denied(world, [("CO", "197", "200")], remarks=("N54",))
        world.coding = denied(world, [("CO", "4", "200")])
    world.biller = b.user(tenant.company, "biller", tenant.a, username="bella")
    world.admin = b.user(tenant.company, "practice_admin", tenant.a, username="ada")
    world.p = str(tenant.a.pk)
    return world


def test_list_json_in_priority_order_and_show(w, capsys):
    assert main(["denials", "list", "--practice", w.p, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["expected"], r["category"]) for r in rows] == [
        (w.coding.pk, "170.00", "coding"), (w.auth.pk, "80.00", "authorization")]
    assert main(["denials", "show", "--practice", w.p, str(w.auth.pk)]) == 0
    out = capsys.readouterr().out
    assert "CO-197: Precertification" in out and "recommended: Compare the claim" in out


def test_assign_and_act_as_a_user(w, capsys):
    assert main(["denials", "assign", "--practice", w.p, "--as", "bella", "--to", "me",
                 str(w.auth.pk)]) == 0
    assert "1 denial(s) assigned to bella" in capsys.readouterr().out
    w.auth.refresh_from_db()
    assert w.auth.assigned_to_id == w.biller.pk
    assert main(["denials", "list", "--practice", w.p, "--as", "bella", "--assignee", "me",
                 "--json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [w.auth.pk]
    assert main(["denials", "act", "--practice", w.p, "--as", "bella", str(w.auth.pk),
                 "to_patient"]) == 2
    assert "may not be billed to the patient" in capsys.readouterr().err
    assert main(["denials", "act", "--practice", w.p, "--as", "bella", str(w.auth.pk),
                 "write_off", "--reason", "auth never obtained", "--kind", "administrative"]) == 0
    assert "requested" in capsys.readouterr().out
    wo = m.WriteOff.unscoped.get(denial=w.auth)
    assert main(["writeoffs", "approve", "--practice", w.p, "--as", "bella", str(wo.pk)]) == 2
    assert "does not allow approve writeoffs" in capsys.readouterr().err
    assert main(["writeoffs", "list", "--practice", w.p]) == 0
    listed = capsys.readouterr().out  # a rich table: narrow columns wrap the reason
    assert "$200.00" in listed and "bella" in listed and "pending" in listed
    assert main(["writeoffs", "approve", "--practice", w.p, "--as", "ada", str(wo.pk)]) == 0
    assert account_balances(w.tenant.a.pk)["4200"] == D("200.00")
    w.auth.refresh_from_db()
    assert w.auth.status == "written_off"


def test_recategorize_fills_old_denials(w, capsys):
    m.Denial.unscoped.update(category="", appeal_deadline=None)
    assert main(["denials", "recategorize", "--practice", w.p]) == 0
    assert "2 of 2 denial(s) updated" in capsys.readouterr().out
    w.auth.refresh_from_db()
    assert (w.auth.category, str(w.auth.appeal_deadline)) == ("authorization", "2026-08-30")
