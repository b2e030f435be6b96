"""``bhbilling scrub``: check claims before they are sent and say what would be denied.

- ``scrub [--practice P] [--json] [--all-states] [--dry-run] [--export FILE.jsonl]``
  scrubs the claims not sent yet (draft, scrubbed, ready) of one practice or of every
  active practice, with a progress bar, and stores one scrub run per claim (not with
  ``--dry-run``). ``--export`` also writes each claim's snapshot as JSON Lines (no PHI:
  docs/scrubbing.md), which ``--snapshots`` reads back.
- ``scrub --snapshots FILE.jsonl [--json] [--pack NAME] [--pack-dir DIR]`` runs the engine
  on snapshots given as JSON Lines ("-" reads standard input), touching no database.
Both print a summary (claims, clean-claim rate, ready rate, findings by category and by
rule, the blocked claims with what blocks them) or, with ``--json``, one JSON object:
``{"summary": ..., "results": [...]}`` (shapes in docs/scrubbing.md, "Result JSON").
Exit status: 0 every claim ready, 1 some claim blocked, 2 bad input (a malformed snapshot
line is reported with its file, line and field).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rich.table import Table

from bhbilling.entrypoints.cli.console import console, err_console, progress
from bhbilling.entrypoints.cli.imports import find_practice
from bhbilling.kernel.errors import BhBillingError

ACTOR = "cli:scrub"
LISTED = 20


def register(sub) -> None:
    p = sub.add_parser("scrub", help="check claims against the scrubber's rules before sending")
    source = p.add_mutually_exclusive_group()
    source.add_argument("--practice", metavar="ID_OR_NPI",
                        help="one practice (default: every active practice)")
    source.add_argument("--snapshots", metavar="FILE.jsonl",
                        help="scrub claim snapshots from JSON Lines instead of the database")
    p.add_argument("--json", action="store_true", help="print the summary and results as JSON")
    p.add_argument("--all-states", action="store_true",
                   help="scrub every claim, not only those not sent yet")
    p.add_argument("--dry-run", action="store_true", help="do not store the scrub runs")
    p.add_argument("--export", type=Path, metavar="FILE.jsonl",
                   help="also write the snapshots scrubbed as JSON Lines")
    p.add_argument("--pack", default=None, help="rule pack name for --snapshots (default bh-core)")
    p.add_argument("--pack-dir", action="append", default=[], metavar="DIR",
                   help="directory searched for the pack before the shipped ones (--snapshots)")
    p.set_defaults(handler=handle)


def _from_file(args) -> list[tuple[int | None, object]]:
    from bhbilling.domain.scrubbing import DEFAULT_PACK, load_pack, scrub
    from bhbilling.domain.scrubbing.jsonl import iter_snapshots

    pack = load_pack(args.pack or DEFAULT_PACK, tuple(args.pack_dir))
    name = args.snapshots
    try:
        stream = sys.stdin if name == "-" else open(name, encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise BhBillingError(f"{name}: cannot read the snapshot file ({exc.strerror})") from None
    with stream, progress(transient=True) as bar:
        task = bar.add_task(f"scrubbing {Path(name).name if name != '-' else 'stdin'}", total=None)
        results = []
        for snapshot in iter_snapshots(stream, file=name if name != "-" else "<stdin>"):
            results.append((None, scrub(snapshot, pack)))
            bar.advance(task)
    return results


def _from_database(args) -> list[tuple[int | None, object]]:
    from bhbilling.app.models import Practice
    from bhbilling.app.scrubbing import service
    from bhbilling.app.scrubbing.practice_facts import PracticeFacts
    from bhbilling.app.scrubbing.snapshots import iter_built
    from bhbilling.app.tenancy import scoped_to
    from bhbilling.domain.scrubbing.jsonl import write_snapshots

    practices = ([find_practice(args.practice)] if args.practice
                 else list(Practice.unscoped.filter(active=True).order_by("id")))
    out = args.export.open("w", encoding="utf-8") if args.export else None
    results = []
    try:
        with progress() as bar:
            for practice in practices:
                with scoped_to(practice.company_id, practice.pk):
                    ids = service.open_claim_ids(None if args.all_states else service.OPEN_STATES)
                    task = bar.add_task(f"scrubbing · {practice.name}", total=len(ids))
                    facts = PracticeFacts(practice.pk)
                    results += [(practice.pk, s.result) for s in service.iter_scrub(
                        ids, actor=ACTOR, store=not args.dry_run, facts=facts,
                        progress=lambda done, total, t=task: bar.update(t, completed=done))]
                    if out is not None:
                        built = iter_built(practice.pk, ids, as_of=service.CLOCK.today(), facts=facts)
                        write_snapshots((b.snapshot for b in built if b.snapshot is not None), out)
    finally:
        if out is not None:
            out.close()
    return results


def handle(args) -> int:
    from bhbilling.domain.scrubbing import summarize
    from bhbilling.domain.scrubbing.jsonl import result_to_dict

    results = _from_file(args) if args.snapshots else _from_database(args)
    summary = summarize(r for _, r in results)
    if args.json:
        rows = []
        for practice_id, result in results:
            row = result_to_dict(result)
            if practice_id is not None:
                row["practice_id"] = practice_id
            rows.append(row)
        sys.stdout.write(json.dumps({"summary": summary.to_dict(), "results": rows}) + "\n")
    else:
        _print(summary, [r for _, r in results])
    return 1 if summary.ready < summary.claims else 0


def _print(summary, results) -> None:
    console.print(f"{summary.claims} claim(s) scrubbed: {summary.clean} clean "
                  f"({summary.clean_rate * 100:.2f} %), {summary.ready} ready "
                  f"({summary.ready_rate * 100:.2f} %); {summary.errors} error(s), "
                  f"{summary.warnings} warning(s), {summary.overridden} overridden",
                  markup=False, highlight=False)
    if summary.by_category:
        table = Table(title="Findings by category")
        table.add_column("category")
        table.add_column("findings", justify="right")
        for category, n in summary.by_category.items():
            table.add_row(category, str(n))
        console.print(table)
        table = Table(title="Findings by rule")
        for col in ("rule", "category", "severity", "findings", "claims", "overridden"):
            table.add_column(col, justify="right" if col in {"findings", "claims", "overridden"} else "left")
        for r in summary.by_rule:
            table.add_row(r.rule, r.category, r.severity, str(r.findings), str(r.claims), str(r.overridden))
        console.print(table)
    blocked = [r for r in results if not r.ready]
    for result in blocked[:LISTED]:
        for f in result.findings:
            if f.blocks:
                where = f" line {f.line}" if f.line is not None else ""
                err_console.print(f"  {result.claim_id}: {f.rule}{where}: {f.message} -- fix: {f.fix}",
                                  markup=False, highlight=False)
    if len(blocked) > LISTED:
        err_console.print(f"  ... and {len(blocked) - LISTED} more blocked claim(s)", highlight=False)
