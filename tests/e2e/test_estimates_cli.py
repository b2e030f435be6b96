"""``bhbilling estimates``: create from expected sessions, list worklists, issue, PDF, check."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.entrypoints.cli.main import main
from tests import builders as b
from tests.pdfcheck import ink_share, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(tenant):
    x = type("World", (), {})()
    x.practice = tenant.a
    b.fee_schedule(tenant.a, None, {("90791", ""): "250.00", ("90834", ""): "150.00",
                                    ("90834", "95"): "140.00"})
    x.provider = b.provider(tenant.a)
    x.patient = b.patient(tenant.a, account_number="SP0042")
    return x


def _create(w, *extra: str) -> int:
    return main(["estimates", "create", "--practice", str(w.practice.pk), "--patient", "SP0042",
                 "--provider", w.provider.npi, "--code", "90791", "--sessions", "1",
                 "--code", "90834:95", "--sessions", "52", "--requested-on", "2026-11-25",
                 "--first-service", "2026-12-01", "--dx", "F41.1", *extra])


def test_create_list_issue_pdf_and_check(w, capsys, tmp_path):
    assert _create(w) == 0
    out = capsys.readouterr().out
    e = m.GoodFaithEstimate.unscoped.get()
    assert f"estimate GFE-2026-0001 drafted (id {e.pk}): total $7,530.00" in out  # 250 + 52 x 140
    assert "period 2026-12-01 to 2027-11-30, due 2026-11-27" in out
    assert (e.period_start, e.items[1]["modifiers"]) == (dt.date(2026, 12, 1), ["95"])

    practice = str(w.practice.pk)
    assert main(["estimates", "list", "--practice", practice, "--overdue", "--on", "2026-11-30"]) == 1
    out = capsys.readouterr().out
    assert "GFE-2026-0001" in out and "1 estimate(s), 1 overdue" in out
    assert main(["estimates", "list", "--practice", practice, "--due", "--on", "2026-11-26"]) == 0

    assert main(["estimates", "issue", str(e.pk), "--on", "2026-11-27"]) == 0
    e.refresh_from_db()
    assert (e.status, e.issued_on) == ("issued", dt.date(2026, 11, 27))

    target = tmp_path / "gfe.pdf"
    assert main(["estimates", "pdf", str(e.pk), "--out", str(target)]) == 0
    data = target.read_bytes()
    assert "GFE-2026-0001" in pdf_text(data) and ink_share(data) > 0.01

    assert main(["estimates", "check", str(e.pk)]) == 0
    assert "difference $-7,530.00" in capsys.readouterr().out


def test_check_exits_1_when_dispute_eligible(w, capsys, scope_a):
    e = b.estimate(w.patient, w.provider, status="issued", issued_on=dt.date(2026, 11, 27),
                   total=Decimal("1000.00"))
    for week in range(10):  # 10 x 140.00 = 1,400.00: exactly $400.00 over
        s = b.session(w.patient, w.provider, date_of_service=dt.date(2026, 12, 1) + dt.timedelta(weeks=week))
        m.CodingDecision.objects.create(practice=w.practice, session=s, status="accepted",
                                        final=[{"code": "90837", "charge": "140.00", "units": 1}])
    assert main(["estimates", "check", str(e.pk)]) == 1
    out = capsys.readouterr().out
    assert "billed $1,400.00" in out and "DISPUTE-ELIGIBLE" in out


def test_errors_name_what_is_wrong(w, tenant, capsys):
    assert _create(w, "--code", "90837", "--sessions", "4") == 2
    assert "code 90837: no self-pay rate" in capsys.readouterr().err
    assert _create(w, "--code", "90837") == 2
    assert "give one --sessions per --code" in capsys.readouterr().err
    other = b.estimate(b.patient(tenant.b), b.provider(tenant.b))
    assert main(["estimates", "issue", str(other.pk), "--practice", str(w.practice.pk)]) == 2
    assert "no such estimate in that practice" in capsys.readouterr().err
    assert not m.GoodFaithEstimate.unscoped.filter(patient=w.patient).exists()
