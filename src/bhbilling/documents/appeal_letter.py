"""An appeal letter as PDF: letterhead, date, payer address block, RE block, body,
enclosures, signature.

Pure layout over ``domain.appeals.Letter`` (the stored letter text, parsed) and the
practice ``Letterhead`` (name, address, phone, NPI, TIN). The letter holds only the facts
``domain.appeals.compose`` put there: clinical-record fields, never psychotherapy notes
(45 CFR 164.501; reference §10.3).
"""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.platypus import KeepTogether, Spacer

from bhbilling.documents.pdf import Letterhead, build_pdf, para, table
from bhbilling.domain.appeals import Letter

__all__ = ["render_appeal_letter"]


def render_appeal_letter(letter: Letter, letterhead: Letterhead) -> bytes:
    """The letter on US Letter pages; the title (footer, PDF metadata) names no patient."""
    story = [para(letter.date.strftime("%B %d, %Y").replace(" 0", " ")), Spacer(1, 0.2 * inch)]
    if letter.addressee:
        story.append(para("\n".join(letter.addressee)))
        story.append(Spacer(1, 0.2 * inch))
    story.append(para(f"RE: {letter.subject}", "Heading3"))
    if letter.re_lines:
        story.append(table([[k, v] for k, v in letter.re_lines], [1.7 * inch, 5.3 * inch],
                           header=False))
    story.append(Spacer(1, 0.2 * inch))
    story.append(para("To whom it may concern:"))
    story.append(Spacer(1, 0.1 * inch))
    for paragraph in letter.paragraphs:
        story.append(para(paragraph))
        story.append(Spacer(1, 0.1 * inch))
    if letter.attachments:
        story.append(KeepTogether([
            para("Enclosures", "Heading4"),
            *(para(f"{i}. {item}") for i, item in enumerate(letter.attachments, 1)),
        ]))
        story.append(Spacer(1, 0.2 * inch))
    story.append(KeepTogether([para("Sincerely,"), Spacer(1, 0.35 * inch),
                               para("\n".join(letter.signature))]))
    return build_pdf("Appeal letter", story, letterhead=letterhead)
