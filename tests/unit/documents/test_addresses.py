"""Addresses and phone numbers as they print on every document."""

from types import SimpleNamespace

from bhbilling.documents.addresses import city_line, mailing_lines, phone_display, zip_display


def _row(**kw):
    base = dict(address_line1="12 Main St", address_line2="Suite 4", city="Springfield", state="IL",
                postal_code="627011234", pay_to_line1="PO Box 9", pay_to_line2="", pay_to_city="Peoria",
                pay_to_state="IL", pay_to_postal_code="61601")
    return SimpleNamespace(**{**base, **kw})


def test_zip_plus_four_gets_its_hyphen_and_five_digits_stay():
    assert zip_display("627011234") == "62701-1234"
    assert zip_display("62701") == "62701"
    assert zip_display("") == ""


def test_city_line_leaves_out_what_is_unknown():
    assert city_line("Springfield", "IL", "627011234") == "Springfield, IL 62701-1234"
    assert city_line("", "IL", "62701") == "IL 62701"


def test_mailing_lines_of_an_address_and_of_a_pay_to_address():
    assert mailing_lines(_row()) == ("12 Main St", "Suite 4", "Springfield, IL 62701-1234")
    assert mailing_lines(_row(), one_street_line=True) == (
        "12 Main St, Suite 4", "Springfield, IL 62701-1234")
    assert mailing_lines(_row(address_line2="")) == ("12 Main St", "Springfield, IL 62701-1234")
    assert mailing_lines(_row(), "pay_to_") == ("PO Box 9", "Peoria, IL 61601")


def test_phone_numbers():
    assert phone_display("2175550100") == "(217) 555-0100"
    assert phone_display("217-555-0100") == "(217) 555-0100"
    assert phone_display("555-0100") == "555-0100"
    assert phone_display("") == ""
