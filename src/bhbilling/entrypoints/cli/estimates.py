"""``bhbilling estimates``: Good Faith Estimates for uninsured and self-pay patients.

- ``estimates create --practice P --patient ACCOUNT --provider NPI --code 90834 --sessions 52
  [--code 90791 --sessions 1] [--trigger scheduled|request] [--requested-on D]
  [--first-service D] [--from D] [--to D] [--dx F41.1,Z63.0]``: drafts one, priced from the
  practice's self-pay fee schedule; ``--code 90834:95`` carries modifiers. Each ``--code``
  pairs with the ``--sessions`` in the same position. ``--from`` defaults to the first
  service (or the request day), ``--to`` to 12 months less a day.
- ``estimates list --practice P [--due | --due-today | --overdue | --dispute] [--patient A]``:
  the worklists (default: every estimate); exit 1 when an estimate is overdue in the list.
- ``estimates issue ID [--on D]``: record it as given to the patient (default today).
- ``estimates void ID``: void a draft.
- ``estimates pdf ID --out FILE``: write the PDF.
- ``estimates check ID``: billed charges against the estimate; exit 1 when dispute-eligible
  (billed $400.00 or more above it).
Commands on one estimate find its practice from the row; ``--practice`` then only narrows.
"""

from __future__ import annotations

import argparse
import datetime as dt
from contextlib import contextmanager
from pathlib import Path

from django.utils import timezone
from rich.table import Table

from bhbilling.entrypoints.cli.console import console
from bhbilling.entrypoints.cli.imports import find_practice
from bhbilling.kernel.errors import BhBillingError

ACTOR = "cli:estimates"


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: expected a date YYYY-MM-DD") from None


