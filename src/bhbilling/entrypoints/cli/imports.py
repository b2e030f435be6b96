"""``bhbilling import patients|coverages|sessions FILE --practice ID_OR_NPI``.

Looks the practice up by id or type-2 NPI (``Practice.unscoped``: the CLI runs as an
operator, before any tenant is chosen), then runs the import inside that practice's scope.
A rejected file prints every finding (the first 200, then a count) to stderr and exits 2;
nothing is written. ``--dry-run`` validates and resolves without writing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.table import Table

from bhbilling.entrypoints.cli.console import console, err_console, progress
from bhbilling.kernel.errors import BhBillingError, ImportRejected

SHOWN_FINDINGS = 200


def register(sub) -> None:
    p = sub.add_parser("import", help="import patients, coverages or sessions from an EHR export",
                       description="Import a CSV or JSON Lines file; see docs/import-formats.md.")
    p.add_argument("kind", choices=["patients", "coverages", "sessions"])
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--practice", required=True, metavar="ID_OR_NPI",
                   help="the practice's id or its type-2 NPI")
    p.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    p.add_argument("--format", dest="fmt", choices=["csv", "jsonl"], default=None,
                   help="file format (default: from the extension .csv, .jsonl or .ndjson)")
    p.set_defaults(handler=handle)


def find_practice(ref: str):
    """The practice whose id or NPI is `ref`; an NPI shared across companies is ambiguous."""
    from bhbilling.app.models import Practice

    ref = ref.strip()
    if len(ref) == 10 and ref.isdigit():
        matches = list(Practice.unscoped.filter(npi=ref)[:2])
    elif ref.isdigit():
        matches = list(Practice.unscoped.filter(pk=int(ref)))
    else:
        raise BhBillingError(f"--practice {ref!r}: expected a practice id or a 10-digit NPI")
    if len(matches) != 1:
        what = "no practice" if not matches else "more than one practice"
        raise BhBillingError(f"--practice {ref}: {what} has that id or NPI")
    return matches[0]


def handle(args: argparse.Namespace) -> int:
    from bhbilling.app.imports import import_file
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    if not args.file.is_file():
        raise BhBillingError(f"{args.file.name}: no such file")
    with progress(transient=True) as bar, scoped_to(practice.company_id, practice.id):
        task = bar.add_task(f"{args.kind}: reading", total=None)

        def report(stage: str, done: int, total: int) -> None:
            bar.update(task, description=f"{args.kind}: {stage}", completed=done, total=total)

        try:
            result = import_file(args.kind, args.file, practice_id=practice.id,
                                 actor="cli:import", dry_run=args.dry_run, fmt=args.fmt,
                                 progress=report)
        except ImportRejected as rejected:
            bar.stop()
            _print_rejection(rejected)
            return 2
    _print_summary(result, practice)
    return 0


def _print_rejection(rejected: ImportRejected) -> None:
    print(rejected.args[0] if rejected.args else "import rejected", file=sys.stderr)
    for finding in rejected.findings[:SHOWN_FINDINGS]:
        print(f"  {finding.severity}: {finding}", file=sys.stderr)
    hidden = len(rejected.findings) - SHOWN_FINDINGS
    if hidden > 0:
        print(f"  ... and {hidden} more finding(s)", file=sys.stderr)


def _print_summary(result, practice) -> None:
    for finding in result.findings:
        err_console.print(f"{finding.severity}: {finding}", markup=False, highlight=False)
    title = f"{'Dry run' if result.dry_run else 'Imported'} {result.kind} into {practice.name}"
    table = Table(title=title)
    for col in ("file", "rows", "created", "updated", "unchanged", "sha-256"):
        table.add_column(col, justify="right" if col in {"rows", "created", "updated",
                                                           "unchanged"} else "left")
    table.add_row(result.file, str(result.rows), str(result.created), str(result.updated),
                  str(result.unchanged), result.file_sha256[:16])
    console.print(table)
    if result.dry_run:
        console.print("Dry run: nothing was written.")
