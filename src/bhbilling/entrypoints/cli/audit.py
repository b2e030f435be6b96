"""``bhbilling audit``: prove the audit trail is intact, and show its latest events.

- ``audit verify`` re-hashes the whole chain (streamed, bounded memory) and prints
  ``OK`` with the event count, or one line per broken link (seq, code, what is wrong);
  exit status 0 when intact, 1 otherwise. A progress bar appears for large chains.
- ``audit tail [-n 20]`` prints the most recent events: ids, actions and actors only, never
  PHI (the trail stores none, and ``detail`` is not printed).

HIPAA 45 CFR 164.308(a)(1)(ii)(D): regular review of information system activity.
"""

from __future__ import annotations

import argparse

from bhbilling.entrypoints.cli.console import console, progress

PROGRESS_THRESHOLD = 10_000


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return value


def register(subparsers) -> None:
    parser = subparsers.add_parser("audit", help="verify and read the tamper-evident audit trail")
    sub = parser.add_subparsers(dest="audit_command", metavar="ACTION")
    sub.required = True
    verify = sub.add_parser("verify", help="re-hash the whole chain; exit 1 on any broken link")
    verify.set_defaults(handler=run_verify)
    tail = sub.add_parser("tail", help="show the most recent events (no PHI)")
    tail.add_argument("-n", type=_positive, default=20, metavar="N",
                      help="how many events (default 20)")
    tail.set_defaults(handler=run_tail)


def run_verify(args: argparse.Namespace) -> int:
    from bhbilling.app import audit
    from bhbilling.app.models import AuditEvent

    total = AuditEvent.objects.count()
    if total >= PROGRESS_THRESHOLD:
        with progress() as bar:
            task = bar.add_task("Verifying audit chain", total=total)
            findings = audit.verify(on_progress=lambda n: bar.update(task, completed=n))
    else:
        findings = audit.verify()
    if not findings:
        console.print(f"OK: audit chain intact, {total} events verified",
                      highlight=False, soft_wrap=True)
        return 0
    for finding in findings:
        console.print(f"BROKEN {finding.message} [{finding.code}]",
                      highlight=False, markup=False, soft_wrap=True)
    console.print(f"FAILED: {len(findings)} problem(s) in {total} events",
                  highlight=False, soft_wrap=True)
    return 1


def run_tail(args: argparse.Namespace) -> int:
    from bhbilling.app.models import AuditEvent

    events = list(AuditEvent.objects.order_by("-seq")[: args.n])[::-1]
    if not events:
        console.print("the audit trail is empty")
        return 0
    header = ("seq", "at (UTC)", "actor", "action", "object", "practice", "patient", "hash")
    rows = [header] + [
        (
            str(e.seq), e.at.strftime("%Y-%m-%d %H:%M:%S"), e.actor, e.action,
            f"{e.object_type}:{e.object_id}" if e.object_id else e.object_type,
            "" if e.practice_id is None else str(e.practice_id),
            "" if e.patient_id is None else str(e.patient_id),
            e.hash[:12],
        )
        for e in events
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        console.print(line.rstrip(), highlight=False, markup=False, soft_wrap=True)
    return 0
