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


def appeal(remittance_row: m.Remittance, patient_row: m.Patient, provider_row: m.Provider,
           payer_row: m.Payer, *, deadline: dt.date | None = None, status: str = "draft",
           **kw) -> m.Appeal:
    """A denied claim (CO-50) of the remittance's practice with a draft level-1 appeal.

    The appeal's letter is a valid stored letter (``domain.appeals.Letter`` text), so its
    PDF renders; the deadline defaults to 60 days from today, so sending it is in time.
    """
    from bhbilling.domain.appeals import Letter

    practice_row = remittance_row.practice
    n = next(_seq)
    claim = m.Claim.unscoped.create(
        practice=practice_row, patient=patient_row, payer=payer_row, rendering_provider=provider_row,
        patient_control_number=f"APL-{practice_row.pk}-{n}", total_charge=180, diagnoses=["F41.1"],
        state="denied", payer_claim_number=f"ICN-APL-{n}")
    m.ClaimLine.unscoped.create(practice=practice_row, claim=claim, line_number=1, code="90837",
                                charge=180, date_of_service=dt.date(2026, 3, 2),
                                line_control_number=f"APL-{n}.1")
    payment = m.ClaimPayment.unscoped.create(
        practice=practice_row, remittance=remittance_row, claim=claim, position=n,
        patient_control_number=claim.patient_control_number, payer_claim_number=claim.payer_claim_number,
        status_code="4", charge=180, paid=0)
    denial = m.Denial.unscoped.create(
        practice=practice_row, claim=claim, payment=payment, procedure_code="90837", amount=180,
        group_code="CO", reason_codes=["50"], status="in_progress", category="medical_necessity",
        created_at=dt.datetime(2026, 3, 9, tzinfo=dt.UTC))
    letter = Letter(date=dt.date(2026, 3, 10), addressee=(payer_row.name,),
                    subject=f"First-Level Provider Appeal: claim {claim.patient_control_number}",
                    re_lines=(("Our claim number", claim.patient_control_number),),
                    paragraphs=("We appeal the denial of the claim below.",),
                    attachments=("Treatment plan summary",), signature=(practice_row.name,))
    return m.Appeal.unscoped.create(
        practice=practice_row, claim=claim, denial=denial, status=status,
        category="medical_necessity", template="medical_necessity/commercial",
        deadline=deadline or dt.date.today() + dt.timedelta(days=60),
        attachments=["Treatment plan summary"], letter=letter.to_text(),
        created_at=dt.datetime(2026, 3, 10, tzinfo=dt.UTC), **kw)


def denial(remittance_row: m.Remittance, claim_row: m.Claim, *, group: str = "CO",
           reasons: tuple[str, ...] = ("4",), remarks: tuple[str, ...] = (), amount="180.00",
           **kw) -> m.Denial:
    """An open denial of ``claim_row`` answered by ``remittance_row`` (its own claim payment)."""
    n = next(_seq)
    payment = m.ClaimPayment.unscoped.create(
        practice_id=claim_row.practice_id, remittance=remittance_row, claim=claim_row, position=1000 + n,
        patient_control_number=claim_row.patient_control_number,
        payer_claim_number=claim_row.payer_claim_number, status_code="4", charge=Decimal(amount), paid=0)
    fields = dict(practice_id=claim_row.practice_id, claim=claim_row, payment=payment,
                  procedure_code="90837", amount=Decimal(amount), group_code=group,
                  reason_codes=list(reasons), remark_codes=list(remarks), status="open",
                  created_at=dt.datetime(2026, 3, 9, tzinfo=dt.UTC))
    fields.update(kw)
    return m.Denial.unscoped.create(**fields)


def write_off(claim_row: m.Claim, amount="50.00", **kw) -> m.WriteOff:
    """A pending insurance write-off of ``claim_row``; its charge is posted first (once) so the
    insurance balance covers the amount."""
    from bhbilling.app.ledger import post_entry
    from bhbilling.domain import ledger as dl

    charge = Decimal(str(claim_row.total_charge)).quantize(Decimal("0.01"))
    post_entry(claim_row.practice_id, dl.make_entry(
        f"charge:{claim_row.patient_control_number}", dt.date(2026, 3, 2), "charges",
        [dl.debit(dl.INSURANCE_AR, charge), dl.credit(dl.GROSS_CHARGES, charge)]),
        claim=claim_row, patient=claim_row.patient)
    fields = dict(practice_id=claim_row.practice_id, claim=claim_row, patient=claim_row.patient,
                  source="insurance", amount=Decimal(amount), kind="administrative", reason="test",
                  requested_at=dt.datetime(2026, 3, 10, tzinfo=dt.UTC))
    fields.update(kw)
    return m.WriteOff.unscoped.create(**fields)


def statement(patient_row: m.Patient, **kw) -> m.Statement:
    """A ready statement of ``patient_row`` dated 2026-03-09 (a $40.00 balance, no lines)."""
    n = next(_seq)
    fields = dict(practice_id=patient_row.practice_id, patient=patient_row, number=f"ST{n:06d}",
                  statement_date=dt.date(2026, 3, 9), due_on=dt.date(2026, 3, 30),
                  balance=Decimal("40.00"), status="ready",
                  snapshot={
                      "number": f"ST{n:06d}", "statement_date": "2026-03-09", "due_on": "2026-03-30",
                      "account": patient_row.account_number,
                      "patient": {"name": patient_row.full_name, "address": ["9 Elm St"]},
                      "practice": {"name": "Practice", "address": ["12 Main St"], "phone": "",
                                   "pay_to": ["12 Main St"], "message": ""},
                      "balance": "40.00", "amount_due": "40.00", "insurance_paid": "0.00",
                      "credit": "0.00", "aging": [{"label": "0-30", "amount": "40.00"}],
                      "lines": [], "plan": None, "recent_payments": [], "holds": []},
                  created_at=dt.datetime(2026, 3, 9, tzinfo=dt.UTC))
    fields.update(kw)
    return m.Statement.unscoped.create(**fields)


# -- Good Faith Estimates (issue 8, item 7) ------------------------------------------------------

def estimate(patient_row: m.Patient, provider_row: m.Provider, **kw) -> m.GoodFaithEstimate:
    """A draft estimate of 10 x 90834 at 150.00, scheduled Wed 2026-11-25 for Tue 12-01 (due 11-27)."""
    n = next(_seq)
    fields = dict(practice_id=patient_row.practice_id, patient=patient_row, provider=provider_row,
                  number=f"GFE-T-{n:04d}", trigger="scheduled", requested_on=dt.date(2026, 11, 25),
                  first_service_on=dt.date(2026, 12, 1), period_start=dt.date(2026, 12, 1),
                  period_end=dt.date(2027, 11, 30), diagnoses=["F41.1"], total=Decimal("1500.00"),
                  items=[{"code": "90834", "label": "psychotherapy, 45 min", "modifiers": [],
                          "units": "1", "fee": "150.00", "sessions": 10, "total": "1500.00"}],
                  due_on=dt.date(2026, 11, 27), created_at=dt.datetime(2026, 11, 25, 15, tzinfo=dt.UTC))
    fields.update(kw)
    return m.GoodFaithEstimate.unscoped.create(**fields)
