"""``bhbilling remit``: import 835 remittances and read them.

- ``remit import FILE... [--practice P]`` posts each file (the practice defaults to the one
  whose NPI is the file's payee) with a progress bar and a summary: claims matched and
  unmatched, paid, adjusted, moved to patients, denials, provider adjustments, secondary
  claims queued, and quarantined files with their reason. Exit 1 when any file was
  quarantined.
- ``remit show FILE [--json]``: a readable explanation of benefits per transaction; with
  ``--json`` the same for machines (payment, claims, PLB items, balance and differences).
  Reading writes nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from decimal import Decimal
from pathlib import Path

from rich.table import Table

from bhbilling.entrypoints.cli.console import console, err_console, progress
from bhbilling.entrypoints.cli.imports import find_practice
from bhbilling.kernel.errors import BhBillingError

ACTOR = "cli:remit"


def register(sub) -> None:
    p = sub.add_parser("remit", help="import and read 835 remittances")
    actions = p.add_subparsers(dest="remit_action", metavar="ACTION", required=True)
    imp = actions.add_parser("import", help="post 835 files to the ledger")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--practice", metavar="ID_OR_NPI",
                     help="the practice (default: the one whose NPI is the payee)")
    imp.set_defaults(handler=handle_import)
    unm = actions.add_parser("unmatched", help="the queue of payments no claim fitted")
    unm.add_argument("--practice", required=True, metavar="ID_OR_NPI")
    unm.set_defaults(handler=handle_unmatched)
    asg = actions.add_parser("assign", help="post an unmatched payment to a claim")
    asg.add_argument("payment", type=int, metavar="PAYMENT_ID", help="id from `remit unmatched`")
    asg.add_argument("claim", metavar="CLAIM_NUMBER", help="our claim number (CLM01)")
    asg.add_argument("--practice", required=True, metavar="ID_OR_NPI")
    asg.set_defaults(handler=handle_assign)
    show = actions.add_parser("show", help="explain an 835 file (writes nothing)")
    show.add_argument("file", type=Path, metavar="FILE")
    show.add_argument("--json", action="store_true", help="one JSON document")
    show.set_defaults(handler=handle_show)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BhBillingError(f"{path.name}: cannot read the file ({exc.strerror})") from None


def handle_import(args: argparse.Namespace) -> int:
    from bhbilling.app.remittance.importer import find_practices_for, import_remittance_file
    from bhbilling.app.remittance.posting import PostingTotals
    from bhbilling.app.tenancy import scoped_to

    fixed = find_practice(args.practice) if args.practice else None
    totals = PostingTotals()
    quarantined: list[tuple[str, str]] = []
    statuses: dict[str, int] = {}
    with progress() as bar:
        task = bar.add_task("importing 835 files", total=len(args.files))
        for path in args.files:
            data = _read_bytes(path)
            try:
                practices = [fixed] if fixed else find_practices_for(data, path.name)
            except BhBillingError as exc:
                quarantined.append((path.name, str(exc)))
                bar.advance(task)
                continue
            if not practices:
                quarantined.append((path.name, "no practice has the payee's NPI/TIN; "
                                               "give --practice"))
            for practice in practices:
                with scoped_to(practice.company_id, practice.pk):
                    report = import_remittance_file(practice, data, path.name, actor=ACTOR)
                statuses[report.status] = statuses.get(report.status, 0) + 1
                if report.status == "quarantined":
                    quarantined.append((path.name, report.reason))
                totals.add(report.totals)
            bar.advance(task)
    _summary(totals, statuses)
    for name, reason in quarantined:
        err_console.print(f"quarantined {name}: {reason}", markup=False, highlight=False)
    return 1 if quarantined else 0


def _summary(t, statuses: dict[str, int]) -> None:
    table = Table(title="835 import", show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
    for label, value in (
        ("files posted", statuses.get("posted", 0)),
        ("files already imported", statuses.get("duplicate", 0)),
        ("files quarantined", statuses.get("quarantined", 0)),
        ("claims matched", t.claims_matched), ("claims unmatched (queue)", t.claims_unmatched),
        ("paid", f"${t.paid:,.2f}"), ("adjusted (CO/OA/PI/CR)", f"${t.adjusted:,.2f}"),
        ("moved to patients (PR)", f"${t.to_patient:,.2f}"), ("denials", t.denials),
        ("provider adjustments (PLB)", f"${t.provider_adjustments:,.2f}"),
        ("secondary claims queued", t.secondary_claims),
    ):
        table.add_row(label, str(value))
    console.print(table)
    for note in t.notes[:20]:
        err_console.print(f"note: {note}", markup=False, highlight=False)


def handle_show(args: argparse.Namespace) -> int:
    from bhbilling.x12.remit835 import explain, read_835

    data = _read_bytes(args.file)
    docs = [explain(rem) for rem in read_835(io.BytesIO(data), file_name=args.file.name)]
    if args.json:
        sys.stdout.write(json.dumps({"file": args.file.name, "transactions": docs},
                                    indent=2, sort_keys=True) + "\n")
        return 0 if all(d["balanced"] for d in docs) else 1
    for doc in docs:
        _print_eob(doc)
    return 0 if all(d["balanced"] for d in docs) else 1


def _print_eob(doc: dict) -> None:
    pay = doc["payment"]
    console.print(f"[bold]{doc['payer']['name']}[/bold] paid {doc['payee']['name']} "
                  f"${Decimal(pay['amount']):,.2f} by {pay['method_text'] or pay['method']} on "
                  f"{pay['date']} (trace {pay['trace_number']})", highlight=False)
    table = Table()
    for col in ("claim", "status", "patient", "charged", "paid", "patient owes", "adjustments"):
        table.add_column(col, justify="right" if col in {"charged", "paid", "patient owes"} else "left")
    for c in doc["claims"]:
        adj = ", ".join(f"{group} {amount}" for group, amount in
                        c.get("adjustments_by_group", {}).items())
        table.add_row(c["patient_control_number"], c.get("status_text") or c["status"],
                      c.get("patient", {}).get("name", ""), c["charge"], c["paid"],
                      c.get("patient_responsibility") or "", adj)
    console.print(table)
    for p in doc["provider_adjustments"]:
        console.print(f"  provider adjustment {p['reason']} {p['reference']}: {p['amount']}",
                      highlight=False)
    if doc["balanced"]:
        console.print("  [green]balances[/green]: payment = claims paid - provider adjustments")
    else:
        for d in doc["differences"]:
            console.print(f"  [red]does not balance[/red] at {d['location']}: {d['element']} "
                          f"states {d['stated']}, expected {d['expected']} (difference "
                          f"{d['difference']})", highlight=False)


def handle_unmatched(args: argparse.Namespace) -> int:
    from bhbilling.app.models import Claim
    from bhbilling.app.remittance.unmatched import unmatched_queue
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    with scoped_to(practice.company_id, practice.pk):
        rows = list(unmatched_queue())
        table = Table(title=f"{practice.name}: unmatched payments")
        for col in ("id", "paid on", "payer", "their claim #", "patient", "charged", "paid",
                    "suggested claims"):
            table.add_column(col, justify="right" if col in {"charged", "paid"} else "left")
        for r in rows:
            names = list(Claim.objects.filter(pk__in=r.suggestions)
                         .values_list("patient_control_number", flat=True))
            table.add_row(str(r.pk), str(r.remittance.payment_date), r.remittance.payer_name,
                          r.patient_control_number, r.patient_name, str(r.charge), str(r.paid),
                          ", ".join(names) or "-")
    console.print(table)
    console.print(f"{len(rows)} payment(s) waiting; money held in unapplied payments: "
                  f"${sum((r.paid for r in rows), Decimal(0)):,.2f}", highlight=False)
    return 0


def handle_assign(args: argparse.Namespace) -> int:
    from bhbilling.app.models import Claim, ClaimPayment
    from bhbilling.app.remittance.unmatched import assign_claim
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    with scoped_to(practice.company_id, practice.pk):
        row = ClaimPayment.objects.filter(pk=args.payment).first()
        claim = Claim.objects.filter(patient_control_number=args.claim).first()
        if row is None or claim is None:
            raise BhBillingError("no such unmatched payment or claim in this practice")
        assign_claim(row, claim, actor=ACTOR)
    console.print(f"payment {args.payment} posted to claim {args.claim}", highlight=False)
    return 0
