"""The report benchmark's company, payers and practices, made through the ORM (a handful of rows)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from benchmarks.report_catalog import COMPANY_SLUG, FEES, PAYERS, Plan
from benchmarks.report_catalog import money as _money


def _npi(i: int) -> str:
    from bhbilling.kernel.ids import npi_check_digit

    body = f"1{600000 + i:08d}"
    return body + str(npi_check_digit(body))


def company(plan: Plan):
    """Company, clearinghouse and payers through the ORM (a handful of rows)."""
    from bhbilling.app import models as m

    co = m.BillingCompany.objects.create(name="Bench Reports Billing", slug=COMPANY_SLUG)
    house = m.Clearinghouse.unscoped.create(
        company=co,
        name="Bench house",
        sender_id="BENCHSENDER",
        receiver_id="BENCHRECV",
        receiver_name="Bench Clearinghouse",
        submitter_id="BENCH",
        submitter_name="Bench Billing",
        contact_name="Bench",
        is_default=True,
    )
    payers = [
        m.Payer.unscoped.create(
            company=co,
            name=p[0],
            payer_id=p[1],
            kind=p[2],
            timely_filing_days=365 if p[2] != "commercial" else 180,
        )
        for p in PAYERS
    ]
    return co, house, payers


def practice(co, index: int, payers, plan: Plan):
    """One practice with its location, clinicians, chart of accounts and fee schedules."""
    from bhbilling.app import models as m
    from bhbilling.app.ledger import ensure_chart_of_accounts

    practice = m.Practice.unscoped.create(
        company=co,
        name=f"Bench Practice {index + 1:02d}",
        legal_name=f"Bench Practice {index + 1:02d} PLLC",
        tin=f"26{index:07d}",
        npi=_npi(900 + index),
        taxonomy="261QM0801X",
        address_line1="12 Main St",
        city="Albany",
        state="NY",
        postal_code="12207",
    )
    location = m.Location.unscoped.create(
        practice=practice,
        name="Main",
        address_line1="12 Main St",
        city="Albany",
        state="NY",
        postal_code="12207",
    )
    providers = m.Provider.unscoped.bulk_create(
        [
            m.Provider(
                practice=practice,
                first_name="Clin",
                last_name=f"Ician{i:02d}",
                npi=_npi(i),
                taxonomy="1041C0700X",
                credential="LCSW",
            )
            for i in range(plan.providers)
        ]
    )
    accounts = {code: a.pk for code, a in ensure_chart_of_accounts(practice.pk).items()}
    start = plan.first_dos - dt.timedelta(days=31)
    std = m.FeeSchedule.unscoped.create(practice=practice, name="Standard", effective_from=start)
    rates = [m.FeeScheduleRate(practice=practice, schedule=std, code=c, charge=v) for c, v in FEES.items()]
    for payer, spec in zip(payers, PAYERS, strict=True):
        sched = m.FeeSchedule.unscoped.create(
            practice=practice, payer=payer, name=f"{payer.name} contract", effective_from=start
        )
        rates += [
            m.FeeScheduleRate(
                practice=practice,
                schedule=sched,
                code=c,
                charge=v,
                expected_allowed=_money(v * Decimal(spec[3])),
            )
            for c, v in FEES.items()
        ]
    m.FeeScheduleRate.unscoped.bulk_create(rates)
    return practice, location, [p.pk for p in providers], accounts
