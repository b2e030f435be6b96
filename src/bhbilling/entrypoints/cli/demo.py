"""``bhbilling demo``: seed the fictional demo world; ``bhbilling demo totp``: a fresh code.

The world is generated from a seed (``--seed``) with "today" fixed at 2026-11-27, so every
run of the same command produces the same practices, patients and sessions.
"""

from __future__ import annotations

import time

from bhbilling.kernel.errors import BhBillingError


class BadDemoArguments(BhBillingError):
    """A count the generator cannot work with."""


def register(sub) -> None:
    p = sub.add_parser("demo", help="load the fictional demo data (or print a demo TOTP code)")
    p.add_argument("--if-empty", action="store_true",
                   help="do nothing when the database already holds a billing company")
    p.add_argument("--seed", type=int, default=None, help="random seed (default 2026)")
    p.add_argument("--sessions", type=int, default=None, help="sessions to create (default 8000)")
    p.add_argument("--patients", type=int, default=None, help="patients to create (default 600)")
    p.add_argument("--cycles", type=int, default=None, metavar="N",
                   help="weekly billing cycles through the payer simulator (default: every "
                        "week of the demo's six months)")
    p.add_argument("--no-billing", action="store_true",
                   help="load the world only: no coding, claims or batches")
    p.set_defaults(handler=handle)
    actions = p.add_subparsers(dest="demo_action", metavar="ACTION")
    t = actions.add_parser("totp", help="print the current TOTP code of a demo user")
    t.add_argument("--user", default="admin", help="demo username (default admin)")
    t.set_defaults(handler=handle_totp)


def handle_totp(args) -> int:
    from bhbilling.app.demo import current_totp
    from bhbilling.entrypoints.cli.console import console

    code = current_totp(args.user)
    remaining = 30 - int(time.time()) % 30
    console.print(f"{code}  [dim](user {args.user}, valid for about {remaining} s)[/dim]",
                  highlight=False)
    return 0


def handle(args) -> int:
    from bhbilling.app.demo import database_is_empty, seed_demo
    from bhbilling.domain.demo import (
        DEFAULT_PATIENTS,
        DEFAULT_SEED,
        DEFAULT_SESSIONS,
        DEMO_PASSWORD,
        demo_totp_secret_base32,
        generate_world,
    )
    from bhbilling.entrypoints.cli.console import console, progress

    seed = DEFAULT_SEED if args.seed is None else args.seed
    sessions = DEFAULT_SESSIONS if args.sessions is None else args.sessions
    patients = DEFAULT_PATIENTS if args.patients is None else args.patients
    if sessions < 0 or patients < 3:
        raise BadDemoArguments("--sessions must be >= 0 and --patients >= 3")
    if args.if_empty and not database_is_empty():
        console.print("Demo skipped: the database already holds data (--if-empty).")
        return 0
    started = time.perf_counter()
    with progress() as bar:
        gen = bar.add_task("generate world", total=1)
        world = generate_world(seed, sessions_total=sessions, patients_total=patients)
        bar.update(gen, completed=1)
        tasks: dict[str, int] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done if total else 1)

        result = seed_demo(world, progress=report)
        cycles = work = None
        if not args.no_billing:
            from bhbilling.app.demo.cycles import run_cycles
            from bhbilling.app.demo.workqueue import work_the_money

            cycles = run_cycles(result.company_id, today=world.today, cycles=args.cycles,
                                progress=report)
            work = work_the_money(result.company_id, today=world.today, progress=report)
    elapsed = time.perf_counter() - started
    console.print(f"[bold]Demo loaded[/bold] in {elapsed:.1f} s (seed {seed}, "
                  f"demo today {world.today.isoformat()}):")
    for kind, count in result.counts.items():
        console.print(f"  {kind:<16} {count:>6}")
    if cycles is not None:
        _print_cycles(result.company_id, cycles)
    if work is not None:
        console.print(f"  worked: {work.assigned} denials assigned, {work.appeals} appeals drafted, "
                      f"{work.write_offs} write-offs awaiting approval, {work.notes} follow-up notes, "
                      f"{work.estimates} Good Faith Estimates, statements {work.statements_ready} "
                      f"ready / {work.statements_held} held", highlight=False)
    for note in result.skipped:
        console.print(f"  [yellow]skipped:[/yellow] {note}")
    console.print(f"Demo logins (demo-only password {DEMO_PASSWORD!r}): "
                  + ", ".join(u.username for u in world.users))
    console.print(f"TOTP secret (base32, every demo user): {demo_totp_secret_base32(seed)}; "
                  "current code: bhbilling demo totp")
    return 0


def _print_cycles(company_id: int, cycles) -> None:
    from django.db.models import Count

    from bhbilling.app.models import Claim
    from bhbilling.entrypoints.cli.console import console

    states = dict(Claim.unscoped.filter(practice__company_id=company_id).values_list("state")
                  .annotate(n=Count("id")).values_list("state", "n"))
    console.print(f"  {cycles.cycles} weekly cycles through the payer simulator: "
                  f"{cycles.batches_sent} 837P files sent, {cycles.files_processed} answers "
                  f"processed ({cycles.files_failed} failed); {cycles.patient_payments} patient "
                  "payments", highlight=False)
    console.print("  claims by state: " + ", ".join(f"{k} {v}" for k, v in sorted(states.items())),
                  highlight=False)
