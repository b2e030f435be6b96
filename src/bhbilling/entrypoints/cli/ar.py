"""``bhbilling ar``: accounts receivable aging, the follow-up work list, follow-up notes.

- ``ar aging [--basis dos|submission] [--by payer|provider|practice] [--practice P] [--json]``:
  open balances aged 0-30 ... 120+ days; without ``--practice`` every active practice
  together (a billing company's view). The footer reconciles with the ledger (1100 + 1200).
- ``ar follow-up [--practice P] [--send-inquiries] [--limit N]``: claims that need a touch
  today (no 277CA, no 835, next-action date reached, denied and idle), largest balance
  first; ``--send-inquiries`` asks the payers of those waiting for an answer with a 276.
- ``ar note CLAIM --text T [--action A] [--next YYYY-MM-DD]``: a follow-up note on a claim
  (its number or id); ``--next`` sets the next-action date (without it the date is cleared).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from decimal import Decimal

from rich.table import Table

from bhbilling.entrypoints.cli.console import console, err_console
from bhbilling.entrypoints.cli.imports import find_practice
from bhbilling.kernel.errors import BhBillingError

ACTOR = "cli:ar"


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: expected a date YYYY-MM-DD") from None


def register(sub) -> None:
    p = sub.add_parser("ar", help="A/R aging, the follow-up work list and follow-up notes")
    actions = p.add_subparsers(dest="ar_action", metavar="ACTION", required=True)
    aging = actions.add_parser("aging", help="open balances aged 0-30 ... 120+ days")
    aging.add_argument("--basis", choices=["dos", "submission"], default="dos",
                       help="age from the date of service (default) or the last submission")
    aging.add_argument("--by", choices=["payer", "provider", "practice"], default="payer")
    aging.add_argument("--json", action="store_true", help="print JSON instead of a table")
    aging.set_defaults(handler=handle_aging)
    fu = actions.add_parser("follow-up", help="claims to follow up today")
    fu.add_argument("--send-inquiries", action="store_true",
                    help="send 276 status inquiries for the listed claims waiting for an answer")
    fu.add_argument("--limit", type=int, default=100, help="rows to show (default 100)")
    fu.set_defaults(handler=handle_follow_up)
    for action in (aging, fu):
        action.add_argument("--practice", metavar="ID_OR_NPI",
                            help="one practice (default: every active practice)")
    note = actions.add_parser("note", help="add a follow-up note to a claim")
    note.add_argument("claim", metavar="CLAIM", help="claim number (CLM01) or id")
    note.add_argument("--text", required=True)
    note.add_argument("--action", default="", help="e.g. 'called payer', 'payer portal'")
    note.add_argument("--next", dest="next_action_on", type=_date, metavar="YYYY-MM-DD",
                      help="next action date (omit to clear it)")
    note.set_defaults(handler=handle_note)


def _practice_ids(args) -> list[int]:
    from bhbilling.app.models import Practice

    if args.practice:
        return [find_practice(args.practice).pk]
    ids = list(Practice.unscoped.filter(active=True).order_by("id").values_list("id", flat=True))
    if not ids:
        raise BhBillingError("no active practice: add one first")
    return ids


def _money(value: Decimal) -> str:
    return f"${value:,.2f}"


def handle_aging(args: argparse.Namespace) -> int:
    from django.utils import timezone

    from bhbilling.app.receivables.aging import aging_report
    from bhbilling.domain.receivables.aging_table import Basis, GroupBy, row_token

    ids = _practice_ids(args)
    as_of = timezone.localdate()
    report = aging_report(ids, as_of=as_of, basis=Basis(args.basis), group=GroupBy(args.by))
    t = report.table

    def cell(c) -> dict:
        return {"amount": str(c.amount), "insurance": str(c.insurance), "patient": str(c.patient),
                "claims": c.claims}

    if args.json:
        print(json.dumps({
            "as_of": as_of.isoformat(), "basis": args.basis, "group": args.by, "practice_ids": ids,
            "columns": [{"key": k, "label": label} for k, label in report.columns],
            "rows": [{"key": row_token(r.key), "label": report.label(r.key),
                      "cells": {c: cell(r.cells[c]) for c in t.columns}, "total": cell(r.total)}
                     for r in t.rows],
            "totals": {"cells": {c: cell(t.totals.cells[c]) for c in t.columns},
                       "total": cell(t.totals.total)},
            "ledger_total": str(report.ledger_total), "unassigned": str(report.unassigned)}, indent=2))
        return 0
    table = Table(title=f"A/R aging on {as_of} by {args.by}, from "
                        f"{'date of service' if args.basis == 'dos' else 'last submission'}")
    table.add_column(args.by)
    for _, label in report.columns:
        table.add_column(label, justify="right")
    for col in ("total", "insurance", "patient", "claims"):
        table.add_column(col, justify="right")
    for r in [*t.rows, t.totals]:
        label = "Total" if r is t.totals else report.label(r.key)
        table.add_row(label, *[_money(r.cells[c].amount) for c in t.columns], _money(r.total.amount),
                      _money(r.total.insurance), _money(r.total.patient), str(r.total.claims),
                      style="bold" if r is t.totals else None)
    console.print(table)
    console.print(f"ledger A/R (1100 + 1200): {_money(report.ledger_total)}; on claims "
                  f"{_money(t.totals.total.amount)}; not on a claim {_money(report.unassigned)}",
                  highlight=False)
    return 0


def handle_follow_up(args: argparse.Namespace) -> int:
    from django.utils import timezone

    from bhbilling.app.receivables.followup import inquire, work_list
    from bhbilling.domain.receivables.followup import Reason

    ids = _practice_ids(args)
    today = timezone.localdate()
    items = work_list(ids, today)
    total = sum((it.balance.insurance for it in items), Decimal("0.00"))
    table = Table(title=f"{len(items)} claim(s) to follow up on {today}: {_money(total)} insurance A/R")
    for col in ("claim", "payer", "DOS", "age", "state", "why", "insurance A/R", "next action",
                "latest note"):
        table.add_column(col, justify="right" if col in ("age", "insurance A/R") else "left",
                         no_wrap=col in ("claim", "DOS", "insurance A/R"))  # claim numbers get copied
    for it in items[:args.limit]:
        c = it.claim
        note = f"{it.note.at:%Y-%m-%d} {it.note.action}: {it.note.text[:40]}" if it.note else "-"
        table.add_row(c.patient_control_number, c.payer.name if c.payer else "-", str(it.service_date),
                      f"{it.age_days} d", c.state, ", ".join(it.reason_labels),
                      _money(it.balance.insurance), str(c.follow_up_on or "-"), note)
    console.print(table)
    if len(items) > args.limit:
        console.print(f"... and {len(items) - args.limit} more (use --limit)", highlight=False)
    if args.send_inquiries:
        asking = {Reason.NO_ACK, Reason.NO_PAYMENT, Reason.NEXT_ACTION}
        chosen = [it.claim for it in items if asking & set(it.reasons)
                  and it.claim.state in ("submitted", "acknowledged", "accepted")]
        if not chosen:
            err_console.print("no claim waiting for a payer's answer: no 276 sent")
            return 0
        for run in inquire(chosen, actor=ACTOR, today=today, now=timezone.now()):
            console.print(f"276 {run.file_name}: {len(run.asked)} claim(s) asked, "
                          f"{'delivered' if run.delivered else 'NOT delivered'}", highlight=False)
    return 0


def handle_note(args: argparse.Namespace) -> int:
    from django.utils import timezone

    from bhbilling.app.models import Claim
    from bhbilling.app.receivables.followup import add_note

    ref = args.claim.strip()
    claim = Claim.unscoped.filter(patient_control_number=ref).first()
    if claim is None and ref.isdigit():
        claim = Claim.unscoped.filter(pk=int(ref)).first()
    if claim is None:
        raise BhBillingError(f"claim {ref[:40]}: no claim has that number or id")
    add_note(claim, args.text, args.action, args.next_action_on, actor=ACTOR, now=timezone.now())
    nxt = f"next action {args.next_action_on}" if args.next_action_on else "no next action date"
    console.print(f"note added to claim {claim.patient_control_number}; {nxt}", highlight=False)
    return 0
