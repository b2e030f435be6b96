"""``bhbilling payments``: patient payments, refunds, credits, payment plans and the ledger.

- ``payments add --practice P --patient ACCOUNT --amount 25.00 --method check|cash|card|eft|other
  [--reference R] [--date D] [--claim CLAIM_NUMBER] [--plan ID] [--note TEXT]``: a payment
  (Dr cash, Cr patient A/R). For cards give the processor reference or the last 4 digits:
  a full card number is refused.
- ``payments refund ...`` (same options but --plan): at most the patient's credit balance.
- ``payments credit --practice P --patient ACCOUNT --amount A [--date D] [--claim C] [--note T]``:
  a courtesy adjustment, at most what is owed.
- ``payments ledger --practice P --patient ACCOUNT``: every patient A/R movement and the balance.
- ``payments plan create --practice P --patient ACCOUNT --total T --installment I --day N
  [--start D]``, ``payments plan show ... [--date D]``, ``payments plan cancel ...``.
Refusals print one line naming the field and the limit, and exit 2.
"""

from __future__ import annotations

import argparse
import datetime as dt

from django.utils import timezone
from rich.table import Table

from bhbilling.entrypoints.cli.console import console
from bhbilling.entrypoints.cli.imports import find_practice
from bhbilling.kernel.errors import BhBillingError

ACTOR = "cli:payments"
METHODS = ["cash", "check", "card", "eft", "other"]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: expected a date YYYY-MM-DD") from None


def _common(p) -> None:
    p.add_argument("--practice", required=True, metavar="ID_OR_NPI")
    p.add_argument("--patient", required=True, metavar="ACCOUNT_OR_ID")


def register(sub) -> None:
    p = sub.add_parser("payments", help="patient payments, refunds, credits, plans and ledger")
    actions = p.add_subparsers(dest="payments_action", metavar="ACTION", required=True)
    for name, text in (("add", "record a patient payment"),
                       ("refund", "refund a credit balance"),
                       ("credit", "give a courtesy credit")):
        a = actions.add_parser(name, help=text)
        _common(a)
        a.add_argument("--amount", required=True, help="dollars and cents, e.g. 25.00")
        if name != "credit":
            a.add_argument("--method", required=True, choices=METHODS)
            a.add_argument("--reference", default="",
                           help="check number, or card processor reference / last 4 digits")
        if name == "add":
            a.add_argument("--plan", type=int, metavar="PLAN_ID", help="counts towards this plan")
        a.add_argument("--date", type=_date, metavar="DATE", help="received on (default today)")
        a.add_argument("--claim", metavar="CLAIM_NUMBER", help="apply to this claim (CLM01)")
        a.add_argument("--note", default="")
        a.set_defaults(handler=handle_money, kind={"add": "payment"}.get(name, name))
    ledger = actions.add_parser("ledger", help="the patient ledger with a running balance")
    _common(ledger)
    ledger.set_defaults(handler=handle_ledger)
    plan = actions.add_parser("plan", help="payment plans: create, show, cancel")
    plan_actions = plan.add_subparsers(dest="plan_action", metavar="PLAN_ACTION", required=True)
    create = plan_actions.add_parser("create", help="agree a monthly payment plan")
    _common(create)
    create.add_argument("--total", required=True)
    create.add_argument("--installment", required=True, help="monthly amount")
    create.add_argument("--day", required=True, type=int, help="day of the month it is due (1-31)")
    create.add_argument("--start", type=_date, metavar="DATE", help="first due on or after (today)")
    create.add_argument("--note", default="")
    create.set_defaults(handler=handle_plan_create)
    show = plan_actions.add_parser("show", help="the schedule and where the plan stands")
    _common(show)
    show.add_argument("--date", type=_date, metavar="DATE", help="as of (default today)")
    show.set_defaults(handler=handle_plan_show)
    cancel = plan_actions.add_parser("cancel", help="cancel the active plan")
    _common(cancel)
    cancel.set_defaults(handler=handle_plan_cancel)


def _patient(ref: str):
    from bhbilling.app.models import Patient

    rows = Patient.objects.filter(account_number=ref.strip())
    if ref.strip().isdigit():
        rows = rows | Patient.objects.filter(pk=int(ref))
    found = list(rows.distinct()[:2])
    if len(found) != 1:
        raise BhBillingError(f"--patient {ref}: {'no' if not found else 'more than one'} patient "
                             "of this practice has that account number or id")
    return found[0]


