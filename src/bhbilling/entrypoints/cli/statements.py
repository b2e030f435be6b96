"""``bhbilling statements``: patient statement runs, their PDFs, and the small-balance rule.

- ``statements run [--date D] [--practice P]``: a statement for every patient who owes on the
  date (default today), ready or held with the reasons; credit balances listed for refund
  review. Without ``--practice`` every active practice is run, with a progress bar.
- ``statements list [--practice P] [--status ready|held|sent] [--limit N]``.
- ``statements pdf ID_OR_NUMBER --out FILE [--practice P]``: the statement as printed.
- ``statements sent ID_OR_NUMBER [--date D] [--practice P]``: mark a ready statement sent.
- ``statements small-balances [--practice P] [--date D] [--apply]``: the balances the
  small-balance rule would write off; ``--apply`` writes them off.
A statement number (``ST000012``) needs ``--practice``; a numeric id finds its practice.
"""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from rich.table import Table

from bhbilling.entrypoints.cli.console import console, err_console, progress
from bhbilling.entrypoints.cli.imports import find_practice
from bhbilling.kernel.errors import BhBillingError

ACTOR = "cli:statements"


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: expected a date YYYY-MM-DD") from None


def register(sub) -> None:
    p = sub.add_parser("statements", help="patient statements: run, list, PDF, sent; small balances")
    actions = p.add_subparsers(dest="statements_action", metavar="ACTION", required=True)
    run = actions.add_parser("run", help="make statements for a date (ready or held)")
    run.add_argument("--date", type=_date, metavar="DATE", help="statement date (default today)")
    run.set_defaults(handler=handle_run)
    lst = actions.add_parser("list", help="statements and their status")
    lst.add_argument("--status", choices=["ready", "held", "sent"])
    lst.add_argument("--limit", type=int, default=50)
    lst.set_defaults(handler=handle_list)
    pdf = actions.add_parser("pdf", help="write a statement's PDF")
    pdf.add_argument("statement", metavar="ID_OR_NUMBER")
    pdf.add_argument("--out", required=True, type=Path, metavar="FILE")
    pdf.set_defaults(handler=handle_pdf)
    sent = actions.add_parser("sent", help="mark a ready statement sent")
    sent.add_argument("statement", metavar="ID_OR_NUMBER")
    sent.add_argument("--date", type=_date, metavar="DATE", help="sent on (default today)")
    sent.set_defaults(handler=handle_sent)
    small = actions.add_parser("small-balances", help="the small-balance write-off rule")
    small.add_argument("--date", type=_date, metavar="DATE", help="as of (default today)")
    small.add_argument("--apply", action="store_true", help="write the balances off")
    small.set_defaults(handler=handle_small)
    for action in (run, lst, pdf, sent, small):
        action.add_argument("--practice", metavar="ID_OR_NPI",
                            help="one practice (default: every active practice)")


def _practices(args):
    from bhbilling.app.models import Practice

    if args.practice:
        return [find_practice(args.practice)]
    return list(Practice.unscoped.filter(active=True).order_by("id"))


def _statement(args):
    from bhbilling.app.models import Statement

    ref = args.statement.strip()
    if args.practice:
        practice = find_practice(args.practice)
        rows = Statement.unscoped.filter(practice=practice, number=ref)
        if ref.isdigit():
            rows = rows | Statement.unscoped.filter(practice=practice, pk=int(ref))
    elif ref.isdigit():
        rows = Statement.unscoped.filter(pk=int(ref))
    else:
        raise BhBillingError(f"statement {ref}: a statement number needs --practice")
    found = list(rows.distinct()[:2])
    if len(found) != 1:
        raise BhBillingError(f"statement {ref}: {'no' if not found else 'more than one'} "
                             "statement has that id or number")
    return found[0]


