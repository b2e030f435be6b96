"""`bhbilling payments ...` and `bhbilling statements ...` from the command line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.tenancy import scoped_to
from bhbilling.entrypoints.cli.main import main
from tests.integration.patient_billing.world import make_world, new_patient, owes
from tests.pdfcheck import ink_share, pdf_text

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def world(tenant, monkeypatch):
    with scoped_to(tenant.company.pk, tenant.a.pk):
        w = make_world(tenant, monkeypatch)
        w.patient = new_patient(w)
        owes(w, w.patient, "50.00")
        w.tiny = new_patient(w)
        owes(w, w.tiny, "2.00")
    w.p = str(tenant.a.pk)
    return w


def test_payments_refusals_ledger_and_plan(world, capsys):
    acct = world.patient.account_number
    base = ["--practice", world.p, "--patient", acct]
    assert main(["payments", "add", *base, "--amount", "10.00", "--method", "card",
                 "--reference", "4111111111111111", "--date", "2026-06-10"]) == 2
    assert "reference: looks like a full card number" in capsys.readouterr().err
    assert main(["payments", "add", *base, "--amount", "10.00", "--method", "check",
                 "--reference", "1042", "--date", "2026-06-10"]) == 0
    assert "Payment" in capsys.readouterr().out
    assert main(["payments", "credit", *base, "--amount", "5.00", "--date", "2026-06-11"]) == 0
    assert main(["payments", "refund", *base, "--amount", "1.00", "--method", "cash"]) == 2
    assert "at most the credit balance of $0.00" in capsys.readouterr().err
    assert main(["payments", "ledger", *base]) == 0
    assert "balance $35.00" in capsys.readouterr().out
    assert main(["payments", "plan", "create", *base, "--total", "35.00", "--installment",
                 "10.00", "--day", "5", "--start", "2026-07-01"]) == 0
    assert main(["payments", "plan", "show", *base, "--date", "2026-07-01"]) == 0
    out = capsys.readouterr().out
    assert "2026-10-05" in out and "5.00" in out and "current" in out
    assert main(["payments", "plan", "cancel", *base]) == 0
    assert m.PaymentPlan.unscoped.get().status == "cancelled"


def test_statements_run_list_pdf_sent_and_small_balances(world, capsys, tmp_path):
    assert main(["statements", "run", "--practice", world.p, "--date", "2026-07-01"]) == 0
    assert "1 ready, 0 held" in capsys.readouterr().out
    st = m.Statement.unscoped.get()
    assert main(["statements", "list", "--practice", world.p, "--status", "ready"]) == 0
    assert st.number in capsys.readouterr().out
    out = tmp_path / "st.pdf"
    assert main(["statements", "pdf", st.number, "--practice", world.p, "--out", str(out)]) == 0
    data = out.read_bytes()
    assert "$50.00" in pdf_text(data) and ink_share(data) > 0.01
    assert main(["statements", "pdf", st.number, "--out", str(out)]) == 2  # a number needs --practice
    assert main(["statements", "sent", str(st.pk), "--date", "2026-07-02"]) == 0
    st.refresh_from_db()
    assert st.status == "sent"
    capsys.readouterr()
    assert main(["statements", "small-balances", "--practice", world.p, "--date", "2026-07-02"]) == 0
    assert "1 balance(s), $2.00, would be written off" in capsys.readouterr().out
    assert not m.WriteOff.unscoped.exists()
    assert main(["statements", "small-balances", "--practice", world.p, "--date", "2026-07-02",
                 "--apply"]) == 0
    assert "1 balance(s), $2.00, written off" in capsys.readouterr().out
    assert m.WriteOff.unscoped.get().patient_id == world.tiny.pk
