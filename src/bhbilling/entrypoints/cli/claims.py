"""``bhbilling claims``: build claims from coded sessions, make them ready, batch them.

- ``claims build [--practice P] [--from D --to D] [--accept-clean]`` builds a draft claim for
  every completed, signed, coded session without one (``--accept-clean`` first accepts
  proposals that carry no warning, as a coder clearing the easy ones would).
- ``claims ready [--practice P]`` runs the readiness gates (837P completeness, scrubber) and
  lists what blocks each claim that is not ready.
- ``claims batch [--practice P] [--out DIR] [--test|--production]`` writes the ready claims
  into 837P files (one per payer, bounded size), with a progress bar and a summary.
- ``claims list [--practice P] [--state S]`` shows claims and their states.
Without ``--practice`` a command works through every active practice.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from rich.table import Table

from bhbilling.entrypoints.cli.console import console, err_console, progress
from bhbilling.entrypoints.cli.imports import find_practice
from bhbilling.kernel.errors import BhBillingError

ACTOR = "cli:claims"


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: expected a date YYYY-MM-DD") from None


def register(sub) -> None:
    p = sub.add_parser("claims", help="build, ready and batch claims (837P)")
    actions = p.add_subparsers(dest="claims_action", metavar="ACTION", required=True)
    build = actions.add_parser("build", help="draft claims from coded sessions")
    build.add_argument("--from", dest="date_from", type=_date, metavar="DATE")
    build.add_argument("--to", dest="date_to", type=_date, metavar="DATE")
    build.add_argument("--accept-clean", action="store_true",
                       help="accept proposed coding that has no warning before building")
    build.set_defaults(handler=handle_build)
    ready = actions.add_parser("ready", help="check drafts and mark those with no blocker ready")
    ready.set_defaults(handler=handle_ready)
    batch = actions.add_parser("batch", help="write ready claims into 837P files")
    batch.add_argument("--out", type=Path, metavar="DIR", help="also write the files here")
    usage = batch.add_mutually_exclusive_group()
    usage.add_argument("--test", dest="usage", action="store_const", const="T",
                       help="ISA15 T whatever the connection says")
    usage.add_argument("--production", dest="usage", action="store_const", const="P",
                       help="ISA15 P whatever the connection says")
    batch.set_defaults(handler=handle_batch)
    for name, text in (("correct", "draft a frequency-7 replacement of an adjudicated claim"),
                       ("void", "draft a frequency-8 void of an adjudicated claim")):
        c = actions.add_parser(name, help=text)
        c.add_argument("claim", metavar="CLAIM_NUMBER", help="our claim number (CLM01)")
        c.add_argument("--reason", required=True)
        c.add_argument("--practice", required=True, metavar="ID_OR_NPI")
        c.set_defaults(handler=handle_correct, correction=name)
    fu = actions.add_parser("follow-up", help="claims with no 277CA or no 835 in time; --send "
                                              "asks their payers with a 276")
    fu.add_argument("--send", action="store_true", help="send 276 status inquiries for them")
    fu.add_argument("--no-ack-days", type=int, default=5)
    fu.add_argument("--no-payment-days", type=int, default=30)
    fu.set_defaults(handler=handle_follow_up)
    lst = actions.add_parser("list", help="claims and their states")
    lst.add_argument("--state", help="only claims in this state")
    lst.add_argument("--limit", type=int, default=50)
    lst.set_defaults(handler=handle_list)
    for action in (build, ready, batch, lst, fu):  # correct/void take --practice themselves
        action.add_argument("--practice", metavar="ID_OR_NPI",
                            help="one practice (default: every active practice)")


def _practices(args):
    from bhbilling.app.models import Practice

    if args.practice:
        return [find_practice(args.practice)]
    return list(Practice.unscoped.filter(active=True).order_by("id"))


def _accept_clean(sessions, bar) -> int:
    from bhbilling.app.coding_bulk import accept_clean

    task = bar.add_task("accepting clean proposals", total=len(sessions))
    summary = accept_clean(sessions, actor=ACTOR,
                           progress=lambda done, total: bar.update(task, completed=done))
    if summary.left_for_review:
        err_console.print(f"  {summary.left_for_review} proposal(s) carry a warning or lack a "
                          "fee: left for a coder to review", highlight=False)
    return summary.accepted


def handle_build(args) -> int:
    from bhbilling.app.claims.build import build_claims
    from bhbilling.app.models import ClinicalSession, SessionStatus
    from bhbilling.app.tenancy import scoped_to

    built = skipped = 0
    for practice in _practices(args):
        with scoped_to(practice.company_id, practice.id), progress() as bar:
            rows = (ClinicalSession.objects.filter(status=SessionStatus.COMPLETED, note_signed=True,
                                                   claims__isnull=True)
                    .select_related("provider__supervisor", "patient", "location")
                    .order_by("date_of_service", "id"))
            if args.date_from:
                rows = rows.filter(date_of_service__gte=args.date_from)
            if args.date_to:
                rows = rows.filter(date_of_service__lte=args.date_to)
            sessions = list(rows)
            if args.accept_clean:
                _accept_clean(sessions, bar)
            task = bar.add_task(f"building claims · {practice.name}", total=len(sessions))
            summary = build_claims(sessions, actor=ACTOR,
                                   progress=lambda done, total, t=task: bar.update(t, completed=done))
        built += len(summary.claims)
        skipped += len(summary.skipped)
        console.print(f"{practice.name}: {len(summary.claims)} claim(s) built, "
                      f"${summary.total_charge:,.2f} charged; {len(summary.skipped)} session(s) "
                      "not billable yet", markup=False, highlight=False)
        for _session_id, why in summary.skipped[:20]:
            err_console.print(f"  {why}", markup=False, highlight=False)
        if len(summary.skipped) > 20:
            err_console.print(f"  ... and {len(summary.skipped) - 20} more", highlight=False)
    return 0


def handle_ready(args) -> int:
    from bhbilling.app.claims.readiness import claims_to_check, prepare_claims
    from bhbilling.app.tenancy import scoped_to

    blocked_total = 0
    for practice in _practices(args):
        with scoped_to(practice.company_id, practice.id):
            summary = prepare_claims(claims_to_check(practice.pk), actor=ACTOR)
        blocked_total += len(summary.blocked)
        console.print(f"{practice.name}: {len(summary.ready)} ready, {len(summary.blocked)} "
                      "blocked", markup=False, highlight=False)
        for pcn, reasons in list(summary.blocked.items())[:50]:
            for reason in reasons:
                err_console.print(f"  {pcn}: {reason}", markup=False, highlight=False)
    return 1 if blocked_total else 0


def handle_batch(args) -> int:
    from bhbilling.app.submission.batches import create_batches
    from bhbilling.app.tenancy import scoped_to

    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    files = claims = failed = 0
    with progress() as bar:
        for practice in _practices(args):
            task = bar.add_task(f"batching · {practice.name}", total=None)
            with scoped_to(practice.company_id, practice.id):
                summary = create_batches(
                    practice, usage=args.usage, actor=ACTOR,
                    progress=lambda done, total, t=task: bar.update(t, completed=done, total=total))
            bar.update(task, total=max(len(summary.batches), 1), completed=max(len(summary.batches), 1))
            for batch in summary.batches:
                if args.out:
                    (args.out / batch.file_name).write_text(batch.content, encoding="ascii")
            files += len(summary.batches)
            claims += summary.claim_count
            failed += len(summary.failed)
            for _pcn, why in summary.failed:
                err_console.print(f"  not sent: {why}", markup=False, highlight=False)
            _print_batches(practice, summary.batches)
    where = f" into {args.out}" if args.out else ""
    console.print(f"{files} file(s), {claims} claim(s) written{where}"
                  + (f"; {failed} claim(s) could not be written" if failed else ""),
                  highlight=False)
    return 1 if failed else 0


def _print_batches(practice, batches) -> None:
    if not batches:
        return
    table = Table(title=f"{practice.name}: batches")
    for col in ("file", "payer", "ISA13", "claims", "charges", "usage"):
        table.add_column(col, justify="right" if col in {"ISA13", "claims", "charges"} else "left")
    for b in batches:
        table.add_row(b.file_name, b.payer.name if b.payer else "-", f"{b.interchange_number:09d}",
                      str(b.claim_count), f"${b.total_charge:,.2f}", b.usage_indicator)
    console.print(table)


def handle_list(args) -> int:
    from bhbilling.app.models import Claim
    from bhbilling.app.tenancy import scoped_to

    if args.limit < 1:
        raise BhBillingError("--limit must be at least 1")
    for practice in _practices(args):
        with scoped_to(practice.company_id, practice.id):
            rows = Claim.objects.select_related("payer").order_by("-id")
            if args.state:
                rows = rows.filter(state=args.state)
            table = Table(title=f"{practice.name}: claims")
            for col in ("claim", "payer", "freq", "state", "charge"):
                table.add_column(col, justify="right" if col == "charge" else "left")
            for c in rows[: args.limit]:
                table.add_row(c.patient_control_number, c.payer.name if c.payer else "-",
                              c.frequency_code, c.state, f"${c.total_charge:,.2f}")
        console.print(table)
    return 0


def handle_correct(args) -> int:
    from bhbilling.app.claims.corrections import replace_claim, void_claim
    from bhbilling.app.models import Claim
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    with scoped_to(practice.company_id, practice.pk):
        claim = Claim.objects.filter(patient_control_number=args.claim).first()
        if claim is None:
            raise BhBillingError(f"no claim {args.claim} in {practice.name}")
        make = void_claim if args.correction == "void" else replace_claim
        new = make(claim, actor=ACTOR, reason=args.reason)
    console.print(f"claim {new.patient_control_number} (frequency {new.frequency_code}) drafted "
                  f"for {claim.patient_control_number}; run `claims ready` then `claims batch`",
                  highlight=False)
    return 0


def handle_follow_up(args) -> int:
    from django.utils import timezone

    from bhbilling.app.claims.followup import due_for_follow_up, send_status_inquiries
    from bhbilling.app.submission.batches import default_clearinghouse
    from bhbilling.app.tenancy import scoped_to

    today = timezone.localdate()
    for practice in _practices(args):
        with scoped_to(practice.company_id, practice.pk):
            due = due_for_follow_up(practice.pk, today, no_ack_days=args.no_ack_days,
                                    no_payment_days=args.no_payment_days)
        table = Table(title=f"{practice.name}: {len(due)} claim(s) to follow up")
        for col in ("claim", "payer", "state", "payer claim #", "charge"):
            table.add_column(col, justify="right" if col == "charge" else "left")
        for c in due[:200]:
            table.add_row(c.patient_control_number, c.payer.name if c.payer else "-", c.state,
                          c.payer_claim_number or "-", f"${c.total_charge:,.2f}")
        console.print(table)
        if args.send and due:
            run = send_status_inquiries(default_clearinghouse(practice.company_id), due,
                                        today=today, now=timezone.now())
            console.print(f"276 {run.file_name}: {len(run.asked)} claim(s) asked, "
                          f"{'delivered' if run.delivered else 'NOT delivered'}", highlight=False)
    return 0
