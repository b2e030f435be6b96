"""The letter PDF from the database: key facts in, nothing outside the allowed fields.

A "psychotherapy note" string is planted in every session field that is not one of the
allowed clinical-record fields (45 CFR 164.501, reference §10.3), in the denial's note and
in the patient record; neither the stored letter nor its PDF may contain it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from bhbilling.app import models as m
from bhbilling.app.appeals.facts import facts_for_appeal
from bhbilling.app.appeals.letters import letter_pdf
from bhbilling.app.appeals.service import start_appeal
from tests import builders as b
from tests.denialworld import denied, make_world
from tests.pdfcheck import ink_share, pdf_text

pytestmark = pytest.mark.django_db
PLANTED = "PSYNOTE talked about her mother"


@pytest.fixture
def w(tenant, scope_a, monkeypatch):
    world = make_world(tenant, monkeypatch, payer_kind="medicaid")
    world.biller = b.user(tenant.company, "biller", tenant.a)
    world.biller.first_name, world.biller.last_name = "Bea", "Biller"
    world.biller.save()
    return world


def _plant(denial: m.Denial) -> m.ClinicalSession:
    session = denial.claim.session
    m.ClinicalSession.unscoped.filter(pk=session.pk).update(
        external_id="PSYNOTE-1", minutes={"psychotherapy": 53, PLANTED: 1},
        interactive_complexity=[PLANTED], start_time=dt.time(9, 0), end_time=dt.time(9, 53),
        total_minutes=53, diagnoses=["F43.10"], instruments=["PCL-5"],
        treatment_plan="Trauma-focused CBT twice a month; review in 90 days.")
    m.Denial.unscoped.filter(pk=denial.pk).update(note=PLANTED, category="medical_necessity",
                                                  appeal_deadline=dt.date(2026, 8, 30))
    m.Patient.unscoped.filter(pk=denial.claim.patient_id).update(statement_hold_reason=PLANTED,
                                                                 email="psynote@example.org")
    denial.refresh_from_db()
    return session


def test_letter_pdf_has_the_facts_and_no_planted_note(w):
    denial = denied(w, (("CO", "50", "200"),), remarks=("N180",))
    _plant(denial)
    appeal = start_appeal(denial, actor=w.biller, today=dt.date(2026, 6, 10))
    assert "PSYNOTE" not in appeal.letter and "talked about" not in appeal.letter
    pdf = letter_pdf(appeal, actor=w.biller)
    assert ink_share(pdf) > 0.01
    text = " ".join(pdf_text(pdf).split())
    claim = denial.claim
    for expected in (w.practice.name, f"NPI {w.practice.npi}", f"TIN {w.practice.tin}",
                     "Acme Health", "Request for Reconsideration", claim.patient_control_number,
                     "ICN900", "05/15/2026", claim.patient.full_name, "CO-50", "9:00 AM to 9:53 AM",
                     "53 minutes", "F43.10", "PCL-5", "Trauma-focused CBT twice a month",
                     "Bea Biller"):
        assert expected in text, expected
    assert "PSYNOTE" not in text.upper() and "talked about" not in text
    assert m.AuditEvent.objects.filter(object_type="appeal", object_id=str(appeal.pk),
                                       action="export").count() == 1


def test_letter_goes_to_the_payers_appeals_address_else_its_claims_address(w):
    m.Payer.unscoped.filter(pk=w.payer.pk).update(
        address_line1="PO Box 3000", city="Burlington", state="VT", postal_code="054023000")
    denial = denied(w, (("CO", "50", "200"),))
    first = start_appeal(denial, actor=w.biller, today=dt.date(2026, 6, 10))
    assert "| PO Box 3000\n| Burlington, VT 05402-3000\n" in first.letter
    m.Payer.unscoped.filter(pk=w.payer.pk).update(
        appeals_line1="Appeals Unit, PO Box 3090", appeals_city="Burlington", appeals_state="VT",
        appeals_postal_code="05402")
    facts = facts_for_appeal(m.Appeal.objects.get(pk=first.pk), today=dt.date(2026, 6, 11), signer="B")
    assert facts.payer_address == ("Appeals Unit, PO Box 3090", "Burlington, VT 05402")
    text = " ".join(pdf_text(letter_pdf(first, actor=w.biller)).split())
    assert "PO Box 3000" in text  # the stored letter keeps the address it was written to
