from decimal import Decimal

from bhbilling.documents.pdf import Letterhead, build_pdf, money, para, table
from tests.pdfcheck import ink_share, page_count, pdf_text


def test_money_formats_cents_thousands_and_sign():
    assert money(Decimal("1234.5")) == "$1,234.50"
    assert money(Decimal("-12")) == "-$12.00"
    assert money(0) == "$0.00"
    assert money(None) == ""


def test_a_document_renders_with_letterhead_text_and_ink():
    head = Letterhead("Harbor & Pine Counseling", ("1 Main St", "Albany NY 12207"), "5185550100",
                      npi="1234567893", tin="123456789")
    story = [para("Dear <patient> & family"),
             table([["Code", "Charge"], ["90834", money(Decimal("150"))]], right=(1,))]
    data = build_pdf("Test document", story, letterhead=head)
    text = pdf_text(data)
    assert page_count(data) == 1
    assert "Harbor & Pine Counseling" in text
    assert "Dear <patient> & family" in text
    assert "NPI 1234567893" in text
    assert "$150.00" in text
    assert ink_share(data) > 0.002


def test_long_tables_flow_onto_more_pages_with_a_footer_on_each():
    rows = [["Line", "Amount"]] + [[str(i), money(Decimal(i))] for i in range(200)]
    data = build_pdf("Long", [table(rows, right=(1,))])
    assert page_count(data) > 2
    assert pdf_text(data).count("Page ") == page_count(data)
