"""An appeal's letter as PDF bytes, drawn from the stored letter text (what was sent).

Reading the letter is a PHI read (patient name, member id, dates of service), so every
PDF made is audit-logged as an export of the appeal.
"""

from __future__ import annotations

from typing import Any

from bhbilling.app import audit
from bhbilling.app.models import Appeal, Practice
from bhbilling.documents.addresses import mailing_lines
from bhbilling.documents.appeal_letter import render_appeal_letter
from bhbilling.documents.pdf import Letterhead
from bhbilling.domain.appeals import Letter

__all__ = ["letter_pdf", "letterhead"]


def letterhead(practice: Practice) -> Letterhead:
    return Letterhead(name=practice.name, address_lines=mailing_lines(practice), phone=practice.phone,
                      npi=practice.npi, tin=practice.tin)


def letter_pdf(appeal: Appeal, *, actor: Any) -> bytes:
    """The appeal letter PDF; audit-logged (PHI read)."""
    practice = Practice.unscoped.get(pk=appeal.practice_id)
    pdf = render_appeal_letter(Letter.from_text(appeal.letter), letterhead(practice))
    audit.record("export", appeal, actor=actor, detail={"format": "pdf"})
    return pdf
