"""``bhbilling denials`` (the workbench) and ``bhbilling writeoffs`` (the approval queue).

- ``denials list --practice P [--category C] [--payer ID] [--assignee me|none|USER]
  [--status open|in_progress|resolved|written_off|all] [--as USER] [--json]``: the queue,
  highest expected recovery (dollars x recovery chance) first, then the soonest deadline.
- ``denials show --practice P ID``: the denial with its codes, advice and deadline.
- ``denials assign --practice P --as USER --to USER|me|none ID [ID ...]``.
- ``denials act --practice P --as USER ID ACTION [--reason TEXT] [--amount 12.34]
  [--kind KIND] [--waiver] [--late-reason TEXT]``; ACTION is correct, void, appeal,
  write_off, to_patient or next_payer.
- ``denials recategorize [--practice P] [--keep-deadlines]``: apply the CARC/RARC mapping and
  the payer's appeal window to stored denials (data imported before this feature).
- ``writeoffs list --practice P [--status pending|approved|rejected|all]``;
  ``writeoffs approve|reject --practice P --as USER ID [--note TEXT]``.
``--as`` names the acting user: the CLI checks the same rights as the web and the API
(WORK_DENIALS to work denials, APPROVE_WRITEOFFS to decide write-offs) and audits as them.
"""

from __future__ import annotations

import argparse
import json

from django.utils import timezone
from rich.table import Table

from bhbilling.entrypoints.cli.console import console, progress
from bhbilling.entrypoints.cli.imports import find_practice
from bhbilling.kernel.errors import BhBillingError

STATUSES = ("open", "in_progress", "resolved", "written_off", "all")
ACTIONS = ("correct", "void", "appeal", "write_off", "to_patient", "next_payer")


def register(sub) -> None:
    p = sub.add_parser("denials", help="denial workbench: queue, assign, act, recategorize")
    acts = p.add_subparsers(dest="denials_action", metavar="ACTION", required=True)
    lst = acts.add_parser("list", help="the denials to work, highest priority first")
    lst.add_argument("--category", default="")
    lst.add_argument("--payer", type=int, metavar="ID")
    lst.add_argument("--assignee", default="", metavar="me|none|USER")
    lst.add_argument("--status", default="", choices=("", *STATUSES))
    lst.add_argument("--as", dest="user", metavar="USER", help="who 'me' is")
    lst.add_argument("--json", action="store_true", help="machine-readable output")
    lst.set_defaults(handler=handle_list)
    show = acts.add_parser("show", help="one denial with its advice")
    show.add_argument("denial", type=int)
    show.set_defaults(handler=handle_show)
    asg = acts.add_parser("assign", help="assign denials to a user (or none)")
    asg.add_argument("--to", required=True, metavar="USER|me|none")
    asg.add_argument("denials", type=int, nargs="+", metavar="ID")
    asg.set_defaults(handler=handle_assign)
    act = acts.add_parser("act", help="correct, void, appeal, write off, move to patient/next payer")
    act.add_argument("denial", type=int)
    act.add_argument("action", choices=ACTIONS)
    act.add_argument("--reason", default="")
    act.add_argument("--amount", default="", help="write_off amount (default: the denied amount)")
    act.add_argument("--kind", default="administrative", help="write_off kind, e.g. bad_debt")
    act.add_argument("--waiver", action="store_true", help="to_patient: signed waiver/ABN on file")
    act.add_argument("--late-reason", default="", help="appeal after the deadline: good cause")
    act.set_defaults(handler=handle_act)
    for parser in (asg, act):
        parser.add_argument("--as", dest="user", required=True, metavar="USER",
                            help="the user acting (needs the work-denials right)")
    for parser in (lst, show, asg, act):
        parser.add_argument("--practice", required=True, metavar="ID_OR_NPI")
    rec = acts.add_parser("recategorize", help="re-apply categories and appeal deadlines")
    rec.add_argument("--practice", metavar="ID_OR_NPI", help="default: every practice")
    rec.add_argument("--keep-deadlines", action="store_true",
                     help="keep deadlines already set (only fill the missing ones)")
    rec.set_defaults(handler=handle_recategorize)

    w = sub.add_parser("writeoffs", help="write-offs waiting for a second user's approval")
    wacts = w.add_subparsers(dest="writeoffs_action", metavar="ACTION", required=True)
    wl = wacts.add_parser("list", help="write-off requests")
    wl.add_argument("--status", default="pending", choices=("pending", "approved", "rejected", "all"))
    wl.set_defaults(handler=handle_writeoffs)
    for name in ("approve", "reject"):
        d = wacts.add_parser(name, help=f"{name} a pending write-off")
        d.add_argument("writeoff", type=int, metavar="ID")
        d.add_argument("--as", dest="user", required=True, metavar="USER",
                       help="the approver: a different user with the approve-write-offs right")
        d.add_argument("--note", default="")
        d.set_defaults(handler=handle_decide, decision=name)
    for parser in (wl, *(wacts.choices[n] for n in ("approve", "reject"))):
        parser.add_argument("--practice", required=True, metavar="ID_OR_NPI")


