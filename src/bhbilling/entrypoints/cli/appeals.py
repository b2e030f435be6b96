"""``bhbilling appeals``: appeals of denials from the command line.

- ``appeals list --practice P [--status open|draft|sent|decided|all] [--date D]``: appeals
  by deadline with days left; an unsent appeal whose reminder is due is flagged.
- ``appeals start DENIAL_ID --practice P [--signer NAME] [--late-reason TEXT] [--date D]``:
  a level-1 draft with its letter (a passed deadline needs ``--late-reason``).
- ``appeals letter APPEAL_ID --practice P --out FILE``: the letter PDF (audited export).
- ``appeals sent APPEAL_ID --practice P [--date D] [--late-reason TEXT]``: claim -> appealed.
- ``appeals decide APPEAL_ID --practice P --outcome won|partial|lost|withdrawn
  [--recovered AMOUNT] [--date D] [--note TEXT]``: a loss prints the next level's deadline.
- ``appeals next APPEAL_ID --practice P``: start the next level after a lost appeal.
- ``appeals reminders --practice P [--date D]``: unsent appeals due for a reminder
  (14, 7 and 2 days before the deadline); exit 1 when any is due, so a scheduler can alert.
"""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils import timezone
from rich.table import Table

from bhbilling.entrypoints.cli.console import console
from bhbilling.entrypoints.cli.imports import find_practice
from bhbilling.kernel.errors import BhBillingError

ACTOR = "cli:appeals"


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: expected a date YYYY-MM-DD") from None


def _money(value: str) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{value!r}: expected an amount such as 120.00") from None


def register(sub) -> None:
    p = sub.add_parser("appeals", help="appeals of denials: letters, deadlines, reminders")
    actions = p.add_subparsers(dest="appeals_action", metavar="ACTION", required=True)
    lst = actions.add_parser("list", help="appeals by deadline")
    lst.add_argument("--status", default="open", choices=["open", "draft", "sent", "decided", "all"])
    lst.set_defaults(handler=handle_list)
    start = actions.add_parser("start", help="draft a level-1 appeal of a denial")
    start.add_argument("denial_id", type=int, metavar="DENIAL_ID")
    start.add_argument("--signer", help="who signs the letter")
    start.set_defaults(handler=handle_start)
    letter = actions.add_parser("letter", help="write the letter PDF")
    letter.add_argument("appeal_id", type=int, metavar="APPEAL_ID")
    letter.add_argument("--out", required=True, type=Path, metavar="FILE")
    letter.set_defaults(handler=handle_letter)
    sent = actions.add_parser("sent", help="the letter went to the payer")
    sent.add_argument("appeal_id", type=int, metavar="APPEAL_ID")
    sent.set_defaults(handler=handle_sent)
    decide = actions.add_parser("decide", help="record the payer's decision")
    decide.add_argument("appeal_id", type=int, metavar="APPEAL_ID")
    decide.add_argument("--outcome", required=True, choices=["won", "partial", "lost", "withdrawn"])
    decide.add_argument("--recovered", type=_money, default=Decimal("0.00"), metavar="AMOUNT")
    decide.add_argument("--note", default="")
    decide.set_defaults(handler=handle_decide)
    nxt = actions.add_parser("next", help="start the next level after a lost appeal")
    nxt.add_argument("appeal_id", type=int, metavar="APPEAL_ID")
    nxt.add_argument("--signer", help="who signs the letter")
    nxt.set_defaults(handler=handle_next)
    rem = actions.add_parser("reminders", help="unsent appeals due for a reminder")
    rem.set_defaults(handler=handle_reminders)
    for action in (lst, start, letter, sent, decide, nxt, rem):
        action.add_argument("--practice", required=True, metavar="ID_OR_NPI")
        action.add_argument("--date", type=_date, metavar="DATE", help="as of (default today)")
    for action in (start, sent, nxt):
        action.add_argument("--late-reason", default="",
                            help="file after the deadline, for this reason (good cause)")


def _late(args: argparse.Namespace) -> dict:
    return {"late_ok": bool(args.late_reason.strip()), "late_reason": args.late_reason}


def _appeal(appeal_id: int):
    from bhbilling.app.models import Appeal

    row = Appeal.objects.select_related("claim__payer", "denial").filter(pk=appeal_id).first()
    if row is None:
        raise BhBillingError(f"appeal {appeal_id}: no appeal of this practice has that id")
    return row


def _run(args: argparse.Namespace, work) -> int:
    from bhbilling.app import audit
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    today = args.date or timezone.localdate()
    with scoped_to(practice.company_id, practice.pk), audit.acting_as(ACTOR):
        return work(practice, today)


