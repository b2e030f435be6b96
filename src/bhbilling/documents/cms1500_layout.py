"""The blank CMS-1500 (02/12) drawn in black: boxes, item numbers and our short captions.

Geometry: the 1500 form was designed for 10 characters per inch and 6 lines per inch
(66 lines on US Letter), and paper-claim software places data by line and column on that
grid; the line/column of each item here follow the positions in common use (e.g. item 1a
on line 8 from column 50, the six item-24 lines on lines 44-54, items 25-29 on line 56).
Each item is a box whose caption sits on the line above its data line. Captions are our
own short wording with the NUCC item numbers; the form itself is public domain (NUCC 1500
Reference Instruction Manual, 02/12), its instruction text is not reproduced.

Only black ink: payers that scan paper with OCR need the official red-ink form, see
docs/paper-forms.md; the data-only mode of ``documents.cms1500`` skips this drawing.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfbase.pdfmetrics import stringWidth

__all__ = ["CAPTION_FONT", "Grid", "draw_blank_form"]

PAGE_W, PAGE_H = LETTER
COL = 7.2  # points per column (10 cpi)
ROW = 12.0  # points per line (6 lpi)
LEFT = 20.0  # left edge of column 1, points from the paper's left edge
TOP = 24.0  # top of line 1, points from the paper's top edge
CAPTION_FONT = ("Helvetica", 4.6)
SHADE = Color(0.88, 0.88, 0.88)


@dataclass(frozen=True, slots=True)
class Grid:
    """Line/column -> points; ``shift_x``/``shift_y`` move everything right/down (printer drift)."""

    shift_x: float = 0.0
    shift_y: float = 0.0

    def x(self, col: float) -> float:
        """Left of the character cell of column ``col`` (1-based)."""
        return LEFT + (col - 1) * COL + self.shift_x

    def edge(self, col: float) -> float:
        """A box border just left of column ``col``."""
        return self.x(col) - 1.8

    def top(self, line: float) -> float:
        """Top of line ``line`` (1-based), in PDF coordinates (origin bottom left)."""
        return PAGE_H - TOP - (line - 1) * ROW - self.shift_y

    def baseline(self, line: float) -> float:
        return self.top(line) - 9.5


# Boxes: (caption, first column, last column, first line, last line). The caption is on
# the first line; data sits on the lines below it.
BOXES: tuple[tuple[str, int, int, int, int], ...] = (
    ("1. Insurance type (mark one)", 1, 49, 7, 8),
    ("1a. Insured's ID number (for the program in item 1)", 50, 80, 7, 8),
    ("2. Patient's name (last, first, middle initial)", 1, 29, 9, 10),
    ("3. Patient's birth date (MM DD YYYY) and sex", 30, 49, 9, 10),
    ("4. Insured's name (last, first, middle initial)", 50, 80, 9, 10),
    ("5. Patient's address (number, street)", 1, 29, 11, 12),
    ("6. Patient's relationship to insured", 30, 49, 11, 12),
    ("7. Insured's address (number, street)", 50, 80, 11, 12),
    ("City", 1, 24, 13, 14), ("State", 25, 29, 13, 14),
    ("8. Reserved for NUCC use", 30, 49, 13, 16),
    ("City", 50, 72, 13, 14), ("State", 73, 80, 13, 14),
    ("ZIP code", 1, 13, 15, 16), ("Telephone (with area code)", 14, 29, 15, 16),
    ("ZIP code", 50, 63, 15, 16), ("Telephone (with area code)", 64, 80, 15, 16),
    ("9. Other insured's name (last, first, middle initial)", 1, 29, 17, 18),
    ("10. Is the patient's condition related to:", 30, 49, 17, 18),
    ("11. Insured's policy group or FECA number", 50, 80, 17, 18),
    ("a. Other insured's policy or group number", 1, 29, 19, 20),
    ("a. Employment (current or previous)?", 30, 49, 19, 20),
    ("a. Insured's birth date (MM DD YYYY) and sex", 50, 80, 19, 20),
    ("b. Reserved for NUCC use", 1, 29, 21, 22),
    ("b. Auto accident?          place (state)", 30, 49, 21, 22),
    ("b. Other claim ID (designated by NUCC)", 50, 80, 21, 22),
    ("c. Reserved for NUCC use", 1, 29, 23, 24),
    ("c. Other accident?", 30, 49, 23, 24),
    ("c. Insurance plan or program name", 50, 80, 23, 24),
    ("d. Insurance plan or program name", 1, 29, 25, 26),
    ("10d. Claim codes (designated by NUCC)", 30, 49, 25, 26),
    ("d. Another health benefit plan? (if yes, complete 9, 9a and 9d)", 50, 80, 25, 26),
    ("12. Patient's or authorized person's signature: releases the information needed to "
     "process this claim and asks that government benefits be paid to the patient or to "
     "the party who accepts assignment.", 1, 49, 27, 30),
    ("13. Insured's or authorized person's signature: asks that medical benefits be paid "
     "to the physician or supplier for the services below.", 50, 80, 27, 30),
    ("14. Date of current illness, injury or pregnancy (LMP)", 1, 29, 31, 32),
    ("15. Other date", 30, 49, 31, 32),
    ("16. Dates patient unable to work in current occupation", 50, 80, 31, 32),
    ("17. Name of referring provider or other source", 1, 29, 33, 34),
    ("17a.", 30, 49, 33, 33), ("17b. NPI", 30, 49, 34, 34),
    ("18. Hospitalization dates related to current services", 50, 80, 33, 34),
    ("19. Additional claim information (designated by NUCC)", 1, 49, 35, 36),
    ("20. Outside lab?                    $ charges", 50, 80, 35, 36),
    ("21. Diagnosis or nature of illness or injury: relate A-L to the service line (24E)",
     1, 49, 37, 40),
    ("22. Resubmission code        original ref. no.", 50, 80, 37, 38),
    ("23. Prior authorization number", 50, 80, 39, 40),
    ("25. Federal tax ID number", 1, 21, 55, 56),
    ("26. Patient's account no.", 22, 36, 55, 56),
    ("27. Accept assignment?", 37, 49, 55, 56),
    ("28. Total charge", 50, 60, 55, 56),
    ("29. Amount paid", 61, 71, 55, 56),
    ("30. Rsvd for NUCC use", 72, 80, 55, 56),
    ("31. Signature of physician or supplier including degrees or credentials (the "
     "statements on the reverse apply to this bill)", 1, 21, 57, 61),
    ("32. Service facility location information (a. NPI)", 22, 49, 57, 60),
    ("a.", 22, 34, 61, 61), ("b.", 35, 49, 61, 61),
    ("33. Billing provider info & phone (a. NPI)", 50, 80, 57, 60),
    ("a.", 50, 62, 61, 61), ("b.", 63, 80, 61, 61),
)

# Check boxes: (line, column, label). The mark "X" prints at that line and column.
CHECKS: tuple[tuple[int, int, str], ...] = (
    (8, 1, "Medicare"), (8, 8, "Medicaid"), (8, 15, "TRICARE"), (8, 24, "CHAMPVA"),
    (8, 31, "Group health plan"), (8, 39, "FECA blk lung"), (8, 45, "Other"),
    (10, 42, "M"), (10, 47, "F"),
    (12, 33, "Self"), (12, 38, "Spouse"), (12, 42, "Child"), (12, 47, "Other"),
    (20, 35, "Yes"), (20, 41, "No"), (22, 35, "Yes"), (22, 41, "No"),
    (24, 35, "Yes"), (24, 41, "No"), (20, 68, "M"), (20, 75, "F"),
    (26, 52, "Yes"), (26, 57, "No"), (36, 52, "Yes"), (36, 57, "No"),
    (56, 38, "Yes"), (56, 43, "No"),
)
CHECKS_LABELLED_ABOVE: tuple[tuple[int, int, str], ...] = ((56, 17, "SSN"), (56, 19, "EIN"))

# Item 24 columns: (caption, first column, last column).
SERVICE_COLUMNS: tuple[tuple[str, int, int], ...] = (
    ("24. A. Date(s) of service  From MM DD YY", 1, 9), ("To MM DD YY", 10, 18),
    ("B. Place of service", 19, 21), ("C. EMG", 22, 24),
    ("D. Procedures, services or supplies  CPT/HCPCS", 25, 32), ("Modifier", 33, 44),
    ("E. Diagnosis pointer", 45, 49), ("F. $ charges", 50, 58),
    ("G. Days or units", 59, 62), ("H. EPSDT family plan", 63, 64),
    ("I. ID qual.", 65, 67), ("J. Rendering provider ID #", 68, 80),
)
SERVICE_TOP = 41  # caption lines 41-42; service line n uses lines 41 + 2n (shaded) and 42 + 2n


def _wrap(text: str, width: float, font: tuple[str, float]) -> list[str]:
    words, lines, current = text.split(" "), [], ""
    for word in words:
        trial = f"{current} {word}".strip() if word else current + " "
        if stringWidth(trial, *font) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    return [*lines, current]


def _box(c, g: Grid, caption: str, c1: int, c2: int, l1: int, l2: int) -> None:
    x0, x1 = g.edge(c1), g.edge(c2 + 1)
    y0, y1 = g.top(l2 + 1), g.top(l1)
    c.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)
    c.setFont(*CAPTION_FONT)
    lines = _wrap(caption, x1 - x0 - 3, CAPTION_FONT)
    for i, text in enumerate(lines[:3]):
        c.drawString(x0 + 1.5, y1 - 5.2 - i * 5.0, text)


def _service_lines(c, g: Grid) -> None:
    c.setFont(*CAPTION_FONT)
    for caption, c1, c2 in SERVICE_COLUMNS:
        x0, x1 = g.edge(c1), g.edge(c2 + 1)
        c.rect(x0, g.top(SERVICE_TOP + 2), x1 - x0, 2 * ROW, stroke=1, fill=0)
        for i, text in enumerate(_wrap(caption, x1 - x0 - 2, CAPTION_FONT)[:4]):
            c.drawString(x0 + 1, g.top(SERVICE_TOP) - 5.2 - i * 5.0, text)
    for n in range(1, 7):
        shaded, data = SERVICE_TOP + 2 * n, SERVICE_TOP + 2 * n + 1
        c.setFillColor(SHADE)
        c.rect(g.edge(1), g.top(data), g.edge(81) - g.edge(1), ROW, stroke=0, fill=1)
        c.setFillColor(black)
        c.rect(g.edge(1), g.top(data + 1), g.edge(81) - g.edge(1), 2 * ROW, stroke=1, fill=0)
        for _caption, c1, _c2 in SERVICE_COLUMNS[1:]:
            top = g.top(shaded) if c1 >= 65 else g.top(data)  # 24I/J split at the shading
            c.line(g.edge(c1), top, g.edge(c1), g.top(data + 1))
        c.setDash(1, 1)
        for col in (36, 39, 42, 56):  # modifier cells and the dollars|cents split
            c.line(g.edge(col), g.top(data), g.edge(col), g.top(data + 1))
        c.setDash()
        c.setFont("Helvetica-Bold", 7)
        c.drawRightString(g.edge(1) - 2, g.baseline(data), str(n))
        c.setFont(*CAPTION_FONT)
        c.drawString(g.x(65), g.baseline(data) + 1, "NPI")


def draw_blank_form(c, g: Grid) -> None:
    """Draw every box, caption and check box of the form on the current page."""
    c.saveState()
    c.setStrokeColor(black)
    c.setFillColor(black)
    c.setLineWidth(0.5)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(g.x(1), g.baseline(3), "1500")
    c.setFont("Helvetica-Bold", 11)
    c.drawString(g.x(1), g.baseline(5), "HEALTH INSURANCE CLAIM FORM")
    c.setFont(*CAPTION_FONT)
    c.drawString(g.x(1), g.baseline(6), "Layout of the NUCC 1500 claim form, version 02/12")
    c.drawString(g.x(41), g.top(1) - 5, "Carrier: payer name and address")
    c.line(g.edge(41), g.top(1), g.edge(41), g.top(6))
    for box in BOXES:
        _box(c, g, *box)
    c.setFont(*CAPTION_FONT)
    for line, col, label in (*CHECKS, *CHECKS_LABELLED_ABOVE):
        c.rect(g.x(col) - 0.6, g.baseline(line) - 1.2, 6.6, 6.6, stroke=1, fill=0)
        if (line, col, label) in CHECKS_LABELLED_ABOVE:
            c.drawString(g.x(col) - 0.6, g.baseline(line) + 6.6, label)
        else:
            c.drawString(g.x(col) + 7.4, g.baseline(line) + 0.6, label)
    for row, letters in ((38, "ABCD"), (39, "EFGH"), (40, "IJKL")):
        for i, letter in enumerate(letters):
            c.drawString(g.x(2 + 13 * i) + 1, g.baseline(row), f"{letter}.")
    c.drawString(g.x(37), g.top(37) - 10.5, "ICD Ind.")
    for line, col, label in ((29, 1, "SIGNED"), (29, 31, "DATE"), (29, 50, "SIGNED"),
                             (61, 1, "DATE"), (16, 14, "("), (16, 18, ")"), (16, 64, "("),
                             (16, 68, ")")):
        c.drawString(g.x(col), g.baseline(line), label)
    _service_lines(c, g)
    c.setFont("Helvetica", 6)
    c.drawString(g.x(1), g.baseline(63), "NUCC Instruction Manual available at: www.nucc.org")
    c.drawRightString(g.edge(81), g.baseline(63),
                      "FORM 1500 (02-12) LAYOUT, BLACK INK: NOT THE OCR RED-INK FORM")
    c.restoreState()
