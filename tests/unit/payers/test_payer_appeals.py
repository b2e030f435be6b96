"""The [appeals] table of payer profiles: first-level appeal windows (reference §8.2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bhbilling.domain.denials import AppealWindow
from bhbilling.payers import ProfileError, appeal_window_for, check_file, load_profile_file

BASE = '''schema = 1
name = "{name}"
label = "Test plan"
payer_kind = "commercial"
{appeals}
[[version]]
version = "2026"
effective_from = 2026-01-01
'''


def write(directory: Path, name: str, appeals: str) -> Path:
    path = directory / f"{name}.toml"
    path.write_text(BASE.format(name=name, appeals=appeals), encoding="utf-8")
    return path


@pytest.mark.parametrize("name, days, receipt", [
    ("medicare", 120, 5), ("commercial-default", 90, 0), ("commercial-gt-02", 90, 0),
    ("commercial-95-pos11", 90, 0), ("medicaid-example", 60, 0), ("medicaid-mco-example", 60, 0),
])
def test_shipped_windows(name, days, receipt):
    window = appeal_window_for(name)
    assert (window.days, window.receipt_days) == (days, receipt)
    assert window.basis


def test_medicare_is_a_redetermination_and_self_pay_has_no_window():
    assert appeal_window_for("medicare").level == "redetermination"
    assert appeal_window_for("self-pay") is None


def test_a_local_profile_sets_its_own_window(tmp_path):
    path = write(tmp_path, "acme", '[appeals]\nappeal_days = 180\nreceipt_days = 3\n')
    assert load_profile_file(path).appeals == AppealWindow(days=180, receipt_days=3)
    assert appeal_window_for("acme", [tmp_path]).days == 180


@pytest.mark.parametrize("table, key, expected", [
    ('[appeals]\nreceipt_days = 5\n', "appeals.appeal_days", "missing"),
    ('[appeals]\nappeal_days = 0\n', "appeals.appeal_days", "at least 1"),
    ('[appeals]\nappeal_days = "90"\n', "appeals.appeal_days", "whole number"),
    ('[appeals]\nappeal_days = 90\nreceipt_days = -2\n', "appeals.receipt_days", "0 or more"),
    ('[appeals]\nappeal_days = 90\ndays = 3\n', "appeals.days", "unknown key"),
])
def test_bad_values_are_reported_with_their_key(tmp_path, table, key, expected):
    problems = check_file(write(tmp_path, "bad", table))
    assert [p.key for p in problems] == [key]
    assert expected in problems[0].expected
    with pytest.raises(ProfileError, match=key.replace(".", r"\.")):
        load_profile_file(tmp_path / "bad.toml")
