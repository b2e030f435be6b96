"""Monthly superbills: which patients and sessions, the money on each, the PDF and its audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.app import models as m
from bhbilling.app.paper import (
    parse_month,
    superbill_for_patient,
    superbill_pdf,
    superbills_for_month,
    superbills_pdf,
)
from bhbilling.kernel.errors import BhBillingError
from tests import builders as b
from tests.paperworld import MonthWorld
from tests.pdfcheck import ink_share, page_count, pdf_text

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 4, 6)


@pytest.fixture
def w(tenant, scope_a):
    return MonthWorld(tenant)


def test_the_months_patients_are_self_pay_out_of_network_and_no_disclose(w):
    month = superbills_for_month(w.practice.pk, 2026, 3, today=TODAY)
    assert [bill.patient_id for bill in month.superbills] == \
        [w.self_pay.pk, w.birch.pk, w.cole.pk, w.insured.pk]  # by last name
    assert month.skipped == ((w.unsigned.pk, w.self_pay.pk,
                              f"session {w.unsigned.pk}: the note is not signed; sign it before "
                              "it is itemized"),)
    quill = month.superbills[3].facts
    assert [(s.date, s.code) for s in quill.services] == [(dt.date(2026, 3, 12), "90834")]


def test_a_self_pay_patients_services_diagnoses_and_money(w):
    f = superbill_for_patient(w.practice.pk, w.self_pay.pk, 2026, 3, today=TODAY).facts
    assert [(s.date, s.code, s.modifiers, s.place_of_service, s.place_name, s.diagnosis_refs,
             s.charge) for s in f.services] == [
        (dt.date(2026, 3, 3), "90837", (), "11", "Office", (1, 2), Decimal("180.00")),
        (dt.date(2026, 3, 17), "90834", ("95",), "10", "Telehealth Provided in Patient's Home",
         (2,), Decimal("150.00"))]
    assert [s.label for s in f.services] == ["psychotherapy, 60 min", "psychotherapy, 45 min"]
    assert [(d.code, d.description) for d in f.diagnoses] == [
        ("F41.1", "Generalized anxiety disorder"),
        ("F32.1", "Major depressive disorder, single episode, moderate")]
    assert [(p.date, p.description, p.amount) for p in f.payments] == [
        (dt.date(2026, 3, 3), "Payment (card)", Decimal("180.00")),
        (dt.date(2026, 3, 20), "Refund (check)", Decimal("-20.00"))]
    # 180 + 150 charged; 180 - 20 paid; a 10.00 courtesy credit; April's 50.00 not counted.
    assert (f.total_charges, f.total_paid, f.credits, f.balance) == \
        (Decimal("330.00"), Decimal("160.00"), Decimal("10.00"), Decimal("160.00"))
    assert [(p.name, p.credential, p.npi) for p in f.providers] == [("Ada Lovelace", "LCSW", w.provider.npi)]
    assert (f.practice_npi, f.practice_tin, f.period_start, f.period_end) == \
        (w.practice.npi, "261234567", dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def test_payments_linked_to_a_self_pay_claim_count_and_copays_do_not(w):
    month = {bill.patient_id: bill.facts
             for bill in superbills_for_month(w.practice.pk, 2026, 3, today=TODAY).superbills}
    cole = month[w.cole.pk]
    assert (cole.total_charges, cole.total_paid, cole.balance) == \
        (Decimal("180.00"), Decimal("180.00"), Decimal("0.00"))
    quill = month[w.insured.pk]  # the 30.00 copay is on the insurer's claim
    assert (quill.total_charges, quill.total_paid) == (Decimal("150.00"), Decimal("150.00"))
    birch = month[w.birch.pk]
    assert (birch.total_charges, birch.total_paid, birch.balance) == \
        (Decimal("200.00"), Decimal("0.00"), Decimal("200.00"))


def test_an_insured_patient_with_nothing_self_pay_gets_an_empty_superbill(w):
    bill = superbill_for_patient(w.practice.pk, w.insured.pk, 2026, 2, today=TODAY)
    assert bill.facts.services == () and bill.facts.payments == ()
    data = superbill_pdf(bill, practice_id=w.practice.pk)
    assert "No self-pay or out-of-network services" in pdf_text(data) and ink_share(data) > 0.01


def test_the_combined_pdf_has_a_page_per_patient_and_audits_each_export(w):
    before = m.AuditEvent.objects.filter(action="export").count()
    data = superbills_pdf(superbills_for_month(w.practice.pk, 2026, 3, today=TODAY),
                          practice_id=w.practice.pk, actor="cli:paper")
    text = pdf_text(data)
    assert page_count(data) >= 4 and ink_share(data) > 0.02
    for name in ("Robin Ash", "Lee Birch", "Pat Cole", "Jamie Rae Quill"):
        assert name in text
    assert text.count(f"NPI (organization): {w.practice.npi}") == 4
    assert text.count("Tax ID (EIN): 26-1234567") == 4
    assert "90837 psychotherapy, 60 min" in text and "$330.00" in text and "$160.00" in text
    assert "Aardvark" not in text
    events = m.AuditEvent.objects.filter(action="export").order_by("seq")[before:]
    assert sorted(int(e.object_id) for e in events) == sorted(
        [w.self_pay.pk, w.birch.pk, w.cole.pk, w.insured.pk])
    assert {e.detail["month"] for e in events} == {"2026-03"}
    assert {e.actor for e in events} == {"cli:paper"}


def test_errors_name_the_month_or_the_patient(w, tenant):
    assert parse_month("2026-03") == (2026, 3)
    for bad in ("2026-13", "March", "2026"):
        with pytest.raises(BhBillingError, match="expected YYYY-MM"):
            parse_month(bad)
    other = b.patient(tenant.b)
    with pytest.raises(BhBillingError, match=f"patient {other.pk}: not a patient of practice"):
        superbill_for_patient(w.practice.pk, other.pk, 2026, 3, today=TODAY)
    empty = superbills_for_month(w.practice.pk, 2025, 1, today=TODAY)
    assert empty.superbills == ()
    with pytest.raises(BhBillingError, match="2025-01: no patient"):
        superbills_pdf(empty, practice_id=w.practice.pk)


def test_services_given_a_practice_id_need_no_tenant_scope(tenant):
    from bhbilling.app.paper import claim_form_facts

    w = MonthWorld(tenant)  # no scope_a: CLI jobs and reports call these with a practice id
    month = superbills_for_month(w.practice.pk, 2026, 3, today=TODAY)
    assert [bill.facts.total_charges for bill in month.superbills] == \
        [Decimal("330.00"), Decimal("200.00"), Decimal("180.00"), Decimal("150.00")]
    assert len(claim_form_facts(w.insured_claim, today=TODAY).lines) == 7
