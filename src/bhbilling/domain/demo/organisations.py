"""The demo company's practices, clinicians, licences, payers, enrollments and fees."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from bhbilling.domain.demo import catalog as c
from bhbilling.domain.demo.records import (
    DemoEnrollment,
    DemoFeeRate,
    DemoFeeSchedule,
    DemoLicense,
    DemoLocation,
    DemoPayer,
    DemoPractice,
    DemoProvider,
)
from bhbilling.kernel.ids import npi_check_digit
from bhbilling.kernel.money import quantize_cents


def fresh_npi(rng: random.Random, first_digit: str, taken: set[str]) -> str:
    """A valid NPI (CMS Luhn check digit over 80840 + base) not yet used in this world."""
    while True:
        base = first_digit + f"{rng.randrange(10**8):08d}"
        npi = base + str(npi_check_digit(base))
        if npi not in taken:
            taken.add(npi)
            return npi


def practices(rng: random.Random, taken: set[str]) -> tuple[DemoPractice, ...]:
    """Three practices; organisations hold type-2 NPIs, which start with 2 here."""
    return tuple(
        DemoPractice(key=key, name=name, legal_name=legal, kind=kind, tin=tin,
                     npi=fresh_npi(rng, "2", taken), taxonomy=taxonomy, address_line1=street,
                     city=city, state=c.STATE, postal_code=zip_code, phone=phone)
        for key, name, legal, kind, tin, taxonomy, street, city, zip_code, phone in c.PRACTICES
    )


def locations(practice_rows: tuple[DemoPractice, ...]) -> tuple[DemoLocation, ...]:
    """One office per practice at its address (POS 11 office; the SUD program's POS 57)."""
    return tuple(
        DemoLocation(key=f"{p.key}-main", practice_key=p.key, name=f"{p.city} office",
                     address_line1=p.address_line1, city=p.city, state=p.state,
                     postal_code=p.postal_code,
                     default_pos="57" if p.kind == "sud_program" else "11")
        for p in practice_rows
    )


def payers() -> tuple[DemoPayer, ...]:
    return tuple(DemoPayer(key=key, name=name, payer_id=pid, kind=kind, timely_filing_days=days,
                           **_mail(key))
                 for key, name, pid, kind, days, _share in c.PAYERS)


def _mail(key: str) -> dict[str, str]:
    """Claims and appeals addresses and phone of a demo payer (self-pay has none)."""
    if key not in c.PAYER_MAIL:
        return {}
    claims, appeals, phone = c.PAYER_MAIL[key]
    out = dict(zip(("address_line1", "city", "state", "postal_code"), claims, strict=True), phone=phone)
    if appeals:
        out.update(zip(("appeals_line1", "appeals_city", "appeals_state", "appeals_postal_code"),
                       appeals, strict=True))
    return out


def providers(rng: random.Random, taken: set[str]) -> tuple[DemoProvider, ...]:
    """Twelve clinicians with type-1 NPIs (start with 1) and matching taxonomies."""
    return tuple(
        DemoProvider(key=key, practice_key=practice, first_name=first, last_name=last,
                     npi=fresh_npi(rng, "1", taken), taxonomy=taxonomy, credential=cred,
                     supervisor_key=supervisor,
                     email=f"{first.lower()}.{last.lower()}@{practice}.example.org")
        for key, practice, first, last, cred, taxonomy, supervisor in c.PROVIDERS
    )


def licenses(rng: random.Random, provider_rows: tuple[DemoProvider, ...],
             today: dt.date) -> tuple[DemoLicense, ...]:
    """One state licence each; one runs out three weeks after ``today``."""
    rows = []
    for p in provider_rows:
        if p.key == c.EXPIRING_SOON:
            expires = today + dt.timedelta(days=21)
        else:
            expires = today + dt.timedelta(days=rng.randrange(120, 720))
        issued = expires - dt.timedelta(days=365 * 2)
        rows.append(DemoLicense(provider_key=p.key, practice_key=p.practice_key, state=c.STATE,
                                number=f"{p.credential}-{rng.randrange(10**5, 10**6)}",
                                kind=p.credential, issued_on=issued, expires_on=expires))
    return tuple(rows)


def enrollments(rng: random.Random, provider_rows: tuple[DemoProvider, ...],
                payer_rows: tuple[DemoPayer, ...], today: dt.date) -> tuple[DemoEnrollment, ...]:
    """Every clinician with every insurance payer; who cannot enroll in Medicare is not."""
    rows = []
    for p in provider_rows:
        for payer in payer_rows:
            if payer.kind == "self_pay":
                continue
            status = "enrolled"
            if payer.kind == "medicare" and p.credential in c.NOT_MEDICARE_ENROLLABLE:
                status = "not_enrolled"
            elif payer.kind == "medicare" and p.key == c.MEDICARE_PENDING:
                status = "pending"
            since = (today - dt.timedelta(days=rng.randrange(400, 2000))
                     if status == "enrolled" else None)
            rows.append(DemoEnrollment(provider_key=p.key, practice_key=p.practice_key,
                                       payer_key=payer.key, status=status,
                                       effective_from=since))
    return tuple(rows)


def fee_schedules(practice_rows: tuple[DemoPractice, ...], payer_rows: tuple[DemoPayer, ...],
                  today: dt.date) -> tuple[tuple[DemoFeeSchedule, ...], tuple[DemoFeeRate, ...]]:
    """Per practice: a standard schedule (no payer) and one per insurance payer.

    The charge is the practice's own price (the same for every payer, as billing rules
    expect); ``expected_allowed`` is what the payer's fee schedule pays, the same for every
    practice (one schedule per payer, as Medicare and Medicaid publish theirs; the demo's
    payer book gives the simulator one schedule per payer, so a per-practice rate would read
    as an underpayment).
    """
    start = dt.date(today.year, 1, 1)
    shares = {key: Decimal(share) for key, *_rest, share in c.PAYERS}
    schedules, rates = [], []
    for practice in practice_rows:
        factor = c.PRACTICE_FEE_FACTOR[practice.key]
        for payer in (None, *payer_rows):
            if payer is not None and payer.kind == "self_pay":
                continue
            key = f"{practice.key}-{payer.key if payer else 'standard'}"
            name = f"{payer.name if payer else 'Standard'} {start.year}"
            schedules.append(DemoFeeSchedule(key=key, practice_key=practice.key,
                                             payer_key=payer.key if payer else None,
                                             name=name, effective_from=start))
            for code, base in c.BASE_CHARGES.items():
                charge = quantize_cents(Decimal(base) * factor)
                allowed = quantize_cents(Decimal(base) * shares[payer.key]) if payer else None
                rates.append(DemoFeeRate(schedule_key=key, practice_key=practice.key,
                                         code=code, charge=charge, expected_allowed=allowed))
    return tuple(schedules), tuple(rates)
