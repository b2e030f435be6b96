"""CMS-1500 facts and PDF from stored claims: items filled from the claim, coverage, other
coverage, practice, location and payments; replacements print item 22; 7 lines make 2 pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pypdfium2 as pdfium
import pytest

from bhbilling.app import models as m
from bhbilling.app.claims.corrections import replace_claim
from bhbilling.app.paper import amount_paid, claim_form_facts, claim_form_pdf
from bhbilling.documents.cms1500 import Placement, placements
from tests import builders as b
from tests.paperworld import PaperWorld, claim, payment
from tests.pdfcheck import ink_share, page_count, pdf_text

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 4, 6)


def _page_texts(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]


@pytest.fixture
def world(tenant, scope_a):
    return PaperWorld(tenant)


def test_items_come_from_the_claim_its_coverages_and_the_practice(world):
    f = claim_form_facts(world.insured_claim, today=TODAY)
    assert (f.insurance_type, f.insured_id, f.insured_group, f.insured_plan_name) == \
        ("group", "XZ99887766", "GRP1", "Acme PPO")
    assert f.patient_name == f.insured_name == "Quill, Jamie, R"
    assert f.relationship == "self" and f.insured_birth_date == dt.date(1988, 4, 12)
    # Another coverage active on 2026-03-02: items 9, 9a, 9d and 11d "yes".
    assert (f.has_other_plan, f.other_insured_name, f.other_insured_policy, f.other_insured_plan) \
        == (True, "Quill, Sam", "BM5544", "Beacon Gold")
    assert f.diagnoses == ("F41.1", "F32.1", "Z63.0") and f.prior_authorization == "AUTH-42"
    assert [ln.pointers for ln in f.lines[:2]] == ["AB", "C"]
    assert f.lines[0].modifiers == ("95",) and f.lines[0].rendering_npi == world.provider.npi
    assert (f.tin, f.billing_npi, f.account_number) == ("261234567", world.practice.npi, "P1-S7")
    assert f.billing_name == "Practice A PLLC" and f.billing_phone == "5185550100"
    assert (f.facility_name, f.facility_npi) == ("Riverside office", world.location.npi)
    assert f.rendering_signature == "Ada Lovelace, LCSW"
    assert f.total_charge == Decimal("1260.00")  # 7 x 180.00
    assert f.resubmission_code == "" and f.amount_paid == Decimal("0.00")


def test_seven_lines_print_on_two_forms_with_totals_on_the_last(world):
    data = claim_form_pdf(world.insured_claim, today=TODAY)
    assert page_count(data) == 2
    assert ink_share(data, 0) > 0.05 and ink_share(data, 1) > 0.05
    first, second = _page_texts(data)
    assert "PAGE 1 OF 2" in first and "PAGE 2 OF 2" in second
    assert "CONTINUED" in first and "1260 00" not in first
    assert "1260 00" in second and "CONTINUED" not in second
    assert first.count("90837") == 6 and second.count("90837") == 1
    for text in (first, second):  # every page repeats the claim's identity
        assert world.practice.npi in text and "261234567" in text and "XZ99887766" in text
        assert "F411 F321 Z630" in text and "QUILL, JAMIE, R" in text
    assert "03 02 26 03 02 26 11 90837 95 AB 180 00 1 " + world.provider.npi in first


def test_a_replacement_prints_code_7_and_the_payers_original_claim_number(world):
    original = world.insured_claim
    original.state, original.payer_claim_number = "paid", "ICN-778899"
    original.save(update_fields=["state", "payer_claim_number"])
    new = replace_claim(original, reason="wrong units")
    f = claim_form_facts(new, today=TODAY)
    assert (f.resubmission_code, f.original_reference) == ("7", "ICN-778899")
    pages = placements(f)
    assert Placement(38, 50, "7") in pages[0] and Placement(38, 62, "ICN-778899") in pages[0]
    assert "ICN-778899" in pdf_text(claim_form_pdf(new, today=TODAY))


def test_amount_paid_counts_patient_payments_less_refunds_and_earlier_payers(world):
    a = world.practice
    payment(world.insured, "20.00", dt.date(2026, 3, 2), claim_row=world.insured_claim)
    payment(world.insured, "5.00", dt.date(2026, 3, 9), kind="refund", claim_row=world.insured_claim)
    payment(world.insured, "99.00", dt.date(2026, 3, 9))  # on no claim: not this claim's
    assert amount_paid(world.insured_claim) == Decimal("15.00")
    file = m.RemittanceFile.unscoped.create(practice=a, file_name="era.835", sha256="1" * 64,
                                            content="ISA", status="posted",
                                            imported_at=dt.datetime(2026, 4, 1, tzinfo=dt.UTC))
    remit = m.Remittance.unscoped.create(practice=a, file=file, payer_name="Acme", trace_number="T1",
                                         amount=Decimal("900.00"), method="ACH",
                                         payment_date=dt.date(2026, 4, 1), control_number="0001",
                                         posted_at=dt.datetime(2026, 4, 1, tzinfo=dt.UTC))
    m.ClaimPayment.unscoped.create(practice=a, remittance=remit, claim=world.insured_claim,
                                   position=1, patient_control_number="P1-S7", status_code="1",
                                   charge=Decimal("1260.00"), paid=Decimal("900.00"))
    secondary = claim(a, world.insured, world.provider, world.beacon, coverage=world.secondary,
                      pcn="P1-S7-2", lines=[(dt.date(2026, 3, 2), "90837", "180.00", (), (1,))],
                      prior_payer_claim=world.insured_claim)
    # The primary paid 900.00 and the patient 15.00 net: item 29 of the secondary claim.
    assert amount_paid(secondary) == Decimal("915.00")
    f = claim_form_facts(secondary, today=TODAY)
    assert f.insurance_type == "other"  # Beacon is commercial, the coverage has no group
    assert (f.relationship, f.insured_name) == ("spouse", "Quill, Sam")
    assert (f.other_insured_policy, f.other_insured_plan) == ("XZ99887766", "Acme PPO")
    assert "915 00" in pdf_text(claim_form_pdf(secondary, today=TODAY))


def test_a_claim_without_coverage_or_location_still_prints(world):
    bare = claim(world.practice, world.self_pay, world.provider, world.acme, pcn="BARE-1",
                 lines=[(dt.date(2026, 3, 4), "90834", "150.00", (), (1,))])
    f = claim_form_facts(bare, today=TODAY)
    assert (f.insurance_type, f.insured_id, f.relationship, f.has_other_plan) == ("other", "", "", False)
    assert f.facility_name == "" and f.patient_name == "Ash, Robin"
    data = claim_form_pdf(bare, today=TODAY)
    assert page_count(data) == 1 and ink_share(data) > 0.05
    assert "150 00" in pdf_text(data) and "CONTINUED" not in pdf_text(data)


def test_telehealth_has_no_service_facility_and_data_only_prints_no_form(world):
    tele = claim(world.practice, world.insured, world.provider, world.acme, coverage=world.coverage,
                 session=world.session, pcn="TELE-1", place_of_service="10",
                 lines=[(dt.date(2026, 3, 5), "90834", "150.00", ("95",), (1,))])
    assert claim_form_facts(tele, today=TODAY).facility_name == ""
    full = claim_form_pdf(tele, today=TODAY)
    data = claim_form_pdf(tele, today=TODAY, data_only=True)
    text = pdf_text(data)
    assert "90834" in text and world.practice.npi in text
    assert "Patient's name" in pdf_text(full) and "Patient's name" not in text
    assert 0.002 < ink_share(data) < ink_share(full)


def test_printing_is_audited_as_an_export_of_the_claim(world):
    before = m.AuditEvent.objects.count()
    user = b.user(world.practice.company, "biller", world.practice)
    claim_form_pdf(world.insured_claim, today=TODAY, actor=user)
    event = m.AuditEvent.objects.order_by("-seq").first()
    assert m.AuditEvent.objects.count() == before + 1
    assert (event.action, event.object_type, event.object_id, event.patient_id) == \
        ("export", "claim", str(world.insured_claim.pk), world.insured.pk)
    assert event.detail == {"what": "cms1500", "data_only": False} and event.actor_id == user.pk


def test_carrier_block_prints_the_payers_claims_address_else_its_payer_id(world):
    bare = claim_form_facts(world.insured_claim, today=TODAY)
    assert bare.payer_address == ()
    assert [p.text for p in placements(bare)[0] if p.line in (2, 3) and p.col == 41] == [
        "ACME HEALTH", f"PAYER ID {world.acme.payer_id}"]  # NUCC: capitals
    m.Payer.unscoped.filter(pk=world.acme.pk).update(
        address_line1="PO Box 3000", city="Burlington", state="VT", postal_code="054023000")
    f = claim_form_facts(m.Claim.unscoped.get(pk=world.insured_claim.pk), today=TODAY)
    assert f.payer_address == ("PO Box 3000", "Burlington, VT 05402-3000")
    assert [p.text for p in placements(f)[0] if p.line in (2, 3, 4) and p.col == 41] == [
        "ACME HEALTH", "PO BOX 3000", "BURLINGTON, VT 05402-3000"]
