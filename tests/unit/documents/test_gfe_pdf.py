"""The Good Faith Estimate PDF renders, is not blank, and says what 45 CFR 149.610(c) requires."""

import datetime as dt
from decimal import Decimal

from bhbilling.documents.gfe import GfeFacts, GfeLine, render_gfe
from bhbilling.documents.pdf import Letterhead
from tests.pdfcheck import ink_share, page_count, pdf_text

FACTS = GfeFacts(
    number="GFE-2026-0007",
    practice=Letterhead("Harbor Light Counseling", ("14 Church St", "Burlington, VT 05401"),
                        "8025550101", npi="1234567893", tin="461234501"),
    patient_name="Jamie Q Rivera", patient_birth_date=dt.date(1988, 4, 12), patient_account="A00042",
    provider_name="Maya Thornton, LCSW", provider_npi="1098765432", provider_tin="461234501",
    location_lines=("Main office", "14 Church St", "Burlington, VT 05401"), location_state="VT",
    service_description="Outpatient behavioral health care with Maya Thornton, LCSW: 1 x diagnostic "
                        "evaluation (90791); 52 x psychotherapy, 45 min (90834)",
    period_start=dt.date(2026, 12, 1), period_end=dt.date(2027, 11, 30),
    lines=(GfeLine("90791", "diagnostic evaluation", (), 1, Decimal(1), Decimal("250.00"), Decimal("250.00")),
           GfeLine("90834", "psychotherapy, 45 min", ("95",), 52, Decimal(1), Decimal("150.00"),
                   Decimal("7800.00"))),
    total=Decimal("8050.00"), diagnoses=("F41.1", "Z63.0"), issued_on=dt.date(2026, 11, 27),
    trigger_note="Scheduled on 11/25/2026; first service 12/01/2026", supersedes="GFE-2026-0003")


def test_the_estimate_renders_with_every_required_part():
    data = render_gfe(FACTS)
    assert page_count(data) >= 1
    assert ink_share(data) > 0.01
    text = " ".join(pdf_text(data).split())
    for expected in ("Good Faith Estimate", "GFE-2026-0007", "Issued 11/27/2026", "replaces GFE-2026-0003",
                     "Jamie Q Rivera", "04/12/1988",                               # patient, DOB
                     "Maya Thornton, LCSW", "1098765432", "461234501",             # provider, NPI, TIN
                     "14 Church St", "VT",                                          # where, state
                     "12/01/2026 to 11/30/2027",                                    # period
                     "90791", "diagnostic evaluation", "90834", "psychotherapy, 45 min", "95",
                     "$250.00", "$7,800.00", "$8,050.00", "53",                     # items, total
                     "F41.1", "Z63.0",                                              # diagnoses
                     "only an estimate", "$400.00 or more above this estimate",
                     "120 calendar days", "$25.00", "www.cms.gov/nosurprises",
                     "Keep a copy", "not a contract", "will not affect the quality",
                     "scheduled and estimated separately"):
        assert expected in text, expected


def test_a_draft_says_so():
    from dataclasses import replace

    text = pdf_text(render_gfe(replace(FACTS, issued_on=None, supersedes="")))
    assert "DRAFT" in text and "replaces" not in text
