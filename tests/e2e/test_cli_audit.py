"""``bhbilling audit verify`` and ``bhbilling audit tail`` as an operator runs them."""

from __future__ import annotations

import pytest
from django.db import connection

from bhbilling.app import audit
from bhbilling.entrypoints.cli import audit as audit_cli
from bhbilling.entrypoints.cli.main import main
from tests import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(tenant):
    patient = b.patient(tenant.a, first_name="Quentin", last_name="Zybrowski", ssn="SENTINEL-c11")
    with audit.acting_as("job:cli-test"):
        for _ in range(4):
            audit.record("read", patient)
    return patient


def test_verify_prints_ok_with_the_event_count(trail, capsys):
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK")
    assert "5 events verified" in out  # the patient's create event plus four reads


def test_verify_shows_a_progress_bar_for_large_chains(trail, capsys, monkeypatch):
    monkeypatch.setattr(audit_cli, "PROGRESS_THRESHOLD", 2)
    assert main(["audit", "verify"]) == 0
    captured = capsys.readouterr()
    assert "Verifying audit chain" in captured.err
    assert "OK" in captured.out


def test_verify_lists_each_broken_link_and_exits_1(trail, capsys):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE billing_auditevent DISABLE TRIGGER "
                           "billing_auditevent_append_only")
        cursor.execute("UPDATE billing_auditevent SET actor = 'nobody' WHERE seq = 3")
        cursor.execute("DELETE FROM billing_auditevent WHERE seq = 5")
    assert main(["audit", "verify"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("BROKEN seq 3: ") and lines[0].endswith("[AUDIT-HASH-MISMATCH]")
    assert lines[1].startswith("BROKEN seq 5: ") and lines[1].endswith("[AUDIT-HEAD-MISMATCH]")
    assert lines[-1] == "FAILED: 2 problem(s) in 4 events"


def test_tail_prints_recent_events_without_phi(trail, capsys):
    assert main(["audit", "tail", "-n", "2"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines()[1:] if line.strip()]
    assert [row.split()[0] for row in rows] == ["4", "5"]
    assert "job:cli-test" in out and f"patient:{trail.pk}" in out
    for phi in ("Quentin", "Zybrowski", "SENTINEL"):
        assert phi not in out


def test_tail_refuses_a_zero_count(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["audit", "tail", "-n", "0"])
    assert exit_info.value.code == 2
    assert "at least 1" in capsys.readouterr().err


def test_tail_of_an_empty_trail_says_so(db, capsys):
    assert main(["audit", "tail"]) == 0
    assert "empty" in capsys.readouterr().out
