"""Killing `bhbilling remit import` mid-file leaves nothing posted (one transaction per file).

Runs the real command in a subprocess on a SQLite file, SIGKILLs it while it posts a large
835 (every claim unmatched, so each one still writes rows and a journal entry), then checks
the database holds no trace of the file, and that importing again posts it whole.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.unit.x12.remit835.make835 import PAYEE_NPI, RemitSpec, simple_claim, write_835

CLAIMS = 2500


def _cli(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bhbilling.entrypoints.cli.main", *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_kill_mid_import_leaves_nothing_then_a_rerun_posts_everything(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(BHBILLING_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="bhbilling.app.settings")
    for args in (["manage", "migrate", "--noinput", "-v", "0"],
                 ["demo", "--sessions", "0", "--patients", "3"]):
        done = _cli(args, env)
        assert done.wait(timeout=240) == 0, done.stderr.read()
    db = next(tmp_path.glob("*.sqlite3"))
    with sqlite3.connect(db) as con:
        con.execute("UPDATE billing_practice SET npi = ? WHERE id = (SELECT min(id) FROM "
                    "billing_practice)", (PAYEE_NPI,))
    era = tmp_path / "big.835"
    era.write_bytes(write_835([RemitSpec([simple_claim(f"UNKNOWN{i:05d}")
                                          for i in range(CLAIMS)])]))
    proc = _cli(["remit", "import", str(era)], env)
    time.sleep(3.0)  # start-up, reading and balancing take about a second; then it posts
    assert proc.poll() is None, "the import finished before it could be killed: enlarge CLAIMS"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert _count(db, "billing_remittancefile") == 0
    assert _count(db, "billing_claimpayment") == 0
    assert _count(db, "billing_journalentry") == 0
    rerun = _cli(["remit", "import", str(era)], env)
    assert rerun.wait(timeout=400) == 0, rerun.stderr.read()
    assert _count(db, "billing_claimpayment") == CLAIMS
    assert _count(db, "billing_remittancefile") == 1
