"""The appeal letter PDF: renders, is not blank, and carries the letter's key facts."""

from __future__ import annotations

from bhbilling.documents.appeal_letter import render_appeal_letter
from bhbilling.documents.pdf import Letterhead
from bhbilling.domain.appeals import compose, template_for
from tests.pdfcheck import ink_share, page_count, pdf_text
from tests.unit.domain.appeals.sample import facts

HEAD = Letterhead(name="Riverbend Counseling", address_lines=("9 Elm St", "Troy, NY 12180"),
                  phone="5185550100", npi="1234567893", tin="123456789")


def test_letter_pdf_renders_with_letterhead_re_block_body_enclosures_and_signature():
    letter = compose(facts(), template_for("medical_necessity", "medicare"))
    pdf = render_appeal_letter(letter, HEAD)
    assert page_count(pdf) >= 1
    assert ink_share(pdf) > 0.01
    text = " ".join(pdf_text(pdf).split())
    for expected in ("Riverbend Counseling", "NPI 1234567893", "TIN 123456789", "June 10, 2026",
                     "Acme Health", "Attn: Redeterminations / Reconsiderations",
                     "RE: Request for Redetermination: medical necessity, claim PCN1001",
                     "Pat Q Example", "MBR77", "ICN900", "05/15/2026", "CO-50",
                     "2:05 PM to 3:00 PM (55 minutes)", "F33.1, F41.1",
                     "Weekly CBT for 12 weeks", "Enclosures", "1. Treatment plan summary",
                     "Sincerely,", "Bea Biller"):
        assert expected in text, expected


def test_long_letter_flows_onto_a_second_page():
    long_plan = " ".join(["Weekly CBT with measurable goals and a review every four weeks."] * 60)
    sample = facts()
    session = type(sample.session)(**{**{f: getattr(sample.session, f) for f in
                                         sample.session.__dataclass_fields__},
                                      "treatment_plan": long_plan})
    pdf = render_appeal_letter(compose(facts(session=session),
                                       template_for("medical_necessity", "commercial")), HEAD)
    assert page_count(pdf) == 2
    assert ink_share(pdf, page=1) > 0.005
