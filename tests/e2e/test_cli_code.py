"""`bhbilling code`: a what-if over an EHR export (writes nothing) and batch proposals."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bhbilling.app import models as m
from bhbilling.entrypoints.cli.main import main
from tests import builders as b

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.fixture
def world(tenant, capsys):
    b.payer(tenant.company, payer_id="60054")
    b.payer(tenant.company, payer_id="87726", kind="medicaid")
    b.provider(tenant.a, npi="1234567893")
    b.provider(tenant.a, npi="1987654328")
    b.location(tenant.a, name="Main office")
    for kind, file in (("patients", "patients.csv"), ("coverages", "coverages.csv")):
        assert main(["import", kind, str(EXAMPLES / file), "--practice", str(tenant.a.id)]) == 0
    capsys.readouterr()
    return tenant


def test_examples_give_one_json_line_per_session_and_write_nothing(world, capsys):
    audit_before = m.AuditEvent.objects.count()
    assert main(["code", str(EXAMPLES / "sessions.jsonl"), "--practice", world.a.npi,
                 "--json"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    rows = [json.loads(line) for line in out]
    assert [r["external_id"] for r in rows] == ["EHR-6001", "EHR-6002"]
    first = rows[0]
    assert first["payer_profile"] == "commercial-default"
    assert [ln["code"] for ln in first["lines"]] == ["90837"]  # 55 minutes of psychotherapy
    assert all(note["rule"] for note in first["reasons"])
    assert {"lines", "reasons", "warnings"} <= rows[1].keys()
    assert m.ClinicalSession.unscoped.count() == 0
    assert m.CodingDecision.unscoped.count() == 0
    assert m.AuditEvent.objects.count() == audit_before


def test_table_output(world, capsys):
    assert main(["code", str(EXAMPLES / "sessions.jsonl"), "--practice", str(world.a.id)]) == 0
    out = capsys.readouterr().out
    assert "EHR-6001" in out and "90837" in out


def test_bad_rows_are_findings_and_exit_2(world, tmp_path, capsys):
    bad = tmp_path / "sessions.jsonl"
    bad.write_text(json.dumps({"external_id": "X1", "account_number": "NOPE",
                               "provider_npi": "1234567893", "date_of_service": "2026-13-01",
                               "service_type": "psychotherapy", "diagnoses": ["F41.1"]}) + "\n"
                   + json.dumps({"external_id": "X2", "account_number": "NOPE",
                                 "provider_npi": "1234567893", "date_of_service": "2026-03-01",
                                 "service_type": "psychotherapy", "diagnoses": ["F41.1"]}) + "\n")
    assert main(["code", str(bad), "--practice", str(world.a.id), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "row 1, field date_of_service" in captured.err


def test_unknown_patient_is_a_finding(world, tmp_path, capsys):
    bad = tmp_path / "sessions.jsonl"
    bad.write_text(json.dumps({"external_id": "X2", "account_number": "NOPE",
                               "provider_npi": "1234567893", "date_of_service": "2026-03-01",
                               "service_type": "psychotherapy", "diagnoses": ["F41.1"]}) + "\n")
    assert main(["code", str(bad), "--practice", str(world.a.id)]) == 2
    assert "field account_number" in capsys.readouterr().err


def test_sessions_mode_stores_proposals_in_the_date_range(tenant, capsys):
    provider = b.provider(tenant.a)
    patient = b.patient(tenant.a)
    inside = b.session(patient, provider, date_of_service=dt.date(2026, 3, 2))
    b.session(patient, provider, date_of_service=dt.date(2026, 4, 2))
    b.session(b.patient(tenant.b), b.provider(tenant.b), date_of_service=dt.date(2026, 3, 2))
    assert main(["code", "--sessions", "--practice", str(tenant.a.id),
                 "--from", "2026-03-01", "--to", "2026-03-31"]) == 0
    assert "Proposed coding for 1 session(s)" in capsys.readouterr().out
    decision = m.CodingDecision.unscoped.get()
    assert decision.session == inside and decision.status == "proposed"


def test_file_and_sessions_together_is_refused(tenant, capsys):
    assert main(["code", "x.jsonl", "--sessions", "--practice", str(tenant.a.id)]) == 2
