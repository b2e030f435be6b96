"""The superbill PDF from plain facts: totals, diagnosis references, one page per patient."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.documents.superbill import (
    SuperbillDiagnosis,
    SuperbillError,
    SuperbillFacts,
    SuperbillPayment,
    SuperbillProvider,
    SuperbillService,
    render_superbill,
    render_superbills,
)
from tests.pdfcheck import ink_share, page_count, pdf_text


def service(day: int, code: str, charge: str, refs=(1,), **kw) -> SuperbillService:
    fields = dict(date=dt.date(2026, 3, day), place_of_service="11", place_name="Office",
                  code=code, label="psychotherapy, 45 min", units=Decimal("1"),
                  charge=Decimal(charge), provider_npi="1234567893", diagnosis_refs=refs)
    fields.update(kw)
    return SuperbillService(**fields)


def facts(**kw) -> SuperbillFacts:
    fields = dict(
        practice_name="Calm Waters Counseling PLLC", practice_address=("12 Main St", "Albany, NY 12207"),
        practice_npi="2123456782", practice_tin="261234567", practice_phone="(518) 555-0100",
        patient_name="Robin Ash", patient_birth_date=dt.date(1990, 5, 1),
        patient_address=("9 Oak Ave", "Troy, NY 12180"), account_number="A00042",
        period_start=dt.date(2026, 3, 1), period_end=dt.date(2026, 3, 31),
        issued_on=dt.date(2026, 4, 6),
        providers=(SuperbillProvider("Ada Lovelace", "LCSW", "1234567893"),),
        services=(service(3, "90834", "150.00", (1, 2)), service(17, "90834", "150.00", (2,))),
        diagnoses=(SuperbillDiagnosis("F41.1", "Generalized anxiety disorder"),
                   SuperbillDiagnosis("F32.1", "Major depressive disorder, single episode, moderate")),
        payments=(SuperbillPayment(dt.date(2026, 3, 3), "Payment (card)", Decimal("150.00")),
                  SuperbillPayment(dt.date(2026, 3, 9), "Refund (card)", Decimal("-25.00"))),
        credits=Decimal("5.00"))
    fields.update(kw)
    return SuperbillFacts(**fields)


def test_totals_are_charges_less_payments_refunds_and_credits():
    f = facts()
    # 150 + 150 charged; 150 paid less a 25 refund; 5 courtesy credit: 300 - 125 - 5.
    assert (f.total_charges, f.total_paid, f.balance) == \
        (Decimal("300.00"), Decimal("125.00"), Decimal("170.00"))


def test_the_pdf_has_the_practice_ids_codes_diagnoses_and_money():
    data = render_superbill(facts())
    text = pdf_text(data)
    assert page_count(data) == 1 and ink_share(data) > 0.02
    for expected in ("Superbill", "NPI (organization): 2123456782", "Tax ID (EIN): 26-1234567",
                     "Ada Lovelace LCSW 1234567893", "Robin Ash", "Date of birth: 05/01/1990",
                     "03/03/2026", "90834 psychotherapy, 45 min", "F32.1",
                     "Major depressive disorder, single episode, moderate", "Refund (card) -$25.00",
                     "Adjustments -$5.00", "Balance due $170.00", "Total charges $300.00",
                     "Services from 03/01/2026 to 03/31/2026", "Clinician signature"):
        assert expected in text, expected


def test_several_patients_each_start_a_page_and_the_footer_names_none():
    other = facts(patient_name="Lee Birch", account_number="A00043")
    data = render_superbills([facts(), other], title="Superbills 2026-03")
    assert page_count(data) == 2
    assert ink_share(data, 1) > 0.02
    text = pdf_text(data)
    assert text.count("Superbills 2026-03") == 2  # the footer, one per page
    assert "Robin Ash" in text and "Lee Birch" in text


def test_bad_facts_are_refused():
    with pytest.raises(SuperbillError, match=r"diagnosis_refs must be 1\.\.2"):
        facts(services=(service(3, "90834", "150.00", (3,)),))
    with pytest.raises(SuperbillError, match="charge must be a Decimal"):
        facts(services=(dataclasses.replace(service(3, "90834", "1"), charge=150.0),))
    with pytest.raises(SuperbillError, match="the list is empty"):
        render_superbills([])
