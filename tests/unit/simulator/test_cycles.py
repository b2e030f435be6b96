"""Whole cycles over the 35 varied sample claims: every file valid, read back, balanced,
and runs deterministic for a seed.

Ring: simulator. pyx12 checks every 999 (999.5010X231.A1), 277CA (277.5010.X214) and 835
(835.5010.X221.A1) with zero errors; our readers read each back; the 835s balance.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from bhbilling.simulator.state import SimulatorState
from bhbilling.x12.ack999 import read_999
from bhbilling.x12.status277 import read_277
from tests.unit.simulator.builders import book_for, outputs, run
from tests.unit.simulator.remits import remittances
from tests.unit.x12.pyx12check import pyx12_errors
from tests.unit.x12.samples_837p import sample_claims, sample_transactions, write_samples

CLAIMS = [c for _, c in sample_claims()]
PLAN = {"deductible": "100.00", "copay": "20.00", "coinsurance": "0.20", "oop_max": "2000.00",
        "visit_limit": 40}
MIX = {"medical_necessity": "0.1", "documentation_request": "0.1", "late_payment": "0.3", "reversal": "0.4",
       "recoupment": "0.4"}
DAYS = (dt.date(2026, 3, 26), dt.date(2026, 4, 20), dt.date(2026, 5, 10), dt.date(2026, 6, 15))


def _cycles(tmp: Path, seed: int = 11) -> list:
    book = book_for(*CLAIMS, plan=PLAN, mix=MIX, rules={p: {"adjudication_delay_days": 14}
                                                        for p in ("CHP123", "OMAP01", "MCRB01")})
    data = write_samples(sample_transactions(CLAIMS)).encode()
    return [run(tmp, book, *([data] if n == 0 else []), today=day, seed=seed) for n, day in enumerate(DAYS)]


def test_every_file_is_valid_and_read_back(tmp_path: Path):
    summaries = _cycles(tmp_path)
    first = summaries[0]
    ack, = read_999(outputs(tmp_path, first, ".999")[0])
    assert ack.status == "A" and pyx12_errors(outputs(tmp_path, first, ".999")[0].read_text()) == []
    ca_file, = outputs(tmp_path, first, ".277ca")
    assert pyx12_errors(ca_file.read_text()) == []
    acks = [c for r in read_277(ca_file) for c in r.claims]
    sent = sum(len(g.claims) for tx in sample_transactions(CLAIMS) for g in tx.billing_groups)
    assert len(acks) == sent == first.claims_accepted + first.claims_rejected  # CLM00001 is sent twice
    assert {c.patient_control_number for c in acks} == {c.patient_control_number for c in CLAIMS}
    remits = [r for s in summaries for r in remittances(tmp_path, s)]  # pyx12-clean and balanced
    paid_pcns = {c.patient_control_number for r in remits for c in r.claims}
    accepted = {c.patient_control_number for c in acks if c.accepted}
    assert paid_pcns == accepted
    statuses = {c.status for r in remits for c in r.claims}
    assert {"1", "2", "22"} <= statuses
    reasons = {p.reason for r in remits for p in r.provider_adjustments}
    assert {"L6", "WO"} <= reasons
    assert sum(s.reversals for s in summaries) > 0 and sum(s.recoupments for s in summaries) > 0
    state = SimulatorState.load(tmp_path / "state.json")
    assert not [r for r in state.claims.values() if r["status"] == "pending"]


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_inputs_byte_identical(tmp_path: Path):
    _cycles(tmp_path / "a")
    _cycles(tmp_path / "b")
    a, b = _digest(tmp_path / "a" / "out"), _digest(tmp_path / "b" / "out")
    assert a == b and len(a) >= 6
    assert (tmp_path / "a" / "state.json").read_bytes() == (tmp_path / "b" / "state.json").read_bytes()


def test_another_seed_changes_the_mix(tmp_path: Path):
    _cycles(tmp_path / "a", seed=11)
    _cycles(tmp_path / "b", seed=12)
    assert _digest(tmp_path / "a" / "out") != _digest(tmp_path / "b" / "out")