def handle_run(args) -> int:
    from bhbilling.app.patient_billing.statements import run_statements
    from bhbilling.app.tenancy import scoped_to

    run_date = args.date or timezone.localdate()
    practices = _practices(args)
    results = []
    with progress() as bar:
        task = bar.add_task(f"statements for {run_date}", total=len(practices))
        for practice in practices:
            with scoped_to(practice.company_id, practice.pk):
                results.append((practice, run_statements(practice.pk, run_date, actor=ACTOR,
                                                         now=timezone.now())))
            bar.advance(task)
    for practice, result in results:
        console.print(f"{practice.name}: {len(result.ready)} ready, {len(result.held)} held, "
                      f"{len(result.refund_review)} credit balance(s) to review, "
                      f"{len(result.skipped)} under the minimum", markup=False, highlight=False)
        for st in result.held:
            err_console.print(f"  {st.number} held: {st.hold_reason}", markup=False, highlight=False)
        for patient_id, credit in result.refund_review:
            err_console.print(f"  patient {patient_id}: credit ${credit:,.2f} to review for refund",
                              highlight=False)
    return 0


def handle_list(args) -> int:
    from bhbilling.app.models import Statement
    from bhbilling.app.tenancy import scoped_to

    if args.limit < 1:
        raise BhBillingError("--limit must be at least 1")
    for practice in _practices(args):
        with scoped_to(practice.company_id, practice.pk):
            rows = Statement.objects.select_related("patient").order_by("-statement_date", "-id")
            if args.status:
                rows = rows.filter(status=args.status)
            rows = list(rows[:args.limit])
        table = Table(title=f"{practice.name}: statements")
        for col in ("id", "number", "account", "date", "due", "balance", "status", "why held"):
            table.add_column(col, justify="right" if col in {"id", "balance"} else "left")
        for s in rows:
            table.add_row(str(s.pk), s.number, s.patient.account_number, str(s.statement_date),
                          str(s.due_on), f"{s.balance:,.2f}",
                          s.status + (f" {s.sent_on}" if s.sent_on else ""), s.hold_reason)
        console.print(table)
    return 0


def handle_pdf(args) -> int:
    from bhbilling.app import audit
    from bhbilling.app.patient_billing.snapshot import statement_pdf

    statement = _statement(args)
    data = statement_pdf(statement)
    args.out.write_bytes(data)
    audit.record("export", statement, actor=ACTOR, detail={"format": "pdf"})
    console.print(f"statement {statement.number} written to {args.out} ({len(data):,} bytes)",
                  highlight=False)
    return 0


def handle_sent(args) -> int:
    from bhbilling.app.patient_billing.statements import mark_sent

    statement = mark_sent(_statement(args), sent_on=args.date or timezone.localdate(), actor=ACTOR)
    console.print(f"statement {statement.number} marked sent on {statement.sent_on}",
                  highlight=False)
    return 0


def handle_small(args) -> int:
    from bhbilling.app.patient_billing.small_balances import (
        small_balance_candidates,
        write_off_small_balances,
    )
    from bhbilling.app.tenancy import scoped_to

    on = args.date or timezone.localdate()
    for practice in _practices(args):
        with scoped_to(practice.company_id, practice.pk):
            rows = (write_off_small_balances(practice.pk, on, actor=ACTOR, now=timezone.now())
                    if args.apply else small_balance_candidates(practice.pk, on))
        table = Table(title=f"{practice.name}: balances of ${practice.small_balance_limit:,.2f} "
                            f"or less on {on}")
        for col in ("account", "balance", "last statement", "write-off"):
            table.add_column(col, justify="right" if col == "balance" else "left")
        for r in rows:
            table.add_row(r.patient.account_number, f"{r.balance:,.2f}",
                          str(r.last_sent_on or "never"),
                          f"#{r.write_off.pk}" if r.write_off else "-")
        console.print(table)
        total = sum((r.balance for r in rows), Decimal(0))
        verb = "written off" if args.apply else "would be written off (use --apply)"
        console.print(f"{len(rows)} balance(s), ${total:,.2f}, {verb}", highlight=False)
    return 0
