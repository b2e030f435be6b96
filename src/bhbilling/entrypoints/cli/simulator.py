"""``bhbilling simulator run``: the payer/clearinghouse simulator over a folder inbox.

``simulator run --inbox DIR --out DIR --payerbook FILE --state FILE [--seed N]
[--today YYYY-MM-DD] [--json]`` reads every file of the inbox (837P, 276, 270), writes
the answers (999, 277CA, 835, 277, 271) to the out folder and keeps the payers' memory
in the state file. A progress bar follows the inbox; a summary table (or one JSON
document) says what happened. Exit 1 when a file could not be used, 2 on bad arguments,
an unreadable payer book or state file. `--today` defaults to the system date: the
simulator itself never reads the clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from rich.table import Table

from bhbilling.entrypoints.cli.console import console, err_console, progress
from bhbilling.kernel.errors import BhBillingError


def register(sub) -> None:
    p = sub.add_parser("simulator", help="the payer and clearinghouse simulator")
    actions = p.add_subparsers(dest="simulator_action", metavar="ACTION", required=True)
    run = actions.add_parser("run", help="answer the inbox's 837P/276/270 files as payers would")
    run.add_argument("--inbox", required=True, type=Path, metavar="DIR")
    run.add_argument("--out", required=True, type=Path, metavar="DIR")
    run.add_argument("--payerbook", required=True, type=Path, metavar="FILE",
                     help="the payers' records (TOML or JSON; see simulator/data/example_payerbook.toml)")
    run.add_argument("--state", required=True, type=Path, metavar="FILE",
                     help="the simulator's memory (JSON)")
    run.add_argument("--seed", type=int, help="seed of the denial mix (default: the payer book's)")
    run.add_argument("--today", type=_date, help="the run's date, YYYY-MM-DD (default: today)")
    run.add_argument("--json", action="store_true", help="print the summary as one JSON document")
    run.set_defaults(handler=handle_run)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def handle_run(args: argparse.Namespace) -> int:
    from bhbilling.simulator import load_payerbook, run_cycle

    if not args.inbox.is_dir():
        raise BhBillingError(f"{args.inbox}: the inbox is not a folder")
    files = sorted(p for p in args.inbox.iterdir() if p.is_file() and not p.name.startswith("."))
    book = load_payerbook(args.payerbook)
    today = args.today or dt.datetime.now().astimezone().date()  # the CLI is where the clock is read
    with progress() as bar:
        task = bar.add_task("answering the inbox", total=len(files))
        summary = run_cycle(files, book, args.state, args.out, args.seed, today,
                            on_file=lambda _name: bar.advance(task))
    if args.json:
        sys.stdout.write(json.dumps(summary.to_dict(), indent=2, sort_keys=True) + "\n")
    else:
        _table(summary)
    for name, why in summary.problems:
        err_console.print(f"problem {name}: {why}", markup=False, highlight=False)
    return 1 if summary.problems else 0


def _table(s) -> None:
    table = Table(title=f"payer simulator, {s.today.isoformat()} (seed {s.seed})", show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
    for label, value in (
        ("files read", s.files_read), ("files or sets with problems", len(s.problems)),
        ("transaction sets accepted (999)", s.sets_accepted), ("transaction sets rejected (999)",
                                                               s.sets_rejected),
        ("claims accepted (277CA)", s.claims_accepted), ("claims rejected (277CA)", s.claims_rejected),
        ("claims adjudicated", s.claims_adjudicated), ("paid in full", s.claims_paid),
        ("partly paid", s.claims_partly_paid), ("denied", s.claims_denied),
        ("still pending at the payers", s.claims_pending), ("reversals", s.reversals),
        ("recoupments", s.recoupments), ("charged", f"${s.charged:,.2f}"), ("paid (EFT)", f"${s.paid:,.2f}"),
        ("patient responsibility", f"${s.patient_responsibility:,.2f}"), ("interest", f"${s.interest:,.2f}"),
        ("claim status answers (277)", s.status_answers), ("eligibility answers (271)",
                                                           s.eligibility_answers),
    ):
        table.add_row(label, str(value))
    console.print(table)
    if s.denial_reasons:
        reasons = Table(title="denials and rejections")
        reasons.add_column("reason")
        reasons.add_column("count", justify="right")
        for reason, count in sorted(s.denial_reasons.items()):
            reasons.add_row(reason, str(count))
        console.print(reasons)
    console.print(f"{len(s.outputs)} file(s) written: " + ", ".join(s.outputs), highlight=False)