def register(sub) -> None:
    p = sub.add_parser("estimates", help="Good Faith Estimates: create, list, issue, PDF, billed check")
    actions = p.add_subparsers(dest="estimates_action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="draft an estimate from expected sessions per code")
    create.add_argument("--practice", required=True, metavar="ID_OR_NPI")
    create.add_argument("--patient", required=True, metavar="ACCOUNT_OR_ID")
    create.add_argument("--provider", required=True, metavar="NPI_OR_ID")
    create.add_argument("--code", action="append", required=True, metavar="CODE[:MOD...]")
    create.add_argument("--sessions", action="append", required=True, type=int, metavar="N")
    create.add_argument("--trigger", default="scheduled", choices=["scheduled", "request"])
    create.add_argument("--requested-on", type=_date, metavar="DATE", help="default today")
    create.add_argument("--first-service", type=_date, metavar="DATE")
    create.add_argument("--from", dest="period_start", type=_date, metavar="DATE")
    create.add_argument("--to", dest="period_end", type=_date, metavar="DATE")
    create.add_argument("--dx", default="", help="ICD-10-CM codes, comma-separated")
    create.set_defaults(handler=handle_create)
    lst = actions.add_parser("list", help="estimates and the due/overdue/dispute worklists")
    lst.add_argument("--practice", required=True, metavar="ID_OR_NPI")
    lst.add_argument("--patient", metavar="ACCOUNT_OR_ID")
    lst.add_argument("--on", type=_date, metavar="DATE", help="as of (default today)")
    which = lst.add_mutually_exclusive_group()
    for flag in ("due", "due-today", "overdue", "dispute"):
        which.add_argument(f"--{flag}", dest="show", action="store_const", const=flag.replace("-", "_"))
    lst.set_defaults(handler=handle_list, show="all")
    for name, helptext, handler in (("issue", "record it as given to the patient", handle_issue),
                                    ("void", "void a draft", handle_void),
                                    ("pdf", "write the estimate's PDF", handle_pdf),
                                    ("check", "billed against the estimate ($400 flag)", handle_check),
                                    ("dispute", "record a patient's dispute (holds statements)",
                                     handle_dispute)):
        one = actions.add_parser(name, help=helptext)
        one.add_argument("id", type=int, metavar="ID")
        one.add_argument("--practice", metavar="ID_OR_NPI")
        if name in ("issue", "dispute"):
            one.add_argument("--on", type=_date, metavar="DATE", help="default today")
        if name == "dispute":
            one.add_argument("--close", action="store_true", help="record the dispute closed")
        if name == "pdf":
            one.add_argument("--out", required=True, type=Path, metavar="FILE")
        one.set_defaults(handler=handler)


def _one_of(rows, what: str, ref: str):
    found = list(rows.distinct()[:2])
    if len(found) != 1:
        raise BhBillingError(f"{what} {ref}: {'no' if not found else 'more than one'} match in this practice")
    return found[0]


def _patient(ref: str):
    from bhbilling.app.models import Patient

    rows = Patient.objects.filter(account_number=ref.strip())
    if ref.strip().isdigit():
        rows = rows | Patient.objects.filter(pk=int(ref))
    return _one_of(rows, "--patient", ref)


def _provider(ref: str):
    from bhbilling.app.models import Provider

    rows = Provider.objects.filter(npi=ref.strip())
    if ref.strip().isdigit() and len(ref.strip()) != 10:
        rows = rows | Provider.objects.filter(pk=int(ref))
    return _one_of(rows, "--provider", ref)


def _expected(codes: list[str], sessions: list[int]) -> list[tuple[str, list[str], int]]:
    if len(codes) != len(sessions):
        raise BhBillingError(f"--code/--sessions: give one --sessions per --code ({len(codes)} code(s), "
                             f"{len(sessions)} --sessions)")
    out = []
    for text, n in zip(codes, sessions, strict=True):
        code, *mods = text.strip().upper().split(":")
        out.append((code, mods, n))
    return out


@contextmanager
def _estimate(args: argparse.Namespace):
    from bhbilling.app.models import GoodFaithEstimate
    from bhbilling.app.tenancy import scoped_to

    row = GoodFaithEstimate.unscoped.filter(pk=args.id).select_related("practice").first()
    if row is None or (args.practice and find_practice(args.practice).pk != row.practice_id):
        where = " in that practice" if args.practice else ""
        raise BhBillingError(f"estimate {args.id}: no such estimate{where}")
    with scoped_to(row.practice.company_id, row.practice_id):
        yield GoodFaithEstimate.objects.select_related("patient", "provider", "supersedes").get(pk=row.pk)


def handle_create(args: argparse.Namespace) -> int:
    from bhbilling.app.estimates import create_estimate
    from bhbilling.app.tenancy import scoped_to
    from bhbilling.domain.estimates import max_period_end

    practice = find_practice(args.practice)
    requested = args.requested_on or timezone.localdate()
    start = args.period_start or args.first_service or requested
    with scoped_to(practice.company_id, practice.pk):
        e = create_estimate(_patient(args.patient), _provider(args.provider), args.trigger, requested,
                            args.first_service, start, args.period_end or max_period_end(start),
                            _expected(args.code, args.sessions), [d for d in args.dx.split(",") if d.strip()],
                            actor=ACTOR, now=timezone.now())
    console.print(f"estimate {e.number} drafted (id {e.pk}): total ${e.total:,.2f}, period {e.period_start} "
                  f"to {e.period_end}, due {e.due_on}", highlight=False, soft_wrap=True)
    return 0


def handle_list(args: argparse.Namespace) -> int:
    from bhbilling.app.estimates import filtered
    from bhbilling.app.models import GoodFaithEstimate
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    on = args.on or timezone.localdate()
    with scoped_to(practice.company_id, practice.pk):
        base = GoodFaithEstimate.objects.all()
        if args.patient:
            base = base.filter(patient=_patient(args.patient))
        rows = filtered(args.show, on, base)
        table = Table(title=f"{practice.name}: Good Faith Estimates ({args.show.replace('_', ' ')}) on {on}")
        for col in ("id", "number", "patient", "state", "due", "through", "estimated", "billed", "over by"):
            table.add_column(col, justify="right" if col in {"estimated", "billed", "over by"} else "left",
                             no_wrap=col in {"id", "number"})
        for r in rows:
            e, c = r.estimate, r.comparison
            over = "" if c is None else f"{c.difference:,.2f}" + (" DISPUTE" if c.eligible else "")
            table.add_row(str(e.pk), e.number, e.patient.account_number, r.state,
                          str(e.due_on) if r.deadline.due_on else f"none (target {e.due_on})",
                          str(e.period_end), f"{e.total:,.2f}", "" if c is None else f"{c.billed:,.2f}", over)
    console.print(table)
    overdue = sum(1 for r in rows if r.state == "overdue")
    console.print(f"{len(rows)} estimate(s), {overdue} overdue", highlight=False, soft_wrap=True)
    return 1 if overdue else 0


def handle_issue(args: argparse.Namespace) -> int:
    from bhbilling.app.estimates import issue

    with _estimate(args) as e:
        issue(e, args.on or timezone.localdate(), actor=ACTOR)
    console.print(f"estimate {e.number} recorded as given on {e.issued_on}", highlight=False, soft_wrap=True)
    return 0


def handle_dispute(args: argparse.Namespace) -> int:
    from bhbilling.app.estimates.disputes import close_dispute, open_dispute

    on = args.on or timezone.localdate()
    with _estimate(args) as e:
        (close_dispute if args.close else open_dispute)(e, on=on, actor=ACTOR)
    what = "closed" if args.close else "opened: the patient's statements are held"
    console.print(f"estimate {e.number}: dispute {what} ({on})", highlight=False, soft_wrap=True)
    return 0


def handle_void(args: argparse.Namespace) -> int:
    from bhbilling.app.estimates import void

    with _estimate(args) as e:
        void(e, actor=ACTOR)
    console.print(f"estimate {e.number} voided", highlight=False, soft_wrap=True)
    return 0


def handle_pdf(args: argparse.Namespace) -> int:
    from bhbilling.app import audit
    from bhbilling.app.estimates import estimate_pdf

    with _estimate(args) as e:
        data = estimate_pdf(e)
        audit.record("export", e, actor=ACTOR, detail={"format": "pdf"})
    args.out.write_bytes(data)
    console.print(f"estimate {e.number}: {len(data)} bytes written to {args.out}", highlight=False,
                  soft_wrap=True)
    return 0


def handle_check(args: argparse.Namespace) -> int:
    from bhbilling.app import audit
    from bhbilling.app.estimates import billed_vs_estimate

    with _estimate(args) as e:
        c = billed_vs_estimate(e)
        audit.record("read", e, actor=ACTOR, detail={"view": "comparison"})
    console.print(f"estimate {e.number}: estimated ${c.estimated:,.2f}, billed ${c.billed:,.2f} "
                  f"({len(c.items)} line(s); {c.unpriced_sessions} session(s) not coded yet), "
                  f"difference ${c.difference:,.2f}", highlight=False, soft_wrap=True)
    if c.eligible:
        console.print("DISPUTE-ELIGIBLE: billed $400.00 or more above the estimate (45 CFR 149.620)",
                      highlight=False, soft_wrap=True)
        return 1
    return 0
