"""``bhbilling x12 validate FILE [--json]``: check an X12 file and explain each error.

Issue 4: a biller (or a clearinghouse rejection) needs to know which segment and element is
wrong and what that means, not a 999 code. Exit 0 when the file is clean, 1 when it has
errors, 2 when it cannot be read (main turns the X12Error into one line and exit 2).
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.table import Table

from bhbilling.app.x12_validation import ValidationReport, validate_file
from bhbilling.entrypoints.cli.console import console, err_console
from bhbilling.kernel.findings import Finding
from bhbilling.x12.validation import explain, segment_id_of


def register(subparsers) -> None:
    p = subparsers.add_parser("x12", help="work with X12 EDI files (837P, 835, 999...)")
    sub = p.add_subparsers(dest="x12_command", metavar="ACTION")
    sub.required = True
    check = sub.add_parser("validate", help="check a file and explain each error in plain words "
                                            "(exit 1 on errors, 2 when unreadable)")
    check.add_argument("file", type=Path, help="an X12 interchange (ISA..IEA)")
    check.add_argument("--json", action="store_true", help="one JSON object per line")
    check.set_defaults(handler=validate)


def _row(finding: Finding) -> dict[str, object]:
    return {
        "file": finding.file,
        "segment_number": finding.segment if isinstance(finding.segment, int) else None,
        "segment": segment_id_of(finding) or None,
        "element": finding.field if finding.field and finding.field != segment_id_of(finding)
        else None,
        "code": finding.code,
        "problem": explain(finding),
        "severity": finding.severity,
    }


def _print_json(report: ValidationReport) -> None:
    for finding in report.findings:
        print(json.dumps(_row(finding)))
    print(json.dumps({"file": report.file, "summary": True, "ok": report.ok,
                      "errors": sum(f.is_error for f in report.findings),
                      "notes": list(report.notes)}))


def _print_table(report: ValidationReport) -> None:
    for note in report.notes:
        err_console.print(f"[yellow]note:[/] {note}")
    if report.ok:
        console.print(f"{report.file}: no errors")
        return
    table = Table(title=f"{report.file}: {len(report.findings)} error(s)", show_lines=True)
    table.add_column("Seg #", justify="right", no_wrap=True)
    table.add_column("Segment", no_wrap=True)
    table.add_column("Element", no_wrap=True)
    table.add_column("Problem")
    table.add_column("999 code", no_wrap=True)
    for finding in report.findings:
        row = _row(finding)
        table.add_row(*(str(row[k]) if row[k] is not None else "" for k in
                        ("segment_number", "segment", "element", "problem", "code")))
    console.print(table)


def validate(args) -> int:
    report = validate_file(args.file)
    if args.json:
        _print_json(report)
    else:
        _print_table(report)
    return 0 if report.ok else 1
