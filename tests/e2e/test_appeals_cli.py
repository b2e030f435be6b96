"""`bhbilling appeals list|start|letter|sent|decide|next|reminders` from outside."""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.app import models as m
from bhbilling.app.tenancy import scoped_to
from bhbilling.entrypoints.cli.console import console
from bhbilling.entrypoints.cli.main import main
from tests.denialworld import denied, make_world
from tests.pdfcheck import ink_share, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(tenant, monkeypatch):
    with scoped_to(tenant.company.id, tenant.a.id):
        world = make_world(tenant, monkeypatch)
        world.denial = denied(world, (("CO", "50", "200"),))
    m.Denial.unscoped.filter(pk=world.denial.pk).update(category="medical_necessity",
                                                        appeal_deadline=dt.date(2026, 7, 1))
    return world


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    monkeypatch.setattr(console, "_width", 200)  # rich tables wrap at the default 80


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, " ".join(out.out.split()), out.err


def test_start_letter_send_decide_next(w, capsys, tmp_path):
    p = str(w.practice.pk)
    code, out, _ = _run(capsys, "appeals", "start", str(w.denial.pk), "--practice", p,
                        "--date", "2026-06-10", "--signer", "Bea Biller")
    appeal = m.Appeal.unscoped.get(denial=w.denial)
    assert code == 0
    assert f"appeal {appeal.pk} drafted (medical_necessity/commercial): deadline 2026-07-01" in out
    assert "Bea Biller" in appeal.letter

    code, out, _ = _run(capsys, "appeals", "reminders", "--practice", p, "--date", "2026-06-20")
    # reminders 06-17, 06-24, 06-29: due since 06-17, 11 days left
    assert code == 1
    assert f"appeal {appeal.pk} claim {w.denial.claim.patient_control_number}: send by 2026-07-01 " \
           "(11 day(s) left; reminder of 2026-06-17)" in out
    code, out, _ = _run(capsys, "appeals", "reminders", "--practice", p, "--date", "2026-06-16")
    assert code == 0 and "0 appeal(s) due for a reminder on 2026-06-16" in out

    code, out, _ = _run(capsys, "appeals", "list", "--practice", p, "--date", "2026-06-20")
    assert code == 0 and "due since 2026-06-17" in out

    pdf_path = tmp_path / "appeal.pdf"
    code, out, _ = _run(capsys, "appeals", "letter", str(appeal.pk), "--practice", p, "--out",
                        str(pdf_path))
    assert code == 0
    pdf = pdf_path.read_bytes()
    assert ink_share(pdf) > 0.01 and "Bea Biller" in pdf_text(pdf)

    code, out, _ = _run(capsys, "appeals", "sent", str(appeal.pk), "--practice", p, "--date",
                        "2026-06-21")
    assert code == 0 and m.Claim.unscoped.get(pk=w.denial.claim_id).state == "appealed"
    code, out, _ = _run(capsys, "appeals", "decide", str(appeal.pk), "--practice", p,
                        "--outcome", "lost", "--date", "2026-07-15")
    assert code == 0
    assert "next level 2: Second-Level Provider Appeal by 2026-09-13" in out  # 07-15 + 60 days
    code, out, _ = _run(capsys, "appeals", "next", str(appeal.pk), "--practice", p, "--date",
                        "2026-07-16")
    second = m.Appeal.unscoped.get(denial=w.denial, level=2)
    assert code == 0 and f"appeal {second.pk} (level 2) drafted: deadline 2026-09-13" in out


def test_late_start_needs_a_reason_and_other_practice_ids_are_unknown(w, capsys, tenant):
    p = str(w.practice.pk)
    code, _, err = _run(capsys, "appeals", "start", str(w.denial.pk), "--practice", p,
                        "--date", "2026-07-03")
    assert code == 2 and "the appeal deadline 2026-07-01 passed 2 day(s) ago" in err
    code, _, err = _run(capsys, "appeals", "start", str(w.denial.pk), "--practice",
                        str(tenant.b.pk), "--date", "2026-06-10")
    assert code == 2 and f"denial {w.denial.pk}: no denial of this practice has that id" in err
    code, out, _ = _run(capsys, "appeals", "start", str(w.denial.pk), "--practice", p,
                        "--date", "2026-07-03", "--late-reason", "notice arrived late")
    assert code == 0 and "Filed 2 day(s) after the deadline 2026-07-01: notice arrived late" in out
