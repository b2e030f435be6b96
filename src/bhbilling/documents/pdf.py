"""Shared page furniture for every bhbilling PDF: letterhead, footer, styles, tables, money.

One look for all documents: US Letter, 0.75 in margins, Helvetica (a PDF base font, so no
font files ship with us), the practice's letterhead at the top of the first page, and a
footer with the document title and page number on every page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle, StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from bhbilling.documents.addresses import phone_display

__all__ = ["INK", "MARGIN", "MUTED", "Letterhead", "build_pdf", "money", "para", "styles", "table"]

MARGIN = 0.75 * inch
INK = colors.HexColor("#1f2937")
MUTED = colors.HexColor("#6b7280")
RULE = colors.HexColor("#d1d5db")
HEAD_FILL = colors.HexColor("#eef2f7")


@dataclass(frozen=True, slots=True)
class Letterhead:
    """Who the document is from: the practice (name, address, phone, NPI, TIN)."""

    name: str
    address_lines: tuple[str, ...] = ()
    phone: str = ""
    npi: str = ""
    tin: str = ""


def money(amount: Decimal | int | None) -> str:
    """``$1,234.50``; negative amounts as ``-$12.00``; None as an empty string."""
    if amount is None:
        return ""
    value = Decimal(amount).quantize(Decimal("0.01"))
    sign = "-" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"


def styles() -> StyleSheet1:
    """The sample sheet with our body size and a few named styles (small, muted, right)."""
    sheet = getSampleStyleSheet()
    sheet["Normal"].fontSize = 10
    sheet["Normal"].leading = 13
    sheet["Normal"].textColor = INK
    sheet.add(ParagraphStyle("Small", parent=sheet["Normal"], fontSize=8, leading=10))
    sheet.add(ParagraphStyle("Muted", parent=sheet["Normal"], fontSize=8, leading=10,
                             textColor=MUTED))
    sheet.add(ParagraphStyle("Right", parent=sheet["Normal"], alignment=2))
    for name in ("Title", "Heading1", "Heading2", "Heading3"):
        sheet[name].textColor = INK
    return sheet


_SHEET = styles()


def para(text: str, style: str = "Normal") -> Paragraph:
    """A paragraph of plain text (escaped: names with & or < print as written)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(escaped.replace("\n", "<br/>"), _SHEET[style])


def table(rows: Sequence[Sequence[object]], widths: Sequence[float] | None = None, *,
          header: bool = True, right: Sequence[int] = (), total_row: bool = False) -> Table:
    """A ruled table; ``right`` are the column indexes to right-align (amounts)."""
    cells = [[c if isinstance(c, Flowable) else ("" if c is None else str(c)) for c in row]
             for row in rows]
    t = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
    style = [("FONT", (0, 0), (-1, -1), "Helvetica", 9),
             ("TEXTCOLOR", (0, 0), (-1, -1), INK),
             ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
             ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if header:
        style += [("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                  ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]
    if total_row:
        style += [("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 9),
                  ("LINEABOVE", (0, -1), (-1, -1), 0.75, INK)]
    style += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in right]
    t.setStyle(TableStyle(style))
    return t


def _letterhead(canvas, doc, head: Letterhead | None) -> None:
    if head is None:
        return
    top = LETTER[1] - MARGIN + 0.35 * inch
    canvas.setFillColor(INK)
    canvas.setFont("Helvetica-Bold", 13)
    canvas.drawString(MARGIN, top, head.name)
    canvas.setFont("Helvetica", 8)
    canvas.setFillColor(MUTED)
    ids = "  ".join(x for x in (f"NPI {head.npi}" if head.npi else "",
                                f"TIN {head.tin}" if head.tin else "") if x)
    lines = [*head.address_lines, phone_display(head.phone), ids]
    y = top
    for line in (x for x in lines if x):
        canvas.drawRightString(LETTER[0] - MARGIN, y, line)
        y -= 10
    canvas.setStrokeColor(RULE)
    canvas.line(MARGIN, min(y, top - 12) - 2, LETTER[0] - MARGIN, min(y, top - 12) - 2)


def _footer(canvas, doc, title: str) -> None:
    canvas.setFont("Helvetica", 7)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, 0.45 * inch, title)
    canvas.drawRightString(LETTER[0] - MARGIN, 0.45 * inch, f"Page {doc.page}")


def build_pdf(title: str, story: Sequence[Flowable], *, letterhead: Letterhead | None = None,
              author: str = "bhbilling") -> bytes:
    """Lay out ``story`` on US Letter pages and return the PDF bytes.

    The letterhead is drawn on the first page only; the footer (title, page number) on all.
    """
    buffer = io.BytesIO()
    top = MARGIN + (0.75 * inch if letterhead else 0)
    doc = SimpleDocTemplate(buffer, pagesize=LETTER, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=top, bottomMargin=MARGIN, title=title, author=author)

    def first(canvas, d):
        canvas.saveState()
        _letterhead(canvas, d, letterhead)
        _footer(canvas, d, title)
        canvas.restoreState()

    def later(canvas, d):
        canvas.saveState()
        _footer(canvas, d, title)
        canvas.restoreState()

    doc.build(list(story), onFirstPage=first, onLaterPages=later)
    return buffer.getvalue()
