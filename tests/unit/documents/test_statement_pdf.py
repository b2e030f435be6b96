"""The statement PDF renders (not blank) and prints the figures a patient needs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bhbilling.documents.pdf import Letterhead
from bhbilling.documents.statement import PlanFacts, StatementFacts, StatementLineFacts, render_statement
from tests.pdfcheck import ink_share, page_count, pdf_text

D = Decimal


def facts(**kw) -> StatementFacts:
    base = dict(
        letterhead=Letterhead("Harbor & Pine Counseling", ("1 Main St", "Albany, NY 12207"),
                              "5185550100"),
        number="ST000042", statement_date=dt.date(2026, 7, 1), due_on=dt.date(2026, 7, 22),
        account_number="A00017", patient_name="Jamie Rivera",
        patient_address=("9 Elm St", "Troy, NY 12180"), balance=D("60.00"), amount_due=D("60.00"),
        insurance_paid=D("190.00"),
        aging=(("0-30", D("0")), ("31-60", D("50.00")), ("61-90", D("10.00")), ("91-120", D("0")),
               ("120+", D("0"))),
        lines=(StatementLineFacts(dt.date(2026, 4, 6), "Ada Lovelace, LCSW",
                                  "90834 (psychotherapy, 45 min)", D("150.00"), D("90.00"),
                                  D("30.00"), D("0"), D("20.00"), D("10.00")),
               StatementLineFacts(dt.date(2026, 5, 4), "Ada Lovelace, LCSW",
                                  "90837 (psychotherapy, 60 min)", D("200.00"), D("100.00"),
                                  D("0"), D("50.00"), D("0"), D("50.00"))),
        how_to_pay="Pay online at pay.harborpine.example or call us.",
        pay_to_name="Harbor & Pine Counseling", pay_to_address=("PO Box 77", "Albany, NY 12201"),
        recent_payments=((dt.date(2026, 6, 2), D("25.00"), "Check"),))
    base.update(kw)
    return StatementFacts(**base)


def test_statement_pdf_shows_amounts_aging_lines_how_to_pay_and_stub():
    data = render_statement(facts())
    text = pdf_text(data)
    assert page_count(data) == 1
    assert ink_share(data) > 0.01
    for expected in ("Harbor & Pine Counseling", "Patient statement", "Jamie Rivera", "9 Elm St",
                     "ST000042", "A00017", "07/01/2026", "07/22/2026", "$60.00", "31-60 days",
                     "$50.00", "$10.00", "$190.00", "90834 (psychotherapy, 45 min)",
                     "Ada Lovelace, LCSW", "04/06/2026", "$150.00", "pay.harborpine.example",
                     "PO Box 77", "Detach here", "Amount enclosed", "Payments received"):
        assert expected in text, expected
    # the stub repeats account, statement number and amount due
    assert text.count("ST000042") >= 2 and text.count("A00017") >= 2


def test_plan_installment_is_printed_when_there_is_a_plan():
    data = render_statement(facts(amount_due=D("50.00"), plan=PlanFacts(
        D("50.00"), dt.date(2026, 7, 10), D("50.00"), D("0"), D("60.00"), "current")))
    text = pdf_text(data)
    assert "payment plan of $50.00 a month" in text
    assert "next installment is due 07/10/2026" in text
    assert ink_share(data) > 0.01


def test_a_long_account_flows_onto_more_pages_and_keeps_the_stub():
    line = facts().lines[0]
    data = render_statement(facts(lines=(line,) * 60, balance=D("600.00"), amount_due=D("600.00")))
    assert page_count(data) >= 2
    text = pdf_text(data)
    assert "Amount enclosed" in text
    assert ink_share(data, page_count(data) - 1) > 0.005
