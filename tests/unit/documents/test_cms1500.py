"""The CMS-1500 renderer from plain facts: where each item prints, pages, limits, the PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from bhbilling.documents.cms1500 import Placement, placements, render_cms1500
from bhbilling.documents.cms1500_facts import Address, Cms1500Facts, Cms1500Line, FormError
from tests.pdfcheck import ink_share, page_count, pdf_text

NPI = "1234567893"


def line(day: int = 2, code: str = "90837", charge: str = "180.00", **kw) -> Cms1500Line:
    fields = dict(date_from=dt.date(2026, 3, day), date_to=dt.date(2026, 3, day),
                  place_of_service="11", code=code, charge=Decimal(charge), units=Decimal("1"),
                  rendering_npi=NPI)
    fields.update(kw)
    return Cms1500Line(**fields)


def facts(n_lines: int = 1, **kw) -> Cms1500Facts:
    home = Address("1 Elm St", "", "Albany", "NY", "12207")
    fields = dict(
        payer_name="Acme Health", insurance_type="group", insured_id="XZ99887766",
        patient_name="Quill, Jamie, R", patient_birth_date=dt.date(1988, 4, 12), patient_sex="F",
        insured_name="Quill, Jamie, R", patient_address=home, relationship="self",
        insured_address=home, insured_group="GRP1", insured_birth_date=dt.date(1988, 4, 12),
        insured_sex="F", insured_plan_name="Acme PPO", diagnoses=("F41.1", "F32.1"),
        lines=tuple(line(2 + i) for i in range(n_lines)), tin="261234567",
        account_number="P1-S7", rendering_signature="Ada Lovelace, LCSW",
        signed_on=dt.date(2026, 4, 6), billing_name="Calm Waters Counseling PLLC",
        billing_address=Address("12 Main St", "", "Albany", "NY", "12207"),
        billing_npi="2123456782", billing_phone="518-555-0100")
    fields.update(kw)
    return Cms1500Facts(**fields)


def test_items_print_at_their_line_and_column():
    f = facts(lines=(line(modifiers=("95", "GT"), pointers="BA"),), amount_paid=Decimal("20.5"),
              resubmission_code="8", original_reference="ICN1", prior_authorization="AUTH9")
    page = placements(f)[0]
    expected = [
        Placement(8, 31, "X"),  # 1: group health plan
        Placement(8, 50, "XZ99887766"), Placement(10, 1, "QUILL, JAMIE, R"),
        Placement(10, 31, "04 12 1988"), Placement(10, 47, "X"),  # 3: female
        Placement(12, 33, "X"),  # 6: self
        Placement(14, 26, "NY"), Placement(16, 1, "12207"),
        Placement(26, 57, "X"),  # 11d: no other plan
        Placement(20, 41, "X"), Placement(22, 41, "X"), Placement(24, 41, "X"),  # 10a-c no
        Placement(37, 42, "0"), Placement(38, 3, "F411"), Placement(38, 16, "F321"),
        Placement(38, 50, "8"), Placement(38, 62, "ICN1"), Placement(40, 50, "AUTH9"),
        Placement(44, 1, "03 02 26"), Placement(44, 10, "03 02 26"), Placement(44, 19, "11"),
        Placement(44, 25, "90837"), Placement(44, 33, "95"), Placement(44, 36, "GT"),
        Placement(44, 45, "BA"), Placement(44, 52, "180 00"), Placement(44, 59, "1"),
        Placement(44, 68, NPI),
        Placement(56, 1, "261234567"), Placement(56, 19, "X"), Placement(56, 23, "P1-S7"),
        Placement(56, 38, "X"), Placement(56, 54, "180 00"), Placement(56, 65, "20 50"),
        Placement(57, 66, "(518) 5550100"), Placement(58, 50, "CALM WATERS COUNSELING PLLC"),
        Placement(60, 1, "ADA LOVELACE, LCSW"), Placement(61, 50, "2123456782"),
    ]
    for item in expected:
        assert item in page, item


def test_money_is_right_justified_with_cents_after_the_divider():
    f = facts(lines=(line(charge="5.00"), line(charge="1234.56")))
    page = placements(f)[0]
    # "%8.2f": dollars end in column 54 (line) / 56 (item 28), cents in 56-57 / 58-59.
    assert Placement(44, 54, "5 00") in page and Placement(46, 51, "1234 56") in page
    assert Placement(56, 53, "1239 56") in page


def test_six_lines_fit_one_form_and_the_seventh_starts_a_continued_one():
    assert len(placements(facts(6))) == 1
    pages = placements(facts(13))
    assert len(pages) == 3
    assert [sum(1 for p in page if p.col == 25 and p.text == "90837") for page in pages] == [6, 6, 1]
    assert [Placement(6, 66, f"PAGE {i} OF 3") in page for i, page in enumerate(pages, 1)] == [True] * 3
    assert Placement(56, 50, "CONTINUED") in pages[0] and Placement(56, 50, "CONTINUED") in pages[1]
    assert Placement(56, 53, "2340 00") in pages[2]  # 13 x 180.00 on the last page only
    assert not any(p.line == 6 for p in placements(facts(6))[0])  # no page label on one form


def test_units_pointers_and_other_insured():
    f = facts(lines=(line(units=Decimal("1.50"), pointers="ABCD"),), has_other_plan=True,
              other_insured_name="Quill, Sam", other_insured_policy="BM5544",
              other_insured_plan="Beacon Gold", relationship="spouse", insured_sex="M",
              diagnoses=("F41.1", "F32.1", "Z63.0", "F43.10", "F10.20"))
    page = placements(f)[0]
    for item in (Placement(44, 59, "1.5"), Placement(44, 45, "ABCD"), Placement(18, 1, "QUILL, SAM"),
                 Placement(20, 1, "BM5544"), Placement(26, 1, "BEACON GOLD"), Placement(26, 52, "X"),
                 Placement(12, 38, "X"), Placement(20, 68, "X"), Placement(39, 3, "F1020")):
        assert item in page, item


@pytest.mark.parametrize(("change", "message"), [
    ({"insurance_type": "hmo"}, "item 1: insurance type"),
    ({"relationship": "cousin"}, "item 6"),
    ({"diagnoses": tuple(f"F4{i}.1" for i in range(13))}, "item 21: at most 12"),
    ({"lines": ()}, "item 24: a claim form needs at least one service line"),
    ({"lines": (line(pointers="C"),)}, "item 24E line 90837: pointer 'C' names a diagnosis not"),
    ({"resubmission_code": "1"}, "item 22"),
    ({"amount_paid": 1.5}, "item 29"),
])
def test_facts_that_do_not_fit_the_form_are_refused(change, message):
    with pytest.raises(FormError, match=message):
        facts(**change)


def test_line_limits():
    with pytest.raises(FormError, match="at most 4 modifiers"):
        line(modifiers=("95", "GT", "HO", "U1", "U2"))
    with pytest.raises(FormError, match="1 to 4 letters A-L"):
        line(pointers="AM")
    with pytest.raises(FormError, match="charge must be a Decimal"):
        Cms1500Line(**{**dataclasses.asdict(line()), "charge": 180.0})


def test_the_pdf_draws_the_form_and_the_data():
    data = render_cms1500(facts(7))
    assert page_count(data) == 2
    assert ink_share(data, 0) > 0.05 and ink_share(data, 1) > 0.05
    text = pdf_text(data)
    assert "HEALTH INSURANCE CLAIM FORM" in text and "24. A. Date(s) of service" in text
    assert "XZ99887766" in text and "2123456782" in text and "F411 F321" in text


def test_data_only_has_no_form_and_shifts_move_the_data():
    plain = render_cms1500(facts(), data_only=True)
    text = pdf_text(plain)
    assert "HEALTH INSURANCE CLAIM FORM" not in text and "XZ99887766" in text
    assert 0.002 < ink_share(plain) < 0.05
    moved = render_cms1500(facts(), data_only=True, shift_x=36, shift_y=36)
    assert moved != plain and pdf_text(moved) == text
