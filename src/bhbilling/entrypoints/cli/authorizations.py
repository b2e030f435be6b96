"""``bhbilling auth``: prior authorizations and their balances.

- ``auth list --practice P [--patient ID_OR_ACCOUNT] [--all]``: authorizations with units
  approved, used (billed), pending (scheduled) and left, and a usage bar; ``--all`` adds
  inactive ones.
- ``auth add --practice P --patient ID_OR_ACCOUNT --payer ID_OR_PAYER_ID --number N
  --codes 90837,group:psychotherapy --units N [--unit-type visit|15min|day] --from D --to D
  [--per-week N] [--provider ID] [--notes TEXT]``: records one (validated, audited).
- ``auth alerts --practice P [--on DATE]``: the worklist (80 % used, 2 left, 14 days to
  expiry, over the limit, sessions no authorization covers); exit 1 when any is blocking.
"""

from __future__ import annotations

import argparse
import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from rich.table import Table

from bhbilling.entrypoints.cli.console import console
from bhbilling.entrypoints.cli.imports import find_practice
from bhbilling.kernel.errors import BhBillingError

ACTOR = "cli:auth"
BAR = 20


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: expected a date YYYY-MM-DD") from None


def register(sub) -> None:
    p = sub.add_parser("auth", help="prior authorizations: balances, add, alerts worklist")
    actions = p.add_subparsers(dest="auth_action", metavar="ACTION", required=True)
    lst = actions.add_parser("list", help="authorizations with their usage")
    lst.add_argument("--patient", metavar="ID_OR_ACCOUNT")
    lst.add_argument("--all", action="store_true", help="include inactive authorizations")
    lst.set_defaults(handler=handle_list)
    add = actions.add_parser("add", help="record an authorization")
    add.add_argument("--patient", required=True, metavar="ID_OR_ACCOUNT")
    add.add_argument("--payer", required=True, metavar="ID_OR_PAYER_ID")
    add.add_argument("--number", required=True)
    add.add_argument("--codes", required=True, help="comma-separated codes or group:<name>")
    add.add_argument("--units", required=True, help="units approved (whole number)")
    add.add_argument("--unit-type", default="visit", choices=["visit", "15min", "day"])
    add.add_argument("--from", dest="starts_on", required=True, type=_date, metavar="DATE")
    add.add_argument("--to", dest="ends_on", required=True, type=_date, metavar="DATE")
    add.add_argument("--per-week", type=int, metavar="N", help="at most N sessions a week")
    add.add_argument("--provider", type=int, metavar="ID", help="only this provider's sessions")
    add.add_argument("--notes", default="")
    add.set_defaults(handler=handle_add)
    alerts = actions.add_parser("alerts", help="the authorization worklist")
    alerts.add_argument("--on", type=_date, metavar="DATE", help="as of (default today)")
    alerts.set_defaults(handler=handle_alerts)
    for action in (lst, add, alerts):
        action.add_argument("--practice", required=True, metavar="ID_OR_NPI")


def _patient(ref: str):
    from bhbilling.app.models import Patient

    rows = Patient.objects.filter(account_number=ref.strip())
    if ref.strip().isdigit():
        rows = rows | Patient.objects.filter(pk=int(ref))
    found = list(rows.distinct()[:2])
    if len(found) != 1:
        raise BhBillingError(f"--patient {ref}: {'no' if not found else 'more than one'} patient "
                             "of this practice has that id or account number")
    return found[0]


def _payer(ref: str):
    from bhbilling.app.models import Payer

    rows = Payer.objects.filter(payer_id=ref.strip())
    if ref.strip().isdigit():
        rows = rows | Payer.objects.filter(pk=int(ref))
    found = list(rows.distinct()[:2])
    if len(found) != 1:
        raise BhBillingError(f"--payer {ref}: {'no' if not found else 'more than one'} payer "
                             "has that id or electronic payer id")
    return found[0]


def _bar(percent: int) -> str:
    filled = round(percent * BAR / 100)
    return "#" * filled + "." * (BAR - filled) + f" {percent}%"


def handle_list(args: argparse.Namespace) -> int:
    from bhbilling.app.authorizations.usage import usage_of
    from bhbilling.app.models import Authorization
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    with scoped_to(practice.company_id, practice.pk):
        rows = Authorization.objects.select_related("patient", "payer").order_by("ends_on", "id")
        if args.patient:
            rows = rows.filter(patient=_patient(args.patient))
        if not args.all:
            rows = rows.filter(active=True)
        usage = usage_of(rows)
        table = Table(title=f"{practice.name}: authorizations")
        for col in ("number", "patient", "payer", "codes", "dates", "approved", "used", "pending",
                    "left", "usage"):
            table.add_column(col, justify="right" if col in {"approved", "used", "pending", "left"}
                             else "left")
        for u in usage.values():
            a = u.authorization
            table.add_row(a.number, a.patient.account_number, a.payer.name, ", ".join(a.codes),
                          f"{a.starts_on} to {a.ends_on}", f"{u.approved} {a.unit_type}",
                          str(u.used), str(u.pending), str(u.remaining), _bar(u.percent))
    console.print(table)
    return 0


def handle_add(args: argparse.Namespace) -> int:
    from bhbilling.app.authorizations.records import create_authorization
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    with scoped_to(practice.company_id, practice.pk):
        data = dict(patient_id=_patient(args.patient).pk, payer_id=_payer(args.payer).pk,
                    number=args.number, codes=args.codes, units_approved=args.units,
                    unit_type=args.unit_type, starts_on=args.starts_on, ends_on=args.ends_on,
                    per_week_limit=args.per_week, provider_id=args.provider, notes=args.notes)
        try:
            row = create_authorization(data, practice_id=practice.pk, actor=ACTOR)
        except ValidationError as exc:
            problems = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
            raise BhBillingError(f"authorization not recorded: {problems}") from None
    console.print(f"authorization {row.number} recorded (id {row.pk}): {row.units_approved:.0f} "
                  f"{row.unit_type} unit(s), {row.starts_on} to {row.ends_on}", highlight=False)
    return 0


def handle_alerts(args: argparse.Namespace) -> int:
    from bhbilling.app.authorizations.usage import alert_rows
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    on = args.on or timezone.localdate()
    with scoped_to(practice.company_id, practice.pk):
        rows = alert_rows(on)
        table = Table(title=f"{practice.name}: authorization alerts on {on}")
        for col in ("", "alert", "patient", "payer", "authorization", "what"):
            table.add_column(col)
        for a in rows:
            table.add_row("BLOCK" if a.blocking else "", a.kind.replace("_", " "),
                          a.patient.account_number, a.payer_name,
                          a.authorization.number if a.authorization else "-", a.message)
    console.print(table)
    blocking = sum(1 for a in rows if a.blocking)
    console.print(f"{len(rows)} alert(s), {blocking} blocking", highlight=False)
    return 1 if blocking else 0
