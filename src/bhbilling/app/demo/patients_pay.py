"""Patients paying their share in the demo, week by week, through the product's own service.

Without it every copay, deductible and coinsurance the simulated payers assign would stay
open forever: the demo's patient collections would read 0 % and its net collection rate
would look like a failing billing office. Each weekly cycle, a patient who has owed money
for at least two weeks (a statement's worth of time) pays what their claims show with a
chance of one in two, each claim's share applied to that claim, by card (a processor
reference, never a card number) or by check; one patient in five never pays, so
statements, holds and small-balance rules still have work. Decisions come
from a seed per patient and week, so a demo database is the same every time.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from bhbilling.app import models as m
from bhbilling.app.balances import claim_balances, patient_balances
from bhbilling.app.patient_billing.payments import record_payment
from bhbilling.app.tenancy import scoped_to

__all__ = ["patients_pay"]
ACTOR = "demo:patients"
OWED_FOR = dt.timedelta(days=14)
PAY_CHANCE = 0.5


def _never_pays(patient_id: int) -> bool:
    return patient_id % 5 == 0


def _claims_owed(practice_id: int, patient_ids: list[int]) -> dict[int, list[tuple[m.Claim, Decimal]]]:
    """Per patient, their claims with a patient balance (what a statement lists), oldest first."""
    claims = m.Claim.unscoped.filter(practice_id=practice_id, patient_id__in=patient_ids).order_by("pk")
    by_pk = {c.pk: c for c in claims}
    owed = claim_balances(practice_id, list(by_pk))
    out: dict[int, list[tuple[m.Claim, Decimal]]] = {}
    for pk, bal in sorted(owed.items()):
        if bal.patient > 0:
            out.setdefault(by_pk[pk].patient_id, []).append((by_pk[pk], bal.patient))
    return out


def patients_pay(company_id: int, *, day: dt.date, seed: int = 2026) -> int:
    """Record this week's patient payments for every practice of the company; returns how many.

    A paying patient pays each claim's patient balance as its own payment applied to that
    claim, as a statement asks, so the collections count for the claim's date of service."""
    paid = 0
    for practice_id in m.Practice.unscoped.filter(company_id=company_id).values_list("pk", flat=True):
        owed_then = patient_balances(practice_id, as_of=day - OWED_FOR)
        payers = []
        for patient_id in sorted(p for p, v in owed_then.items() if v > 0):
            rng = random.Random(f"{seed}:{patient_id}:{day.isoformat()}")
            if not _never_pays(patient_id) and rng.random() < PAY_CHANCE:
                payers.append((patient_id, rng))
        owed = _claims_owed(practice_id, [p for p, _ in payers])
        patients = m.Patient.unscoped.in_bulk([p for p, _ in payers])
        with scoped_to(company_id, practice_id):
            for patient_id, rng in payers:
                if rng.random() < 0.7:
                    method, reference = "card", f"auth {rng.randrange(100000, 1000000)}"
                else:
                    method, reference = "check", f"check {rng.randrange(1000, 10000)}"
                for claim, amount in owed.get(patient_id, []):
                    record_payment(patients[patient_id], amount, method, reference, received_on=day,
                                   claim=claim, actor=ACTOR, now=timezone.now())
                    paid += 1
    return paid