def _user(name: str | None, practice_id: int, permission):
    from django.contrib.auth import get_user_model

    from bhbilling.app.tenancy.access import access_for

    if not name:
        return None
    user = get_user_model().objects.filter(username=name, is_active=True).first()
    if user is None:
        raise BhBillingError(f"--as {name}: no active user has that username")
    access = access_for(user)
    if access is None or not access.can(permission, practice_id):
        raise BhBillingError(f"--as {name}: the user's role in this practice does not allow "
                             f"{permission.label.lower()}")
    return user


def _scope(args):
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    return practice, scoped_to(practice.company_id, practice.pk)


def _row(it) -> dict:
    d = it.denial
    return {"id": d.pk, "claim": d.claim.patient_control_number, "payer": d.claim.payer.name
            if d.claim.payer else "", "dos": str(d.payment.service_date or ""),
            "code": d.procedure_code, "amount": str(d.amount), "category": it.category.value,
            "codes": [c for c, _ in it.codes], "action": it.advice.action,
            "expected": str(it.score), "deadline": str(d.appeal_deadline or ""),
            "days_left": it.days_left, "status": d.status,
            "assignee": d.assigned_to.get_username() if d.assigned_to else ""}


def handle_list(args: argparse.Namespace) -> int:
    from django.contrib.auth import get_user_model

    from bhbilling.app.denials.queue import QueueFilters, workbench
    from bhbilling.domain.access import Permission

    practice, scope = _scope(args)
    with scope:
        me = _user(args.user, practice.pk, Permission.WORK_DENIALS)
        assignee = None
        if args.assignee == "me":
            if me is None:
                raise BhBillingError("--assignee me needs --as USER")
            assignee = me.pk
        elif args.assignee == "none":
            assignee = 0
        elif args.assignee:
            found = get_user_model().objects.filter(username=args.assignee).first()
            if found is None:
                raise BhBillingError(f"--assignee {args.assignee}: no user has that username")
            assignee = found.pk
        items = workbench(practice.pk, QueueFilters(args.category, args.payer, assignee, args.status),
                          today=timezone.localdate(), actor=me or "cli:denials")
        rows = [_row(it) for it in items]
    if args.json:
        console.print_json(json.dumps(rows))
        return 0
    table = Table(title=f"{practice.name}: {len(rows)} denial(s) to work")
    for col in ("id", "claim", "payer", "DOS", "code", "amount", "category", "CARC/RARC",
                "expected", "deadline", "assignee", "recommended action"):
        table.add_column(col, justify="right" if col in {"amount", "expected", "id"} else "left")
    for r in rows:
        left = "" if r["days_left"] is None else f" ({r['days_left']}d)"
        table.add_row(str(r["id"]), r["claim"], r["payer"], r["dos"], r["code"], f"${r['amount']}",
                      r["category"], " ".join(r["codes"]), f"${r['expected']}",
                      f"{r['deadline']}{left}" or "-", r["assignee"] or "-", r["action"])
    console.print(table)
    return 0


def _denial(pk: int):
    from bhbilling.app.models import Denial

    found = Denial.objects.select_related("claim__payer", "claim__patient", "payment",
                                          "assigned_to").filter(pk=pk).first()
    if found is None:
        raise BhBillingError(f"denial {pk}: no denial of this practice has that id")
    return found


def handle_show(args: argparse.Namespace) -> int:
    from bhbilling.app import audit
    from bhbilling.app.denials.queue import item_for

    _, scope = _scope(args)
    with scope:
        denial = _denial(args.denial)
        audit.record("read", denial, actor="cli:denials")
        it = item_for(denial, timezone.localdate())
        r = _row(it)
    console.print(f"denial {r['id']} · claim {r['claim']} · {r['payer']} · DOS {r['dos']} · "
                  f"${r['amount']} · {it.category.label} · {r['status']}", highlight=False)
    for code, text in it.codes:
        console.print(f"  {code}: {text}", highlight=False)
    console.print(f"correctable: {'yes' if it.advice.correctable else 'no'} · appealable: "
                  f"{'yes' if it.advice.appealable else 'no'} · expected recovery ${r['expected']}",
                  highlight=False)
    console.print(f"deadline: {r['deadline'] or 'none'} · assigned to: {r['assignee'] or 'nobody'}",
                  highlight=False)
    console.print(f"recommended: {it.advice.action}", highlight=False)
    return 0


