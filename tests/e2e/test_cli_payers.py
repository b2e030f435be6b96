"""``bhbilling payers list`` and ``bhbilling payers check FILE`` as a biller runs them."""

from __future__ import annotations

from bhbilling.entrypoints.cli.main import main

GOOD = '''schema = 1
name = "acme"
label = "Acme Health"
payer_kind = "commercial"

[[version]]
version = "2026"
effective_from = 2026-01-01

[version.telehealth]
video_modifiers = ["GT"]
'''


def test_list_shows_each_profile_with_versions_and_dates(capsys):
    assert main(["payers", "list"]) == 0
    out = capsys.readouterr().out
    assert "medicare  (Medicare Part B; medicare)" in out
    assert "version 2023: 2023-01-01 .. 2023-12-31" in out
    assert "version 2024: 2024-01-01 .. open-ended" in out
    for name in ("medicaid-example", "medicaid-mco-example", "commercial-default",
                 "commercial-gt-02", "commercial-95-pos11", "self-pay"):
        assert any(line.startswith(f"{name}  (") for line in out.splitlines())


def test_list_includes_configured_directories(tmp_path, settings, capsys):
    (tmp_path / "acme.toml").write_text(GOOD, encoding="utf-8")
    settings.BHBILLING_PAYER_PROFILE_DIRS = [tmp_path]
    assert main(["payers", "list"]) == 0
    assert f"acme  (Acme Health; commercial)  {tmp_path / 'acme.toml'}" in capsys.readouterr().out


def test_check_prints_ok_for_a_good_file(tmp_path, capsys):
    path = tmp_path / "acme.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["payers", "check", str(path)]) == 0
    assert capsys.readouterr().out == f"OK {path}: 1 version(s)\n"


def test_check_lists_each_error_and_exits_2(tmp_path, capsys):
    path = tmp_path / "acme.toml"
    path.write_text(GOOD.replace('["GT"]', '["gt"]').replace("2026-01-01", '"2026-01-01"'),
                    encoding="utf-8")
    assert main(["payers", "check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"{path}: version[1].effective_from: expected a TOML date such as 2026-01-01 "
        "(no quotes), got string '2026-01-01'",
        f"{path}: version[1].telehealth.video_modifiers[0]: expected a two-character "
        "modifier such as \"95\" or \"HO\", got string 'gt'",
    ]
    assert "2 problem(s)" in captured.err


def test_check_of_a_missing_file_exits_2(tmp_path, capsys):
    assert main(["payers", "check", str(tmp_path / "none.toml")]) == 2
    assert "cannot read payer profile" in capsys.readouterr().out


def test_list_reports_a_broken_dropped_file_and_exits_2(tmp_path, settings, capsys):
    (tmp_path / "broken.toml").write_text("name = \n", encoding="utf-8")
    settings.BHBILLING_PAYER_PROFILE_DIRS = [tmp_path]
    assert main(["payers", "list"]) == 2
    captured = capsys.readouterr()
    assert "broken: ERROR" in captured.err and "not valid TOML" in captured.err
    assert "medicare  (" in captured.out
