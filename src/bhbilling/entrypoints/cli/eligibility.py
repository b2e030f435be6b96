"""``bhbilling eligibility``: read 271 answers, ask with 270s, record answers.

- ``eligibility show FILE [--json] [--on DATE]``: the mental-health benefit summary of
  every patient in any 271 file, as of DATE (default today). Writes nothing. A file that
  is not a readable 271 exits 2 with the file, segment and element at fault.
- ``eligibility run [--practice P] [--days N] [--on DATE] [--out DIR] [--test|--production]``:
  one 270 file per practice asking about every patient with a session scheduled in the
  next N days (default 7), with a progress bar; the file goes to DIR (default: the
  current directory). Patients with nothing to ask (self-pay) are listed.
- ``eligibility import FILE... --practice P [--on DATE]``: records each 271 (summary and
  raw file) under the patients it answers for; exit 1 when some answer matched no patient.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone
from rich.table import Table

from bhbilling.entrypoints.cli.console import console, err_console, progress
from bhbilling.entrypoints.cli.imports import find_practice
from bhbilling.kernel.errors import BhBillingError

ACTOR = "cli:eligibility"


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: expected a date YYYY-MM-DD") from None


def register(sub) -> None:
    p = sub.add_parser("eligibility", help="270/271: benefit summaries, batch checks, answers")
    actions = p.add_subparsers(dest="eligibility_action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="the mental-health benefit summary of a 271 (writes nothing)")
    show.add_argument("file", type=Path, metavar="FILE")
    show.add_argument("--json", action="store_true", help="one JSON document")
    show.add_argument("--on", type=_date, metavar="DATE", help="coverage as of (default today)")
    show.set_defaults(handler=handle_show)
    run = actions.add_parser("run", help="270s for the sessions scheduled in the next N days")
    run.add_argument("--practice", metavar="ID_OR_NPI", help="one practice (default: every active one)")
    run.add_argument("--days", type=int, default=7, metavar="N", help="days ahead (default 7)")
    run.add_argument("--on", type=_date, metavar="DATE", help="first day (default today)")
    run.add_argument("--out", type=Path, default=Path("."), metavar="DIR",
                     help="where to write the 270 files (default: current directory)")
    usage = run.add_mutually_exclusive_group()
    usage.add_argument("--test", dest="usage", action="store_const", const="T", help="ISA15 T")
    usage.add_argument("--production", dest="usage", action="store_const", const="P", help="ISA15 P")
    run.set_defaults(handler=handle_run)
    imp = actions.add_parser("import", help="record 271 answers for the practice's patients")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--practice", required=True, metavar="ID_OR_NPI")
    imp.add_argument("--on", type=_date, metavar="DATE", help="the date asked about (default today)")
    imp.set_defaults(handler=handle_import)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BhBillingError(f"{path.name}: cannot read the file ({exc.strerror})") from None


def _today() -> dt.date:
    return timezone.localdate()


def handle_show(args: argparse.Namespace) -> int:
    from bhbilling.domain.eligibility import summary_to_dict
    from bhbilling.interchange.eligibility import summarize_271

    data = _read(args.file)
    summaries = [summary_to_dict(s) for s in
                 summarize_271(data, on=args.on or _today(), file_name=args.file.name)]
    if args.json:
        sys.stdout.write(json.dumps({"file": args.file.name, "summaries": summaries},
                                    indent=2, sort_keys=True) + "\n")
        return 0
    for doc in summaries:
        _print_summary(doc)
    return 0


def _money(value: Any) -> str:
    return "-" if value in (None, "") else f"${value}"


def _acc(acc: dict | None) -> str:
    if not acc:
        return "-"
    left = f", {_money(acc['remaining'])} left" if acc.get("remaining") is not None else ""
    return f"{_money(acc.get('amount'))}{left}" + (" (met)" if acc.get("met") else "")


def _pct(value: Any) -> str:
    if value in (None, ""):
        return "-"
    return f"{(Decimal(value) * 100).normalize():f}%"


def _print_summary(d: dict) -> None:
    who = f"{d['member_name'] or 'no member named'} ({d['level'] or 'request'}) {d['member_id']}".strip()
    dates = (f"{d['coverage_start'] or '?'} to {d['coverage_end'] or 'open'}"
             if d["coverage_start"] or d["coverage_end"] else "dates not given")
    console.print(f"[bold]{who}[/bold] · {d['payer_name']} {d['payer_id']} · status "
                  f"[bold]{d['status']}[/bold] on {d['checked_on']}", highlight=False)
    console.print(f"  plan {d['plan_name'] or '-'} · group {d['group_number'] or '-'} · coverage "
                  f"{dates} · benefits from {d['basis'].replace('_', ' ')} "
                  f"{' '.join(d['basis_service_types'])}", highlight=False, markup=False)
    table = Table(show_header=True)
    for col in ("", "copay", "coinsurance", "deductible", "out-of-pocket"):
        table.add_column(col)
    for label, key in (("in network", "in_network"), ("out of network", "out_of_network")):
        c = d[key]
        table.add_row(label, _money(c["copay"]), _pct(c["coinsurance"]), _acc(c["deductible"]),
                      _acc(c["out_of_pocket"]))
    console.print(table)
    v = d["visit_limit"]
    if v:
        console.print(f"  visits: {v['limit'] if v['limit'] is not None else '?'} per "
                      f"{v['period'] or 'period'}, {v['used'] if v['used'] is not None else '?'} used, "
                      f"{v['remaining'] if v['remaining'] is not None else '?'} left",
                      highlight=False, markup=False)
    auth = {True: "yes", False: "no", None: "not stated"}[d["authorization_required"]]
    console.print(f"  authorization required: {auth}", highlight=False)
    for p in d["other_payers"]:
        tag = "behavioral-health carve-out" if p["behavioral_health"] else p["role"]
        console.print(f"  {tag}: {p['name']} {p['id']} {p['phone']}".rstrip(), highlight=False,
                      markup=False)
    for note in d["telehealth_notes"]:
        console.print(f"  telehealth: {note}", highlight=False, markup=False)
    for msg in d["messages"]:
        console.print(f"  payer says: {msg}", highlight=False, markup=False)
    for r in d["rejections"]:
        console.print(f"  [red]refused[/red] AAA {r['code']} ({r['reason']}): {r['action']}",
                      highlight=False)
    for note in d["notes"]:
        console.print(f"  note: {note}", style="dim", highlight=False, markup=False)


def _practices(ref: str | None):
    from bhbilling.app.models import Practice

    if ref:
        return [find_practice(ref)]
    return list(Practice.unscoped.filter(active=True).order_by("id"))


def handle_run(args: argparse.Namespace) -> int:
    from bhbilling.app.eligibility.inquiries import run_inquiries
    from bhbilling.app.tenancy import scoped_to

    on = args.on or _today()
    args.out.mkdir(parents=True, exist_ok=True)
    table = Table(title=f"270 inquiries for sessions {on} to {on + dt.timedelta(days=max(args.days, 0))}")
    for col in ("practice", "sessions", "patients asked", "payers", "file", "skipped"):
        table.add_column(col)
    skipped: list[str] = []
    with progress() as bar:
        for practice in _practices(args.practice):
            task = bar.add_task(f"270 · {practice.name}", total=None)
            with scoped_to(practice.company_id, practice.pk):
                run = run_inquiries(practice, on=on, days=args.days, now=timezone.now(),
                                    actor=ACTOR, usage=args.usage,
                                    progress=lambda done, total, t=task: bar.update(
                                        t, completed=done, total=total))
            bar.update(task, total=1, completed=1)
            name = "-"
            if run.file is not None:
                (args.out / run.file.file_name).write_text(run.file.content, encoding="ascii")
                name = run.file.file_name
            table.add_row(practice.name, str(run.sessions), str(run.file.inquiries if run.file else 0),
                          str(run.file.payers if run.file else 0), name, str(len(run.skipped)))
            skipped += [f"{practice.name}: patient {pid}: {why}" for pid, why in run.skipped]
    console.print(table)
    for line in skipped:
        err_console.print(f"  not asked: {line}", markup=False, highlight=False)
    console.print(f"files written to {args.out}. No clearinghouse connection sends 270s yet: "
                  "send them through the clearinghouse, then `bhbilling eligibility import` "
                  "the 271 answers.", highlight=False)
    return 0


def handle_import(args: argparse.Namespace) -> int:
    from bhbilling.app.eligibility.recording import record_271
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    on = args.on or _today()
    table = Table(title=f"{practice.name}: eligibility answers recorded")
    for col in ("file", "patient", "payer", "status", "trace"):
        table.add_column(col)
    unmatched: list[str] = []
    duplicates = 0
    with progress(transient=True) as bar, scoped_to(practice.company_id, practice.pk):
        task = bar.add_task("recording 271 files", total=len(args.files))
        for path in args.files:
            report = record_271(practice, _read(path), path.name, on=on, actor=ACTOR)
            for check in report.checks:
                table.add_row(path.name, check.patient.account_number,
                              check.payer.name if check.payer else "-", check.status,
                              check.trace_number or "-")
            unmatched += [f"{path.name}: {why}" for why in report.unmatched]
            duplicates += report.duplicates
            bar.advance(task)
    console.print(table)
    if duplicates:
        console.print(f"{duplicates} answer(s) were already recorded", highlight=False)
    for line in unmatched:
        err_console.print(f"not recorded: {line}", markup=False, highlight=False)
    return 1 if unmatched else 0
