"""Row factories for integration and e2e tests: valid by default, override what matters."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import django_otp.oath
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from bhbilling.app import models as m
from bhbilling.kernel.ids import npi_check_digit

_seq = itertools.count(1)

PASSWORD = "correct-horse-battery-staple-42"


def npi(prefix: str = "1") -> str:
    """A fresh valid NPI (type 1 starts with 1, type 2 with 2)."""
    body = f"{prefix}{next(_seq):08d}"
    return body + str(npi_check_digit(body))


def company(name: str = "Northwind Billing") -> m.BillingCompany:
    n = next(_seq)
    return m.BillingCompany.objects.create(name=f"{name} {n}", slug=f"company-{n}")


def practice(company_row: m.BillingCompany, name: str = "Calm Waters Counseling", **kw) -> m.Practice:
    fields = dict(
        company=company_row, name=name, legal_name=f"{name} PLLC", tin="261234567",
        npi=npi("2"), taxonomy="103T00000X", address_line1="12 Main St", city="Albany",
        state="NY", postal_code="12207",
    )
    fields.update(kw)
    return m.Practice.unscoped.create(**fields)


def location(practice_row: m.Practice, **kw) -> m.Location:
    fields = dict(practice=practice_row, name="Main office", address_line1="12 Main St",
                  city="Albany", state="NY", postal_code="12207", default_pos="11")
    fields.update(kw)
    return m.Location.unscoped.create(**fields)


def provider(practice_row: m.Practice, **kw) -> m.Provider:
    fields = dict(practice=practice_row, first_name="Ada", last_name="Lovelace", npi=npi("1"),
                  taxonomy="1041C0700X", credential="LCSW")
    fields.update(kw)
    return m.Provider.unscoped.create(**fields)


def payer(company_row: m.BillingCompany, **kw) -> m.Payer:
    fields = dict(company=company_row, name="Acme Health", payer_id=f"AC{next(_seq):04d}",
                  kind="commercial", timely_filing_days=180)
    fields.update(kw)
    return m.Payer.unscoped.create(**fields)


def patient(practice_row: m.Practice, **kw) -> m.Patient:
    n = next(_seq)
    fields = dict(practice=practice_row, account_number=f"A{n:05d}", first_name="Jamie",
                  last_name=f"Rivera{n}", date_of_birth=dt.date(1988, 4, 12), sex="F")
    fields.update(kw)
    return m.Patient.unscoped.create(**fields)


def coverage(patient_row: m.Patient, payer_row: m.Payer, **kw) -> m.Coverage:
    fields = dict(practice_id=patient_row.practice_id, patient=patient_row, payer=payer_row,
                  member_id=f"MEM{next(_seq):06d}", starts_on=dt.date(2026, 1, 1))
    fields.update(kw)
    return m.Coverage.unscoped.create(**fields)


def session(patient_row: m.Patient, provider_row: m.Provider, **kw) -> m.ClinicalSession:
    fields = dict(practice_id=patient_row.practice_id, patient=patient_row, provider=provider_row,
                  date_of_service=dt.date(2026, 3, 2), start_time=dt.time(10, 0),
                  end_time=dt.time(10, 53), service_type="psychotherapy",
                  minutes={"psychotherapy": 53}, total_minutes=53, diagnoses=["F41.1"],
                  note_signed=True)
    fields.update(kw)
    return m.ClinicalSession.unscoped.create(**fields)


def user(company_row: m.BillingCompany, role: str = "biller", practice_row: m.Practice | None = None,
         username: str | None = None, with_totp: bool = True):
    """A user with a membership and (by default) a confirmed TOTP device."""
    name = username or f"user{next(_seq)}"
    u = get_user_model().objects.create_user(username=name, password=PASSWORD)
    m.Membership.objects.create(user=u, company=company_row, practice=practice_row, role=role)
    if with_totp:
        TOTPDevice.objects.create(user=u, name="default", confirmed=True)
    return u


def totp_now(user_row) -> str:
    """The current TOTP code of the user's device (RFC 6238), as an authenticator shows it."""
    device = TOTPDevice.objects.get(user=user_row)
    code = django_otp.oath.totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def clearinghouse(company_row: m.BillingCompany, **kw) -> m.Clearinghouse:
    fields = dict(company=company_row, name=f"Gateway {next(_seq)}", sender_id="BHBILLING01",
                  receiver_id="CLEARHOUSE01", receiver_name="Demo Clearinghouse",
                  submitter_id="BHB0001", submitter_name="Northwind Billing",
                  contact_name="Billing Desk", contact_phone="5185550100", is_default=True)
    fields.update(kw)
    return m.Clearinghouse.unscoped.create(**fields)


