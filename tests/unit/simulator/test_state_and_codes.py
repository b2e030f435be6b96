"""The state file, the shipped code lists and the mix's dice.

Ring: simulator.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bhbilling.simulator import SimulatorState, StateError
from bhbilling.simulator.adjudication.mix import chance, roll
from bhbilling.simulator.code_lists import bundling_pairs, category_code, status_code


def test_state_round_trips_and_counts(tmp_path: Path):
    path = tmp_path / "state.json"
    state = SimulatorState.load(path)  # a missing file is the first run
    assert state.next("claim") == 1 and state.next("claim") == 2
    state.add_claim("ICN1", {"pcn": "C1", "payer": "P1", "status": "pending"})
    state.set_amount("forward_balances", "P1|N", Decimal("12.50"))
    state.save()
    again = SimulatorState.load(path)
    assert again.next("claim") == 3 and again.claims_for("P1", "C1")[0]["status"] == "pending"
    assert again.find_pcn("C1") == again.claims_for("P1", "C1")
    assert again.amount("forward_balances", "P1|N") == Decimal("12.50")
    assert not (tmp_path / "state.json.tmp").exists()


@pytest.mark.parametrize("text", ["not json", "[]", '{"format": 99}'])
def test_a_foreign_state_file_is_refused(tmp_path: Path, text: str):
    path = tmp_path / "state.json"
    path.write_text(text)
    with pytest.raises(StateError, match=r"state\.json"):
        SimulatorState.load(path)


def test_code_lists():
    assert category_code("A7").startswith("Acknowledgement/Rejected for Invalid Information")
    assert status_code("562").startswith("Entity's National Provider Identifier")
    with pytest.raises(KeyError):
        status_code("99999")
    with pytest.raises(KeyError):
        category_code("X0")  # deactivated in 2003
    pairs = {(p.column_1, p.bypassable) for p in bundling_pairs()["90834"]}
    assert ("90837", False) in pairs and ("90853", True) in pairs


def test_dice_are_fixed_by_seed_and_keys():
    assert roll(1, "late", "A") == roll(1, "late", "A")
    assert roll(1, "late", "A") != roll(2, "late", "A") and roll(1, "late", "A") != roll(1, "late", "B")
    assert 0 <= roll(5, "x") < 1
    assert not chance(Decimal(0), 1, "x", "A") and chance(Decimal(1), 1, "x", "A")
    share = sum(chance(Decimal("0.3"), 9, "p", str(n)) for n in range(2000)) / 2000
    assert 0.25 < share < 0.35
