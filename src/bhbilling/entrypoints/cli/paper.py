"""``bhbilling paper``: print claims on the CMS-1500 form and the month's superbills.

- ``paper cms1500 CLAIM_NUMBER --out FILE [--practice P] [--data-only] [--shift-x PT]
  [--shift-y PT]`` writes the claim (our claim number, CLM01) as a CMS-1500 (02/12) PDF;
  ``--data-only`` prints only the data for pre-printed red-ink forms, the shifts move it
  to match a printer (points, 72 to the inch; positive is right/down).
- ``paper superbills [--month YYYY-MM] [--practice P] --out DIR [--combined]`` writes one
  superbill PDF per self-pay or out-of-network patient of the month (default: last month),
  or one combined PDF per practice, with a progress bar; sessions that cannot be itemized
  yet are listed with what to do.
Without ``--practice`` superbills are made for every active practice. Every PDF written is
recorded in the audit trail as an export by ``cli:paper``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from django.utils import timezone

from bhbilling.entrypoints.cli.console import console, err_console, progress
from bhbilling.entrypoints.cli.imports import find_practice
from bhbilling.kernel.errors import BhBillingError

ACTOR = "cli:paper"


def register(sub) -> None:
    p = sub.add_parser("paper", help="CMS-1500 claim forms and monthly superbills as PDF")
    actions = p.add_subparsers(dest="paper_action", metavar="ACTION", required=True)
    form = actions.add_parser("cms1500", help="a claim on the CMS-1500 (02/12) form")
    form.add_argument("claim", metavar="CLAIM_NUMBER", help="our claim number (CLM01)")
    form.add_argument("--out", type=Path, required=True, metavar="FILE")
    form.add_argument("--practice", metavar="ID_OR_NPI", help="the claim's practice (checked)")
    form.add_argument("--data-only", action="store_true",
                      help="only the data, for pre-printed red-ink forms")
    form.add_argument("--shift-x", type=float, default=0.0, metavar="PT")
    form.add_argument("--shift-y", type=float, default=0.0, metavar="PT")
    form.set_defaults(handler=handle_cms1500)
    bills = actions.add_parser("superbills", help="the month's superbills, one PDF per patient")
    bills.add_argument("--month", metavar="YYYY-MM", help="default: the month before today")
    bills.add_argument("--practice", metavar="ID_OR_NPI",
                       help="one practice (default: every active practice)")
    bills.add_argument("--out", type=Path, required=True, metavar="DIR")
    bills.add_argument("--combined", action="store_true",
                       help="one PDF per practice instead of one per patient")
    bills.set_defaults(handler=handle_superbills)


def handle_cms1500(args: argparse.Namespace) -> int:
    from bhbilling.app.models import Claim
    from bhbilling.app.paper import claim_form_pdf
    from bhbilling.app.tenancy import scoped_to

    rows = Claim.unscoped.filter(patient_control_number=args.claim.strip())
    if args.practice:
        rows = rows.filter(practice_id=find_practice(args.practice).pk)
    claim = rows.select_related("practice").first()
    if claim is None:
        where = f" in practice {args.practice}" if args.practice else ""
        raise BhBillingError(f"claim {args.claim}: no claim has that number{where}")
    with scoped_to(claim.practice.company_id, claim.practice_id):
        data = claim_form_pdf(claim, today=timezone.localdate(), actor=ACTOR,
                              data_only=args.data_only, shift_x=args.shift_x, shift_y=args.shift_y)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    console.print(f"claim {claim.patient_control_number}: CMS-1500 written to {args.out}",
                  markup=False, highlight=False)
    return 0


def _practices(args):
    from bhbilling.app.models import Practice

    if args.practice:
        return [find_practice(args.practice)]
    return list(Practice.unscoped.filter(active=True).order_by("id"))


def handle_superbills(args: argparse.Namespace) -> int:
    from bhbilling.app.paper import (
        parse_month,
        previous_month,
        superbill_pdf,
        superbills_for_month,
        superbills_pdf,
    )
    from bhbilling.app.tenancy import scoped_to

    today = timezone.localdate()
    year, month = parse_month(args.month or previous_month(today))
    args.out.mkdir(parents=True, exist_ok=True)
    written = 0
    with progress() as bar:
        for practice in _practices(args):
            with scoped_to(practice.company_id, practice.id):
                result = superbills_for_month(practice.pk, year, month, today=today)
                total = 1 if args.combined else len(result.superbills)
                task = bar.add_task(f"superbills {result.label} · {practice.name}", total=total)
                if args.combined and result.superbills:
                    name = f"superbills-{result.label}-practice{practice.pk}.pdf"
                    (args.out / name).write_bytes(
                        superbills_pdf(result, practice_id=practice.pk, actor=ACTOR))
                    written += 1
                elif not args.combined:
                    for done, bill in enumerate(result.superbills, start=1):
                        name = (f"superbill-{result.label}-practice{practice.pk}-"
                                f"{bill.facts.account_number}.pdf")
                        (args.out / name).write_bytes(
                            superbill_pdf(bill, practice_id=practice.pk, actor=ACTOR))
                        written += 1
                        bar.update(task, completed=done)
                bar.update(task, completed=total)
            console.print(f"{practice.name}: {len(result.superbills)} patient(s) with self-pay or "
                          f"out-of-network services in {result.label}", markup=False, highlight=False)
            for _session, _patient, why in result.skipped:
                err_console.print(f"  not itemized yet: {why}", markup=False, highlight=False)
    console.print(f"{written} PDF file(s) written to {args.out}", markup=False, highlight=False)
    return 0