def handle_assign(args: argparse.Namespace) -> int:
    from bhbilling.app.denials.assignment import assign, workers
    from bhbilling.domain.access import Permission

    practice, scope = _scope(args)
    with scope:
        me = _user(args.user, practice.pk, Permission.WORK_DENIALS)
        if args.to == "me":
            target = me
        elif args.to == "none":
            target = None
        else:
            target = next((u for u in workers(practice.pk) if u.get_username() == args.to), None)
            if target is None:
                raise BhBillingError(f"--to {args.to}: not a user who may work denials in this practice")
        rows = [_denial(pk) for pk in args.denials]
        count = assign(rows, target, actor=me)
    console.print(f"{count} denial(s) assigned to {target.get_username() if target else 'nobody'}",
                  highlight=False)
    return 0


def handle_act(args: argparse.Namespace) -> int:
    from bhbilling.app.denials.perform import perform
    from bhbilling.domain.access import Permission

    practice, scope = _scope(args)
    with scope:
        me = _user(args.user, practice.pk, Permission.WORK_DENIALS)
        outcome = perform(_denial(args.denial), args.action, actor=me, now=timezone.now(),
                          today=timezone.localdate(), reason=args.reason, amount=args.amount,
                          kind=args.kind, waiver_on_file=args.waiver,
                          late_ok=bool(args.late_reason.strip()), late_reason=args.late_reason)
    console.print(outcome.message, highlight=False)
    return 0


def handle_recategorize(args: argparse.Namespace) -> int:
    from bhbilling.app.audit import acting_as
    from bhbilling.app.denials.classification import recategorize
    from bhbilling.app.models import Denial

    practice_id = find_practice(args.practice).pk if args.practice else None
    rows = Denial.unscoped.all() if practice_id is None else Denial.unscoped.filter(
        practice_id=practice_id)
    total = rows.count()
    with acting_as("cli:denials-recategorize"), progress(transient=True) as bar:
        task = bar.add_task("recategorizing denials", total=total)
        changed = recategorize(practice_id, keep_deadlines=args.keep_deadlines,
                               progress=lambda: bar.advance(task))
    console.print(f"{changed} of {total} denial(s) updated (category and appeal deadline)",
                  highlight=False)
    return 0


def handle_writeoffs(args: argparse.Namespace) -> int:
    from bhbilling.app import audit
    from bhbilling.app.models import WriteOff

    practice, scope = _scope(args)
    with scope:
        rows = WriteOff.objects.select_related("claim", "requested_by", "decided_by")
        if args.status != "all":
            rows = rows.filter(status=args.status)
        rows = list(rows[:500])
        audit.record("list", object_type="writeoff", practice_id=practice.pk, actor="cli:writeoffs",
                     detail={"count": len(rows)})
    table = Table(title=f"{practice.name}: write-offs ({args.status})")
    for col in ("id", "claim", "from", "amount", "kind", "reason", "requested by", "status"):
        table.add_column(col, justify="right" if col in {"id", "amount"} else "left")
    for wo in rows:
        table.add_row(str(wo.pk), wo.claim.patient_control_number if wo.claim else "-", wo.source,
                      f"${wo.amount}", wo.kind, wo.reason,
                      wo.requested_by.get_username() if wo.requested_by
                      else f"rule {wo.rule}" if wo.rule else "system",
                      wo.status)
    console.print(table)
    return 0


def handle_decide(args: argparse.Namespace) -> int:
    from bhbilling.app.models import WriteOff
    from bhbilling.app.writeoffs import approve, reject
    from bhbilling.domain.access import Permission

    practice, scope = _scope(args)
    with scope:
        approver = _user(args.user, practice.pk, Permission.APPROVE_WRITEOFFS)
        wo = WriteOff.objects.filter(pk=args.writeoff).first()
        if wo is None:
            raise BhBillingError(f"write-off {args.writeoff}: no write-off of this practice has that id")
        decide = approve if args.decision == "approve" else reject
        decide(wo, approver=approver, now=timezone.now(), note=args.note)
    verb = "approved and posted" if args.decision == "approve" else "rejected (nothing posted)"
    console.print(f"write-off {wo.pk} of ${wo.amount} {verb}", highlight=False)
    return 0
