"""`bhbilling import ...` end to end: exit codes, summary table, findings on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from bhbilling.app import models as m
from bhbilling.entrypoints.cli.main import main
from tests import builders as b

pytestmark = pytest.mark.django_db(transaction=False)

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.fixture
def world(tenant):
    b.payer(tenant.company, payer_id="60054")
    b.payer(tenant.company, payer_id="87726")
    b.provider(tenant.a, npi="1234567893")
    b.provider(tenant.a, npi="1987654328")
    b.location(tenant.a, name="Main office")
    return tenant


def test_import_examples_by_id_and_npi(world, capsys):
    assert main(["import", "patients", str(EXAMPLES / "patients.csv"),
                 "--practice", str(world.a.id)]) == 0
    out = capsys.readouterr().out
    assert "Imported patients" in out and "patients.csv" in out
    assert m.Patient.unscoped.filter(practice=world.a).count() == 3
    assert main(["import", "coverages", str(EXAMPLES / "coverages.csv"),
                 "--practice", world.a.npi]) == 0
    assert main(["import", "sessions", str(EXAMPLES / "sessions.jsonl"),
                 "--practice", world.a.npi]) == 0
    assert m.ClinicalSession.unscoped.filter(practice=world.a).count() == 2
    assert m.Patient.unscoped.filter(practice=world.b).count() == 0


def test_dry_run_reports_and_writes_nothing(world, capsys):
    assert main(["import", "patients", str(EXAMPLES / "patients.csv"),
                 "--practice", str(world.a.id), "--dry-run"]) == 0
    assert "nothing was written" in capsys.readouterr().out
    assert m.Patient.unscoped.count() == 0


def test_rejected_file_prints_every_finding_and_exits_2(world, tmp_path, capsys):
    path = tmp_path / "patients.csv"
    lines = ["account_number,first_name,last_name,date_of_birth,sex"]
    lines += [f"A{i},Pat,Doe,1990-99-01,Z" for i in range(150)]
    path.write_text("\n".join(lines) + "\n")
    assert main(["import", "patients", str(path), "--practice", str(world.a.id)]) == 2
    err = capsys.readouterr().err
    assert "import rejected" in err
    assert "patients.csv row 2, field date_of_birth: expected a date YYYY-MM-DD" in err
    assert "patients.csv row 151, field sex" not in err  # beyond the first 200 findings
    assert "... and 100 more finding(s)" in err
    assert "1990-99-01" not in err
    assert m.Patient.unscoped.count() == 0


def test_bad_practice_and_missing_file_exit_2(world, tmp_path, capsys):
    assert main(["import", "patients", str(EXAMPLES / "patients.csv"),
                 "--practice", "999999"]) == 2
    assert "no practice" in capsys.readouterr().err
    assert main(["import", "patients", str(tmp_path / "nope.csv"),
                 "--practice", str(world.a.id)]) == 2
    assert "no such file" in capsys.readouterr().err


def test_format_flag_overrides_the_extension(world, tmp_path, capsys):
    path = tmp_path / "export.txt"
    path.write_bytes((EXAMPLES / "patients.csv").read_bytes())
    assert main(["import", "patients", str(path), "--practice", str(world.a.id)]) == 2
    assert "unknown file extension" in capsys.readouterr().err
    assert main(["import", "patients", str(path), "--practice", str(world.a.id),
                 "--format", "csv"]) == 0
