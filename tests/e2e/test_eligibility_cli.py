"""`bhbilling eligibility show|run|import` and `bhbilling auth list|add|alerts` from outside.

`show` is run on every 271 of the shared corpus (the one broken on purpose exits 2 naming
file, segment and element) and on every crafted 271, each against its expected summary.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bhbilling.app import models as m
from bhbilling.app.tenancy import scoped_to
from bhbilling.entrypoints.cli.main import main
from tests import builders as b

DATA = Path(__file__).resolve().parents[1] / "unit" / "x12" / "elig" / "data"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "x12-corpus" / "271"
BROKEN = {"lfh__subscriber-health-benefit-check-error.271": "segment 10 (SE), element SE02"}
ON = "2026-03-09"

# crafted file -> (status, member id, a phrase the table shows) per summary
CRAFTED = {
    "01_health_plan_only.271": [("active", "XHB123456701", "$25")],
    "02_mh_a6_a8_loops.271": [("active", "SCX998877", "$20")],
    "03_in_and_out_of_network.271": [("active", "NSM4455667", "40%")],
    "04_carve_out.271": [("active", "LHP00112233", "behavioral-health carve-out: MINDWELL")],
    "05_visit_limit.271": [("active", "XHB556677001", "visits: 20 per service year, 6 used, 14 left")],
    "06_deductible_met.271": [("active", "NSM7788990", "(met)")],
    "07_inactive_coverage.271": [("inactive", "SCX112200", "status inactive")],
    "08_aaa_72_member_id.271": [("rejected", "XHB000000000", "member id not found: check the card")],
    "09_aaa_75_not_found.271": [("rejected", "LHP99999999", "subscriber not found")],
    "10_telehealth.271": [("active", "SCX445566", "telehealth:")],
    "11_authorization_required.271": [("active", "NSM3322110", "authorization required: yes")],
    "12_dependent_family_accumulators.271": [("active", "XHB778899001", "(dependent)")],
    "13_other_payer_medicare_primary.271": [("active", "SCX778800", "MEDICARE")],
    "14_batch_two_subscribers.271": [("active", "LHP20304050", "LHP20304050"),
                                     ("rejected", "LHP20304051", "AAA 73")],
    "15_medicaid_sud.271": [("active", "RV00123456", "RV00123456")],
}


def _corpus() -> list[Path]:
    return sorted(CORPUS.glob("*")) if CORPUS.is_dir() else []


def test_corpus_is_beside_the_repo():
    if not CORPUS.is_dir():
        pytest.skip("shared X12 corpus not found beside the repo")
    assert len(_corpus()) >= 6 and set(BROKEN) <= {p.name for p in _corpus()}


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_show_every_corpus_271(path, capsys):
    code = main(["eligibility", "show", str(path), "--json", "--on", ON])
    captured = capsys.readouterr()
    if path.name in BROKEN:
        assert code == 2
        assert captured.out == ""
        assert f"bhbilling eligibility: {path.name} {BROKEN[path.name]}" in captured.err
        return
    assert code == 0, captured.err
    doc = json.loads(captured.out)
    assert doc["file"] == path.name and doc["summaries"]
    for s in doc["summaries"]:
        assert s["status"] in {"active", "rejected"} and s["checked_on"] == ON
    assert main(["eligibility", "show", str(path), "--on", ON]) == 0
    assert "status" in capsys.readouterr().out


def test_every_crafted_file_is_listed():
    assert sorted(CRAFTED) == sorted(p.name for p in DATA.glob("*.271"))


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_show_crafted_271(name, capsys):
    assert main(["eligibility", "show", str(DATA / name), "--json", "--on", ON]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(s["status"], s["member_id"]) for s in doc["summaries"]] == [e[:2] for e in CRAFTED[name]]
    assert main(["eligibility", "show", str(DATA / name), "--on", ON]) == 0
    out = " ".join(capsys.readouterr().out.split())
    for _, _, phrase in CRAFTED[name]:
        assert phrase in out


def test_show_refuses_what_is_not_a_271(tmp_path, capsys):
    assert main(["eligibility", "show", str(tmp_path / "missing.271")]) == 2
    assert "missing.271: cannot read the file" in capsys.readouterr().err
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    assert main(["eligibility", "show", str(text)]) == 2
    assert "notes.txt segment 1" in capsys.readouterr().err
    remit = Path(__file__).resolve().parents[3] / "shared" / "x12-corpus" / "835"
    era = next(iter(sorted(remit.glob("*"))), None) if remit.is_dir() else None
    if era is None:
        pytest.skip("shared X12 corpus not found beside the repo")
    assert main(["eligibility", "show", str(era)]) == 2
    assert f"bhbilling eligibility: {era.name}" in capsys.readouterr().err


@pytest.fixture
def world(tenant):
    w = type("World", (), {})()
    w.tenant = tenant
    w.payer = b.payer(tenant.company, name="Blue Horizon", payer_id="BHH01")
    b.clearinghouse(tenant.company)
    with scoped_to(tenant.company.pk, tenant.a.pk):
        w.provider = b.provider(tenant.a)
        w.ana = b.patient(tenant.a, first_name="Ana", last_name="Rivera")
        b.coverage(w.ana, w.payer, member_id="XHB123456701")
        b.session(w.ana, w.provider, date_of_service=dt.date(2026, 3, 11), status="scheduled",
                  note_signed=False)
    return w


@pytest.mark.django_db
def test_run_writes_a_270_for_the_week_ahead(world, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["eligibility", "run", "--practice", str(world.tenant.a.pk), "--days", "7",
                 "--on", ON, "--out", str(out)]) == 0
    (written,) = out.iterdir()
    assert written.name.startswith(f"270-{world.tenant.a.npi}-") and written.suffix == ".x12"
    text = written.read_text()
    assert text.startswith("ISA*") and "ST*270*" in text and "DTP*291*D8*20260311" in text
    assert "No clearinghouse connection sends 270s yet" in " ".join(capsys.readouterr().out.split())
    assert main(["eligibility", "run", "--practice", str(world.tenant.a.pk), "--days", "-1",
                 "--out", str(out)]) == 2


@pytest.mark.django_db
def test_import_records_known_members_and_exits_1_for_others(world, capsys):
    args = ["eligibility", "import", str(DATA / "01_health_plan_only.271"), "--practice",
            str(world.tenant.a.pk), "--on", ON]
    assert main(args) == 0
    assert world.ana.account_number in capsys.readouterr().out
    assert m.EligibilityCheck.unscoped.filter(patient=world.ana, status="active").count() == 1
    assert main(["eligibility", "import", str(DATA / "09_aaa_75_not_found.271"), "--practice",
                 str(world.tenant.a.pk)]) == 1
    err = capsys.readouterr().err
    assert "not recorded: 09_aaa_75_not_found.271: member 1 (subscriber)" in err
    assert "LHP99999999" not in err


@pytest.mark.django_db
def test_auth_add_list_and_alerts(world, capsys):
    practice = str(world.tenant.a.pk)
    base = ["auth", "add", "--practice", practice, "--patient", world.ana.account_number,
            "--payer", "BHH01", "--number", "PA-77", "--units", "2", "--from", "2026-03-01",
            "--to", "2026-03-20"]
    assert main([*base, "--codes", "9083,group:nothing"]) == 2
    assert "codes: Not a code or known group" in capsys.readouterr().err
    assert main([*base, "--codes", "group:psychotherapy"]) == 0
    assert "authorization PA-77 recorded" in capsys.readouterr().out
    assert main(["auth", "list", "--practice", practice]) == 0
    out = capsys.readouterr().out
    assert "PA-77" in out and "50%" in out  # the scheduled 3/11 session: 1 of 2 pending
    assert main(["auth", "alerts", "--practice", practice, "--on", "2026-03-12"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "units left" in out and "expiring" in out and "0 blocking" in out
    with scoped_to(world.tenant.company.pk, world.tenant.a.pk):
        b.session(world.ana, world.provider, date_of_service=dt.date(2026, 3, 25),
                  status="scheduled", note_signed=False)
    assert main(["auth", "alerts", "--practice", practice, "--on", "2026-03-12"]) == 1
    assert "BLOCK" in capsys.readouterr().out