def fee_schedule(practice_row: m.Practice, payer_row: m.Payer | None, rates: dict, **kw):
    """A schedule in force from 2026-01-01 with {(code, modifiers): charge} rates."""
    fields = dict(practice=practice_row, payer=payer_row, name="fees",
                  effective_from=dt.date(2026, 1, 1))
    fields.update(kw)
    schedule = m.FeeSchedule.unscoped.create(**fields)
    for (code, mods), charge in rates.items():
        m.FeeScheduleRate.unscoped.create(practice=practice_row, schedule=schedule, code=code,
                                          modifiers=mods, charge=Decimal(charge))
    return schedule


# -- scrubbing (issue 9): the rows the scrubber reads besides claims ---------------------------

def enrollment(provider_row: m.Provider, payer_row: m.Payer, **kw) -> m.ProviderEnrollment:
    """The provider enrolled (credentialed) with the payer since 2025-01-01."""
    fields = dict(practice_id=provider_row.practice_id, provider=provider_row, payer=payer_row,
                  status="enrolled", effective_from=dt.date(2025, 1, 1))
    fields.update(kw)
    return m.ProviderEnrollment.unscoped.create(**fields)


def licence(provider_row: m.Provider, **kw) -> m.ProviderLicense:
    fields = dict(practice_id=provider_row.practice_id, provider=provider_row, state="NY",
                  number=f"L{next(_seq):06d}", kind=provider_row.credential,
                  issued_on=dt.date(2020, 1, 1), expires_on=dt.date(2027, 12, 31))
    fields.update(kw)
    return m.ProviderLicense.unscoped.create(**fields)


def eligibility_check(coverage_row: m.Coverage, **kw) -> m.EligibilityCheck:
    """An active 271 answer for 2026-03-01, asked the same day."""
    fields = dict(practice_id=coverage_row.practice_id, patient_id=coverage_row.patient_id,
                  coverage=coverage_row, payer_id=coverage_row.payer_id,
                  service_date=dt.date(2026, 3, 1),
                  checked_at=dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC), status="active")
    fields.update(kw)
    return m.EligibilityCheck.unscoped.create(**fields)


def authorization(patient_row: m.Patient, payer_row: m.Payer, **kw) -> m.Authorization:
    fields = dict(practice_id=patient_row.practice_id, patient=patient_row, payer=payer_row,
                  number=f"AUTH{next(_seq):05d}", codes=["90837"], units_approved=Decimal(10),
                  starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 12, 31))
    fields.update(kw)
    return m.Authorization.unscoped.create(**fields)


def part2_consent(patient_row: m.Patient, **kw) -> m.Consent:
    fields = dict(practice_id=patient_row.practice_id, patient=patient_row, kind="part2_tpo",
                  recipient="All payers of the patient", purpose="payment",
                  scope="diagnoses and services needed to bill", signed_on=dt.date(2026, 1, 5),
                  effective_from=dt.date(2026, 1, 5))
    fields.update(kw)
    return m.Consent.unscoped.create(**fields)


def scrub_clean(practice_row: m.Practice, providers, payers) -> None:
    """Builder data as a real practice has it, so the scrubber finds no error in it: a ZIP+4
    billing address (837P 2010AA N403) and every provider enrolled with every payer."""
    practice_row.postal_code = "122071234"
    practice_row.save(update_fields=["postal_code"])
    for provider_row in providers:
        for payer_row in payers:
            enrollment(provider_row, payer_row)
