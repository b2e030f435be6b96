"""The CMS-1500 (02/12) paper claim as PDF: the facts placed item by item on the 1500 grid.

Rules followed (NUCC 1500 Reference Instruction Manual for form 02/12, and payers' paper
claim guides):
- Data in upper case, 10 characters per inch, on the line/column of each item
  (``cms1500_layout``); diagnoses without the decimal point (item 21), ICD indicator 0 for
  ICD-10-CM; 24E pointer letters, primary first, no commas; charges as dollars and cents
  split at the printed divider, no "$" or commas (24F, 28, 29).
- Six service lines per form. A claim with more lines continues on further forms: each
  page repeats items 1-23 and 25-33, is labelled "PAGE n OF m" in the top right corner,
  and only the last page carries the totals (items 28 and 29); earlier pages show
  "CONTINUED" in item 28 (e.g. HMSA "Multi-page claims"; TMHP provider manual 5.3).
- ``data_only=True`` prints the data alone, to print on pre-printed red-ink forms (the
  forms that OCR-scanning payers require); ``shift_x``/``shift_y`` (points) move the
  data to match a printer's feed, checked with one test sheet first.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

from bhbilling.documents.cms1500_facts import Address, Cms1500Facts, Cms1500Line
from bhbilling.documents.cms1500_layout import Grid, draw_blank_form

__all__ = ["Placement", "placements", "render_cms1500"]

INSURANCE_COLUMNS = {"medicare": 1, "medicaid": 8, "tricare": 15, "champva": 24, "group": 31,
                     "feca": 39, "other": 45}
RELATIONSHIP_COLUMNS = {"self": 33, "spouse": 38, "child": 42, "other": 47}
DATA_FONT = ("Courier", 10.0)
CHAR_SPACE = 1.2  # Courier 10 advances 6 pt; +1.2 pt keeps 10 characters per inch


@dataclass(frozen=True, slots=True)
class Placement:
    line: int
    col: int
    text: str


def _mdy(day: dt.date | None, century: bool = False) -> str:
    if day is None:
        return ""
    return day.strftime("%m %d %Y" if century else "%m %d %y")


def _cents(amount: Decimal) -> str:
    """Dollars right-justified, a space at the divider, then cents: ``  180 00``."""
    return f"{amount.quantize(Decimal('0.01')):8.2f}".replace(".", " ")


def _units(units: Decimal) -> str:
    return format(units.normalize(), "f")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


class _Page:
    def __init__(self) -> None:
        self.items: list[Placement] = []

    def put(self, line: int, col: int, width: int, text: str) -> None:
        """``text`` in upper case, cut to ``width``; leading blanks move it right (justified)."""
        text = (text or "").upper()[:width].rstrip()
        stripped = text.lstrip()
        if stripped:
            self.items.append(Placement(line, col + len(text) - len(stripped), stripped))

    def check(self, line: int, col: int) -> None:
        self.items.append(Placement(line, col, "X"))

    def address(self, line: int, col: int, width: int, state_col: int, addr: Address) -> None:
        self.put(line, col, width, addr.street)
        self.put(line + 2, col, state_col - col - 2, addr.city)
        self.put(line + 2, state_col, 2, addr.state)
        self.put(line + 4, col, 12, addr.postal_code)

    def phone(self, line: int, col: int, number: str) -> None:
        digits = _digits(number)[-10:]
        if len(digits) == 10:
            self.put(line, col, 3, digits[:3])
            self.put(line, col + 4, 7, digits[3:])


def _people(p: _Page, f: Cms1500Facts) -> None:
    p.check(8, INSURANCE_COLUMNS[f.insurance_type])
    p.put(8, 50, 29, f.insured_id)
    p.put(10, 1, 28, f.patient_name)
    if f.patient_birth_date:
        p.put(10, 31, 10, _mdy(f.patient_birth_date, century=True))
    if f.patient_sex in ("M", "F"):
        p.check(10, 42 if f.patient_sex == "M" else 47)
    p.put(10, 50, 29, f.insured_name)
    p.address(12, 1, 28, 26, f.patient_address)
    p.phone(16, 15, f.patient_phone)
    if f.relationship:
        p.check(12, RELATIONSHIP_COLUMNS[f.relationship])
    p.address(12, 50, 29, 74, f.insured_address)
    p.phone(16, 65, f.insured_phone)
    p.put(18, 1, 28, f.other_insured_name)
    p.put(20, 1, 28, f.other_insured_policy)
    p.put(26, 1, 28, f.other_insured_plan)
    for line, yes in ((20, f.employment_related), (22, f.auto_accident), (24, f.other_accident)):
        p.check(line, 35 if yes else 41)
    p.put(22, 45, 2, f.auto_accident_state if f.auto_accident else "")
    p.put(18, 50, 29, f.insured_group)
    if f.insured_birth_date:
        p.put(20, 53, 10, _mdy(f.insured_birth_date, century=True))
    if f.insured_sex in ("M", "F"):
        p.check(20, 68 if f.insured_sex == "M" else 75)
    p.put(22, 50, 29, f.other_claim_id)
    p.put(24, 50, 29, f.insured_plan_name)
    p.check(26, 52 if f.has_other_plan else 57)


def _claim(p: _Page, f: Cms1500Facts) -> None:
    p.put(29, 7, 23, f.patient_signature)
    p.put(29, 36, 10, _mdy(f.signed_on))
    p.put(29, 55, 25, f.insured_signature)
    if f.illness_date:
        p.put(32, 2, 10, _mdy(f.illness_date, century=True))
        p.put(32, 16, 3, f.illness_qualifier)
    p.put(34, 1, 2, f.referring_qualifier)
    p.put(34, 4, 25, f.referring_name)
    p.put(34, 33, 15, f.referring_npi)
    p.put(36, 1, 48, f.additional_info)
    p.put(37, 42, 1, f.icd_indicator)
    for i, code in enumerate(f.diagnoses):
        p.put(38 + i // 4, 3 + 13 * (i % 4), 8, code.replace(".", ""))
    p.put(38, 50, 11, f.resubmission_code)
    p.put(38, 62, 18, f.original_reference)
    p.put(40, 50, 29, f.prior_authorization)


def _service(p: _Page, n: int, ln: Cms1500Line) -> None:
    row = 42 + 2 * n  # the unshaded half of service line n (1-6)
    p.put(row, 1, 8, _mdy(ln.date_from))
    p.put(row, 10, 8, _mdy(ln.date_to))
    p.put(row, 19, 2, ln.place_of_service)
    p.put(row, 22, 1, "Y" if ln.emergency else "")
    p.put(row, 25, 6, ln.code)
    for i, modifier in enumerate(ln.modifiers):
        p.put(row, 33 + 3 * i, 2, modifier)
    p.put(row, 45, 4, ln.pointers)
    p.put(row, 50, 8, _cents(ln.charge))
    p.put(row, 59, 3, _units(ln.units))
    p.put(row, 68, 10, ln.rendering_npi)


def _provider(p: _Page, f: Cms1500Facts, last: bool) -> None:
    p.put(56, 1, 15, _digits(f.tin))
    p.check(56, 19 if f.tin_is_ein else 17)
    p.put(56, 23, 14, f.account_number)
    p.check(56, 38 if f.accept_assignment else 43)
    if last:
        p.put(56, 52, 8, _cents(f.total_charge))
        p.put(56, 62, 8, _cents(f.amount_paid))
    else:
        p.put(56, 50, 11, "CONTINUED")
    digits = _digits(f.billing_phone)[-10:]
    if len(digits) == 10:
        p.put(57, 66, 13, f"({digits[:3]}) {digits[3:]}")
    p.put(58, 23, 26, f.facility_name)
    p.put(59, 23, 26, f.facility_address.street)
    p.put(60, 23, 26, f.facility_address.city_line)
    p.put(58, 50, 30, f.billing_name)
    p.put(59, 50, 30, f.billing_address.street)
    p.put(60, 50, 30, f.billing_address.city_line)
    p.put(60, 1, 20, f.rendering_signature)
    p.put(61, 6, 10, _mdy(f.signed_on))
    p.put(61, 23, 10, f.facility_npi)
    p.put(61, 50, 10, f.billing_npi)


def placements(facts: Cms1500Facts) -> list[list[Placement]]:
    """Every value of every page at its (line, column): one list per page."""
    pages = facts.pages
    out = []
    for index, lines in enumerate(pages, start=1):
        p = _Page()
        p.put(2, 41, 31, facts.payer_name)
        carrier = list(facts.payer_address) or ([f"PAYER ID {facts.payer_id}"] if facts.payer_id else [])
        for i, text in enumerate(carrier[:3]):
            p.put(3 + i, 41, 31, text)
        if len(pages) > 1:
            p.put(6, 66, 14, f"PAGE {index} OF {len(pages)}")
        _people(p, facts)
        _claim(p, facts)
        for n, line in enumerate(lines, start=1):
            _service(p, n, line)
        _provider(p, facts, last=index == len(pages))
        out.append(sorted(p.items, key=lambda item: (item.line, item.col)))
    return out


def render_cms1500(facts: Cms1500Facts, *, data_only: bool = False, shift_x: float = 0.0,
                   shift_y: float = 0.0) -> bytes:
    """The claim as a PDF of one or more 1500 forms (six service lines per form)."""
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=LETTER, pageCompression=1)
    c.setTitle(f"CMS-1500 claim {facts.account_number}")
    c.setAuthor("bhbilling")
    grid = Grid(shift_x, shift_y)
    for page in placements(facts):
        if not data_only:
            draw_blank_form(c, grid)
        for item in page:
            text = c.beginText(grid.x(item.col), grid.baseline(item.line))
            text.setFont(*DATA_FONT)
            text.setCharSpace(CHAR_SPACE)
            text.textOut(item.text)
            c.drawText(text)
        c.showPage()
    c.save()
    return buffer.getvalue()
