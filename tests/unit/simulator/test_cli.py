"""`bhbilling simulator run`: arguments, summary and exit codes.

Ring: entrypoints (the CLI module only; no database is touched by this command).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import pytest

from bhbilling.entrypoints.cli import simulator as cli
from tests.unit.simulator.builders import claim, file_837, subscriber

SRC = Path(__file__).resolve().parents[3] / "src"
EXAMPLE = SRC / "bhbilling" / "simulator" / "data" / "example_payerbook.toml"


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(["simulator", "run", *argv])


def _args(tmp: Path, *extra: str) -> argparse.Namespace:
    return _parse("--inbox", str(tmp / "in"), "--out", str(tmp / "out"), "--payerbook", str(EXAMPLE),
                  "--state", str(tmp / "state.json"), "--today", "2026-03-26", *extra)


def test_run_prints_a_json_summary_and_writes_answers(tmp_path: Path, capsys):
    (tmp_path / "in").mkdir()
    c = claim("CLI1", sub=subscriber("MEM000001", dob=dt.date(1980, 1, 2)))  # in the example book
    (tmp_path / "in" / "a.837").write_bytes(file_837(c))
    args = _args(tmp_path, "--json", "--seed", "3")
    assert args.handler(args) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["files_read"] == 1 and summary["seed"] == 3 and summary["today"] == "2026-03-26"
    assert {"a.837.999", "a.837.277ca"} <= set(summary["outputs"])
    assert (tmp_path / "out" / "a.837.999").exists() and (tmp_path / "state.json").exists()
    assert summary["claims_accepted"] == 1


def test_run_table_and_exit_1_on_a_problem_file(tmp_path: Path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "junk.txt").write_text("not x12")
    args = _args(tmp_path)
    assert args.handler(args) == 1
    out = capsys.readouterr()
    assert "payer simulator, 2026-03-26" in out.out and "problem junk.txt" in out.err


def test_bad_date_is_an_argument_error():
    with pytest.raises(SystemExit):
        _parse("--inbox", "i", "--out", "o", "--payerbook", "b", "--state", "s", "--today", "26/03/2026")
