"""``bhbilling clearinghouse``: connections and the exchange of files with them.

- ``clearinghouse list`` shows each company's connections (kind, usage, control numbers).
- ``clearinghouse exchange [--name NAME]`` is one round trip per connection: send the
  batches not yet delivered (each exactly once), collect the answers (999, 277CA, 277,
  835, 271), process each file once and acknowledge them; a summary table per connection.
- ``clearinghouse payerbook --name NAME [--file F]`` writes the simulator's payer book
  for a simulator connection from the company's payers, coverages and fee schedules
  (the demo does this itself), or installs the book in F.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.table import Table

from bhbilling.entrypoints.cli.console import console, err_console
from bhbilling.kernel.errors import BhBillingError

ACTOR = "cli:clearinghouse"


def register(sub) -> None:
    p = sub.add_parser("clearinghouse", help="clearinghouse connections: send and collect files")
    actions = p.add_subparsers(dest="ch_action", metavar="ACTION", required=True)
    actions.add_parser("list", help="connections").set_defaults(handler=handle_list)
    ex = actions.add_parser("exchange", help="send pending batches, collect and process answers")
    ex.add_argument("--name", help="one connection by name (default: every active one)")
    ex.set_defaults(handler=handle_exchange)
    book = actions.add_parser("payerbook", help="write the simulator's payer book")
    book.add_argument("--name", required=True)
    book.add_argument("--file", type=Path, help="install this JSON payer book instead")
    book.set_defaults(handler=handle_payerbook)


def _connections(name: str | None):
    from bhbilling.app.models import Clearinghouse

    rows = Clearinghouse.unscoped.filter(active=True).order_by("company_id", "id")
    if name:
        rows = rows.filter(name=name)
    found = list(rows)
    if name and not found:
        raise BhBillingError(f"no active clearinghouse connection named {name!r}")
    return found


def handle_list(args: argparse.Namespace) -> int:
    table = Table(title="Clearinghouse connections")
    for col in ("company", "name", "kind", "usage", "last ISA13", "default"):
        table.add_column(col)
    for ch in _connections(None):
        table.add_row(str(ch.company_id), ch.name, ch.kind, ch.usage_indicator,
                      f"{ch.last_interchange_number:09d}", "yes" if ch.is_default else "")
    console.print(table)
    return 0


def handle_exchange(args: argparse.Namespace) -> int:
    from bhbilling.app.inbound.process import exchange

    failed = 0
    for ch in _connections(args.name):
        summary = exchange(ch, actor=ACTOR)
        table = Table(title=f"{ch.name}: {len(summary.sent.sent)} sent, "
                            f"{len(summary.sent.already_there)} already there, "
                            f"{len(summary.sent.failed)} not delivered")
        for col in ("file", "kind", "status", "what happened"):
            table.add_column(col)
        for f in summary.files:
            table.add_row(f.name, f.kind, f.status, f.detail)
        console.print(table)
        for name, why in summary.sent.failed:
            err_console.print(f"not delivered {name}: {why}", markup=False, highlight=False)
        failed += len(summary.sent.failed) + sum(1 for f in summary.files if f.status == "failed")
    return 1 if failed else 0


def handle_payerbook(args: argparse.Namespace) -> int:
    from bhbilling.app.demo.payerbook import demo_payerbook
    from bhbilling.app.gateways import gateway_for

    [ch] = _connections(args.name)
    gw = gateway_for(ch)
    if not hasattr(gw, "book"):
        raise BhBillingError(f"{ch.name} is not a simulator connection")
    gw.book.parent.mkdir(parents=True, exist_ok=True)
    text = (args.file.read_text(encoding="utf-8") if args.file
            else json.dumps(demo_payerbook(ch.company_id), indent=1))
    gw.book.write_text(text, encoding="utf-8")
    console.print(f"payer book written to {gw.book}", highlight=False)
    return 0