def _claim(patient, number: str | None):
    from bhbilling.app.models import Claim

    if not number:
        return None
    claim = Claim.objects.filter(patient=patient, patient_control_number=number.strip()).first()
    if claim is None:
        raise BhBillingError(f"--claim {number}: not a claim of this patient")
    return claim


def handle_money(args) -> int:
    from bhbilling.app.models import PaymentPlan
    from bhbilling.app.patient_billing.payments import record_credit, record_payment, record_refund
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    with scoped_to(practice.company_id, practice.pk):
        patient = _patient(args.patient)
        common = dict(received_on=args.date or timezone.localdate(),
                      claim=_claim(patient, args.claim), note=args.note, actor=ACTOR,
                      now=timezone.now())
        if args.kind == "credit":
            row = record_credit(patient, args.amount, **common)
        elif args.kind == "refund":
            row = record_refund(patient, args.amount, args.method, args.reference, **common)
        else:
            plan = None
            if args.plan is not None:
                plan = PaymentPlan.objects.filter(pk=args.plan, patient=patient).first()
                if plan is None:
                    raise BhBillingError(f"--plan {args.plan}: not a payment plan of this patient")
            row = record_payment(patient, args.amount, args.method, args.reference, plan=plan,
                                 **common)
    console.print(f"{row.get_kind_display()} {row.pk} of ${row.amount:,.2f} recorded for "
                  f"{patient.account_number} (entry {row.entry.entry_key})", highlight=False)
    return 0


def handle_ledger(args) -> int:
    from bhbilling.app.patient_billing.account import patient_ledger
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    with scoped_to(practice.company_id, practice.pk):
        patient = _patient(args.patient)
        ledger = patient_ledger(practice.pk, patient)
    table = Table(title=f"Ledger of {patient.account_number}")
    for col in ("date", "claim", "DOS", "what happened", "ins. paid", "amount", "balance"):
        table.add_column(col, justify="right" if col in {"ins. paid", "amount", "balance"} else "left")
    for r in ledger.rows:
        table.add_row(str(r.on), r.claim_number or "-", str(r.date_of_service or "-"), r.description,
                      "" if r.insurance_paid is None else f"{r.insurance_paid:,.2f}",
                      f"{r.amount:,.2f}", f"{r.balance:,.2f}")
    console.print(table)
    console.print(f"balance ${ledger.balance:,.2f}", highlight=False)
    return 0


def handle_plan_create(args) -> int:
    from bhbilling.app.patient_billing.plans import create_plan
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    with scoped_to(practice.company_id, practice.pk):
        plan = create_plan(_patient(args.patient), total=args.total, installment=args.installment,
                           day_of_month=args.day, starts_on=args.start or timezone.localdate(),
                           note=args.note, actor=ACTOR, now=timezone.now())
    console.print(f"payment plan {plan.pk}: ${plan.total:,.2f} at ${plan.installment:,.2f} a month "
                  f"on day {plan.day_of_month}", highlight=False)
    return 0


def _plan(patient):
    from bhbilling.app.patient_billing.plans import active_plan

    plan = active_plan(patient)
    if plan is None:
        raise BhBillingError(f"--patient {patient.account_number}: has no active payment plan")
    return plan


def handle_plan_show(args) -> int:
    from bhbilling.app.patient_billing.plans import plan_view
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    on = args.date or timezone.localdate()
    with scoped_to(practice.company_id, practice.pk):
        view = plan_view(_plan(_patient(args.patient)), on)
    table = Table(title=f"Payment plan {view.plan.pk} on {on}: {view.status.state}")
    for col in ("#", "due", "amount"):
        table.add_column(col, justify="right" if col != "due" else "left")
    for i in view.installments:
        table.add_row(str(i.number), str(i.due_on), f"{i.amount:,.2f}")
    console.print(table)
    st = view.status
    console.print(f"paid ${st.paid:,.2f}, past due ${st.past_due:,.2f}, missed {st.missed}, "
                  f"remaining ${st.remaining:,.2f}", highlight=False)
    return 0


def handle_plan_cancel(args) -> int:
    from bhbilling.app.patient_billing.plans import cancel_plan
    from bhbilling.app.tenancy import scoped_to

    practice = find_practice(args.practice)
    with scoped_to(practice.company_id, practice.pk):
        plan = cancel_plan(_plan(_patient(args.patient)), actor=ACTOR)
    console.print(f"payment plan {plan.pk} cancelled", highlight=False)
    return 0
