"""``bhbilling paper``: a claim's CMS-1500 to a file, the month's superbills to a folder."""

from __future__ import annotations

import pytest

from bhbilling.app import models as m
from bhbilling.entrypoints.cli.main import main
from tests.paperworld import MonthWorld
from tests.pdfcheck import ink_share, page_count, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(tenant):
    return MonthWorld(tenant)


def test_cms1500_of_a_claim_number(w, tmp_path, capsys):
    out = tmp_path / "forms" / "p1.pdf"
    assert main(["paper", "cms1500", "P1-S7", "--out", str(out)]) == 0
    assert "claim P1-S7: CMS-1500 written to" in capsys.readouterr().out
    data = out.read_bytes()
    assert page_count(data) == 2 and ink_share(data) > 0.05
    assert w.practice.npi in pdf_text(data) and "1260 00" in pdf_text(data)
    event = m.AuditEvent.objects.filter(action="export").order_by("-seq").first()
    assert (event.object_id, event.actor) == (str(w.insured_claim.pk), "cli:paper")
    plain = tmp_path / "plain.pdf"
    assert main(["paper", "cms1500", "P1-S7", "--out", str(plain), "--data-only",
                 "--shift-x", "3", "--practice", str(w.practice.pk)]) == 0
    assert "HEALTH INSURANCE CLAIM FORM" not in pdf_text(plain.read_bytes())


def test_an_unknown_claim_or_wrong_practice_is_a_clear_error(w, tenant, tmp_path, capsys):
    assert main(["paper", "cms1500", "NOPE-1", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "claim NOPE-1: no claim has that number" in capsys.readouterr().err
    assert main(["paper", "cms1500", "P1-S7", "--out", str(tmp_path / "x.pdf"),
                 "--practice", str(tenant.b.pk)]) == 2
    assert f"no claim has that number in practice {tenant.b.pk}" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_superbills_one_file_per_patient(w, tmp_path, capsys):
    assert main(["paper", "superbills", "--month", "2026-03", "--practice", str(w.practice.pk),
                 "--out", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    files = sorted(p.name for p in tmp_path.iterdir())
    expected = sorted(f"superbill-2026-03-practice{w.practice.pk}-{p.account_number}.pdf"
                      for p in (w.self_pay, w.birch, w.cole, w.insured))
    assert files == expected
    ash = (tmp_path / f"superbill-2026-03-practice{w.practice.pk}-{w.self_pay.account_number}.pdf")
    assert "Balance due $160.00" in pdf_text(ash.read_bytes())
    assert "4 patient(s) with self-pay or out-of-network services in 2026-03" in captured.out
    assert "not itemized yet: session" in captured.err and "the note is not signed" in captured.err
    assert "4 PDF file(s) written" in captured.out


def test_superbills_combined_for_every_practice(w, tenant, tmp_path, capsys):
    assert main(["paper", "superbills", "--month", "2026-03", "--out", str(tmp_path),
                 "--combined"]) == 0
    files = sorted(p.name for p in tmp_path.iterdir())
    # Practice B's self-pay patient (Aardvark) has a coded March session: B gets its own file.
    assert files == sorted([f"superbills-2026-03-practice{tenant.a.pk}.pdf",
                            f"superbills-2026-03-practice{tenant.b.pk}.pdf"])
    combined = (tmp_path / f"superbills-2026-03-practice{tenant.a.pk}.pdf").read_bytes()
    assert page_count(combined) >= 4 and "Aardvark" not in pdf_text(combined)
    other = (tmp_path / f"superbills-2026-03-practice{tenant.b.pk}.pdf").read_bytes()
    assert "Other Aardvark" in pdf_text(other) and "Robin Ash" not in pdf_text(other)
    assert main(["paper", "superbills", "--month", "13-2026", "--out", str(tmp_path)]) == 2
    assert "expected YYYY-MM" in capsys.readouterr().err