def handle_list(args: argparse.Namespace) -> int:
    from bhbilling.app import audit
    from bhbilling.app.appeals.queries import appeal_rows

    def work(practice, today):
        rows = appeal_rows(practice.pk, today, args.status)
        audit.record("list", None, object_type="appeal", practice_id=practice.pk,
                     detail={"count": len(rows)}, actor=ACTOR)
        table = Table(title=f"{practice.name}: appeals ({args.status}) on {today}")
        for col in ("id", "claim", "payer", "level", "category", "status", "deadline", "days left",
                    "reminder"):
            table.add_column(col, justify="right" if col in {"id", "level", "days left"} else "left")
        for r in rows:
            a = r.appeal
            flag = "DEADLINE PASSED" if r.overdue else (f"due since {r.reminder_on}"
                                                        if r.reminder_on else "")
            table.add_row(str(a.pk), a.claim.patient_control_number,
                          a.claim.payer.name if a.claim.payer else "-", str(a.level), a.category,
                          a.status, str(a.deadline), str(r.days_left), flag)
        console.print(table)
        return 0

    return _run(args, work)


def handle_start(args: argparse.Namespace) -> int:
    from bhbilling.app.appeals.service import start_appeal
    from bhbilling.app.models import Denial

    def work(practice, today):
        denial = Denial.objects.select_related("claim").filter(pk=args.denial_id).first()
        if denial is None:
            raise BhBillingError(f"denial {args.denial_id}: no denial of this practice has that id")
        appeal = start_appeal(denial, actor=ACTOR, today=today, signer=args.signer, **_late(args))
        console.print(f"appeal {appeal.pk} drafted ({appeal.template}): deadline {appeal.deadline}, "
                      f"{len(appeal.attachments)} enclosure(s)", highlight=False)
        for line in appeal.note.splitlines():
            console.print(f"note: {line}", highlight=False)
        return 0

    return _run(args, work)


def handle_letter(args: argparse.Namespace) -> int:
    from bhbilling.app.appeals.letters import letter_pdf

    def work(practice, today):
        pdf = letter_pdf(_appeal(args.appeal_id), actor=ACTOR)
        args.out.write_bytes(pdf)
        console.print(f"letter of appeal {args.appeal_id} written to {args.out} ({len(pdf)} bytes)",
                      highlight=False)
        return 0

    return _run(args, work)


def handle_sent(args: argparse.Namespace) -> int:
    from bhbilling.app.appeals.service import mark_sent

    def work(practice, today):
        appeal = mark_sent(_appeal(args.appeal_id), actor=ACTOR, today=today, **_late(args))
        console.print(f"appeal {appeal.pk} sent on {appeal.sent_on}; claim "
                      f"{appeal.claim.patient_control_number} is appealed", highlight=False)
        return 0

    return _run(args, work)


def handle_decide(args: argparse.Namespace) -> int:
    from bhbilling.app.appeals.service import record_decision

    def work(practice, today):
        result = record_decision(_appeal(args.appeal_id), outcome=args.outcome, decided_on=today,
                                 recovered=args.recovered, actor=ACTOR, note=args.note)
        console.print(f"appeal {args.appeal_id}: {args.outcome} on {today}", highlight=False)
        if args.outcome in ("won", "partial"):
            console.print("the payer pays by a later 835; nothing is posted now", highlight=False)
        if result.next_level:
            n = result.next_level
            console.print(f"next level {n.level}: {n.name} by {n.deadline} "
                          f"(bhbilling appeals next {args.appeal_id})", highlight=False)
        return 0

    return _run(args, work)


def handle_next(args: argparse.Namespace) -> int:
    from bhbilling.app.appeals.service import start_next_level

    def work(practice, today):
        new = start_next_level(_appeal(args.appeal_id), actor=ACTOR, today=today,
                               signer=args.signer, **_late(args))
        console.print(f"appeal {new.pk} (level {new.level}) drafted: deadline {new.deadline}",
                      highlight=False)
        return 0

    return _run(args, work)


def handle_reminders(args: argparse.Namespace) -> int:
    from bhbilling.app.appeals.service import reminders_due

    def work(practice, today):
        due = reminders_due(practice.pk, today)
        for r in due:
            a = r.appeal
            console.print(f"appeal {a.pk} claim {a.claim.patient_control_number}: send by "
                          f"{a.deadline} ({r.days_left} day(s) left; reminder of {r.reminder_on})",
                          highlight=False)
        console.print(f"{len(due)} appeal(s) due for a reminder on {today}", highlight=False)
        return 1 if due else 0

    return _run(args, work)
