"""``bhbilling ar aging|follow-up|note`` as an operator runs them."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.entrypoints.cli.main import main
from tests.e2e.ar_world import ar_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tenant, monkeypatch, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return ar_world(tenant, monkeypatch)


def test_aging_json_for_one_practice_and_all(world, capsys):
    assert main(["ar", "aging", "--practice", str(world.practice.pk), "--json"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert (one["basis"], one["group"], one["practice_ids"]) == ("dos", "payer", [world.practice.pk])
    assert one["totals"]["total"]["amount"] == one["ledger_total"] == "670.00"
    assert {r["label"]: r["total"]["amount"] for r in one["rows"]} == {
        "Acme Health": "200.00", "Second Mutual": "250.00", "Third Trust": "200.00",
        "Patient responsibility": "20.00"}
    assert main(["ar", "aging", "--by", "practice", "--basis", "submission", "--json"]) == 0
    both = json.loads(capsys.readouterr().out)
    assert {r["label"]: r["total"]["amount"] for r in both["rows"]} == {
        "Practice A": "670.00", "Practice B": "180.00"}
    assert set(both["columns"][-1].values()) == {"not_submitted", "Not submitted"}


def test_aging_table(world, capsys):
    assert main(["ar", "aging", "--by", "provider"]) == 0
    out = capsys.readouterr().out
    assert "A/R aging on" in out and "120+" in out and "$850.00" in out
    assert "ledger A/R (1100 + 1200): $850.00; on claims $850.00; not on a claim $0.00" in out


def test_follow_up_and_inquiries(world, capsys):
    assert main(["ar", "follow-up", "--practice", str(world.practice.pk)]) == 0
    out = capsys.readouterr().out
    assert "2 claim(s) to follow up" in out and "$450.00 insurance A/R" in out
    assert out.index(world.waiting.patient_control_number) < out.index(world.denied.patient_control_number)
    assert main(["ar", "follow-up", "--send-inquiries"]) == 0
    out = capsys.readouterr().out
    assert "3 claim(s) to follow up" in out  # both practices
    assert "276 " in out and "2 claim(s) asked, delivered" in out  # the denied one is not asked
    asked = set(m.FollowUpNote.unscoped.filter(action="status inquiry (276)")
                .values_list("claim_id", flat=True))
    assert asked == {world.waiting.pk, world.other.pk}


def test_note(world, capsys):
    assert main(["ar", "note", world.denied.patient_control_number, "--text", "Called the payer",
                 "--action", "called payer", "--next", "2099-03-01"]) == 0
    assert f"note added to claim {world.denied.patient_control_number}; next action 2099-03-01" in \
        capsys.readouterr().out
    note = m.FollowUpNote.unscoped.get(claim=world.denied)
    assert (note.text, note.author_id, str(note.next_action_on)) == ("Called the payer", None, "2099-03-01")
    assert main(["ar", "note", "NOPE-1", "--text", "x"]) != 0
    assert "claim NOPE-1: no claim has that number or id" in capsys.readouterr().err
    assert main(["ar", "note", str(world.denied.pk), "--text", "x", "--next", "2000-01-01"]) != 0
    assert "next action date" in capsys.readouterr().err
    assert Decimal(m.FollowUpNote.unscoped.count()) == 1
