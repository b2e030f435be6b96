"""PHI at rest and in logs, checked on a real SQLite database file written by the CLI.

The in-memory test database cannot show what reaches the disk, so this test runs the
``bhbilling`` command in a subprocess against a fresh file: migrate, seed a small demo,
import a patient with a distinctive SSN and date of birth, then read the raw bytes of the
database file (and any journal beside it) and everything the commands printed or logged at
DEBUG level. HIPAA 45 CFR 164.312(a)(2)(iv) (encryption at rest).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SSN_DIGITS = "412557316"
DOB = "1961-07-23"
LAST_NAME = "Quillfeather"


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bhbilling.entrypoints.cli.main", *args],
        env=env, capture_output=True, text=True, timeout=240, check=False,
    )


def test_ssn_and_dob_never_reach_the_file_or_the_logs(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(BHBILLING_DATA_DIR=str(tmp_path), BHBILLING_LOG_LEVEL="DEBUG",
               DJANGO_SETTINGS_MODULE="bhbilling.app.settings")
    csv_file = tmp_path / "patients.csv"
    csv_file.write_text(
        "account_number,first_name,last_name,date_of_birth,sex,ssn\n"
        f"Z9001,Orla,{LAST_NAME},{DOB},F,412-55-7316\n",
        encoding="utf-8",
    )
    outputs = []
    for args in (["manage", "migrate", "--noinput"],
                 ["demo", "--patients", "4", "--sessions", "10"],
                 ["import", "patients", str(csv_file), "--practice", "1"]):
        done = run(args, env)
        assert done.returncode == 0, (args, done.stderr[-2000:])
        outputs.append(done.stdout + done.stderr)

    db_files = sorted(tmp_path.glob("bhbilling.sqlite3*"))
    assert db_files, "the database file was not written"
    raw = b"".join(p.read_bytes() for p in db_files)
    assert LAST_NAME.encode() in raw  # the import really landed in this file
    assert SSN_DIGITS.encode() not in raw
    assert b"412-55-7316" not in raw
    assert DOB.encode() not in raw

    printed = "\n".join(outputs)
    for secret in (SSN_DIGITS, "412-55-7316", DOB, LAST_NAME):
        assert secret not in printed
