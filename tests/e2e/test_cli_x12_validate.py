"""``bhbilling x12 validate FILE [--json]`` as a biller runs it on 837P files."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bhbilling.entrypoints.cli.main import main
from bhbilling.x12.claim837p import write_837p
from tests.unit.x12.samples_837p import sample_claims, sample_transactions

TEXT = write_837p(sample_transactions([claim for _, claim in sample_claims()]),
                  sender_id="NWB0001", receiver_id="EXCH01", interchange_control_number=7,
                  group_control_number=7, created=dt.datetime(2026, 3, 25, 9, 30), test=True)
SE_NUMBER = TEXT.split("~").index("SE*433*0001") + 1
SBR_NUMBER = [s.split("*")[0] for s in TEXT.split("~")].index("SBR") + 1


@pytest.fixture
def write(tmp_path):
    def _write(text: str, name: str = "claims.837"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)
    return _write


def test_a_valid_837p_exits_0_and_says_no_errors(write, capsys):
    assert main(["x12", "validate", write(TEXT)]) == 0
    captured = capsys.readouterr()
    assert "claims.837: no errors" in captured.out
    assert "pyx12" not in captured.err  # pyx12 ran (it is a dev dependency)


def test_a_wrong_se01_exits_1_naming_segment_number_and_element(write, capsys):
    assert main(["x12", "validate", write(TEXT.replace("SE*433*0001~", "SE*9*0001~"))]) == 1
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if f" {SE_NUMBER} " in line)
    assert "SE01" in row
    assert "999 IK502=4" in row
    assert "SE01 must count every segment" in out


def test_a_wrong_se01_as_json_lines(write, capsys):
    path = write(TEXT.replace("SE*433*0001~", "SE*9*0001~"))
    assert main(["x12", "validate", path, "--json"]) == 1
    first, summary = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert first["segment_number"] == SE_NUMBER
    assert (first["segment"], first["element"], first["code"]) == ("SE", "SE01", "999 IK502=4")
    assert "expected 433" in first["problem"]
    assert summary == {"file": "claims.837", "summary": True, "ok": False, "errors": 1,
                       "notes": []}


def test_a_bad_code_only_pyx12_knows_is_reported(write, capsys):
    """SBR01 'Q' is not a payer responsibility code (837P 2000B): envelopes are fine."""
    path = write(TEXT.replace("SBR*P*", "SBR*Q*", 1))
    assert main(["x12", "validate", path, "--json"]) == 1
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()][:-1]
    assert rows[0]["segment_number"] == SBR_NUMBER
    assert rows[0]["segment"] == "SBR"
    assert rows[0]["code"].startswith("999 IK304=")
    assert "SBR*Q" in rows[0]["problem"]
    assert "ERROR" not in captured.err  # pyx12's log lines are findings, not console noise


def test_a_missing_file_exits_2(tmp_path, capsys):
    assert main(["x12", "validate", str(tmp_path / "absent.837")]) == 2
    assert "cannot read the file" in capsys.readouterr().err


def test_without_pyx12_only_envelopes_are_checked_and_it_says_so(write, capsys, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pyx12(name, *args, **kwargs):
        if name.startswith("pyx12"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyx12)
    assert main(["x12", "validate", write(TEXT.replace("SBR*P*", "SBR*Q*", 1))]) == 0
    captured = capsys.readouterr()
    assert "pyx12 is not installed: only envelope checks were run" in captured.err
    assert "no errors" in captured.out


def test_a_bad_element_code_names_the_element_and_999_ik403(write, capsys):
    """NM102 '7' is no entity type (837P 2010AA): pyx12 flags the element, 999 IK403=7."""
    path = write(TEXT.replace("NM1*85*2*", "NM1*85*7*", 1))
    assert main(["x12", "validate", path, "--json"]) == 1
    (row, _summary) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (row["segment"], row["element"], row["code"]) == ("NM1", "NM102", "999 IK403=7")
    assert row["problem"].startswith("The value is not one of the codes the guide allows")
    assert row["segment_number"] == TEXT.split("~").index(
        next(s for s in TEXT.split("~") if s.startswith("NM1*85*2*"))) + 1
