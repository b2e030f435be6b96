"""``bhbilling scrub`` over the database and over JSON Lines snapshots."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bhbilling.app import models as m
from bhbilling.entrypoints.cli.main import main
from tests.e2e.scrub_world import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenant, monkeypatch):
    return make_world(tenant, monkeypatch)


def test_json_summary_results_and_stored_runs(world, capsys):
    assert main(["scrub", "--practice", str(world.tenant.a.pk), "--json"]) == 1  # one claim blocked
    out = json.loads(capsys.readouterr().out)
    summary = out["summary"]
    assert (summary["claims"], summary["clean"], summary["ready"]) == (2, 1, 1)
    assert summary["clean_rate"] == "0.5000" and summary["by_category"] == {"deadlines": 1}
    results = {r["claim_id"]: r for r in out["results"]}
    late = results[world.late.patient_control_number]
    assert late["ready"] is False and late["practice_id"] == world.tenant.a.pk
    [finding] = late["findings"]
    assert finding["rule"] == "TF-001" and finding["fix"].startswith("submit only with proof")
    assert results[world.clean.patient_control_number]["findings"] == []
    assert m.ScrubRun.unscoped.filter(practice=world.tenant.a).count() == 2


def test_table_output_and_blocked_claims_on_stderr(world, capsys):
    assert main(["scrub"]) == 1  # every active practice (B has no claims)
    captured = capsys.readouterr()
    assert "2 claim(s) scrubbed: 1 clean (50.00 %), 1 ready (50.00 %)" in captured.out
    assert "Findings by category" in captured.out and "TF-001" in captured.out
    assert f"{world.late.patient_control_number}: TF-001: filing limit 180 days" in captured.err


def test_dry_run_stores_nothing(world, capsys):
    assert main(["scrub", "--practice", str(world.tenant.a.pk), "--dry-run", "--json"]) == 1
    assert m.ScrubRun.unscoped.count() == 0


def test_exported_snapshots_scrub_the_same_without_a_database(world, tmp_path, capsys):
    export = tmp_path / "claims.jsonl"
    main(["scrub", "--practice", str(world.tenant.a.pk), "--json", "--export", str(export)])
    from_db = {r["claim_id"]: r["findings"] for r in json.loads(capsys.readouterr().out)["results"]}
    text = export.read_text(encoding="utf-8")
    assert len(text.splitlines()) == 2 and "Rivera" not in text and "MEM" not in text  # no PHI
    with CaptureQueriesContext(connection) as queries:
        assert main(["scrub", "--snapshots", str(export), "--json"]) == 1
    assert len(queries.captured_queries) == 0
    from_file = {r["claim_id"]: r["findings"] for r in json.loads(capsys.readouterr().out)["results"]}
    assert from_file == from_db


def test_a_bad_snapshot_line_names_file_line_and_field(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('\n{"claim_id": "C1", "as_of": "2026-06-25", "lines": [{"charge": 1.234}]}\n')
    assert main(["scrub", "--snapshots", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl line 2, field" in err
    assert main(["scrub", "--snapshots", str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read the snapshot file" in capsys.readouterr().err
