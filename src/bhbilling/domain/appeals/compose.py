"""Fill a letter template with the appeal facts: ``compose(facts, template) -> Letter``.

Pure: the same facts and template always give the same letter. Only the fields of
``AppealFacts`` reach the letter, each through a named placeholder (templates.PLACEHOLDERS),
so nothing outside the listed clinical-record facts can be quoted (45 CFR 164.501,
reference §10.3: never psychotherapy notes).

A paragraph that uses a fact we do not have (no start time recorded, no authorization
number, no treatment plan) is left out rather than printed with a blank, so a letter never
claims something the record does not show.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from bhbilling.domain.appeals.facts import AppealFacts, CodeText
from bhbilling.domain.appeals.letter import Letter
from bhbilling.domain.appeals.templates import LetterTemplate, placeholders

__all__ = ["compose", "values"]


def _date(d: dt.date | None) -> str:
    return d.strftime("%m/%d/%Y") if d else ""


def _time(t: dt.time | None) -> str:
    return t.strftime("%I:%M %p").lstrip("0") if t else ""


def _money(amount: Decimal) -> str:
    return f"${Decimal(amount).quantize(Decimal('0.01')):,.2f}"


def _codes(items: tuple[CodeText, ...], prefix: str = "") -> str:
    return "; ".join(c.label(prefix) for c in items)


def _line(line) -> str:
    mods = f"-{'-'.join(line.modifiers)}" if line.modifiers else ""
    units = f" x{Decimal(line.units).normalize():f}" if line.units != 1 else ""
    return f"{line.code}{mods}{units} {_money(line.charge)}"


def values(facts: AppealFacts, template: LetterTemplate) -> dict[str, str]:
    """The text of every placeholder ("" when the fact is unknown)."""
    s = facts.session
    level_name = template.frame.level_names[min(facts.level, len(template.frame.level_names)) - 1]
    denied = (f"procedure {facts.denied_code} ({_money(facts.denied_amount)})" if facts.denied_code
              else f"the claim ({_money(facts.denied_amount)})")
    return {
        "level_name": level_name,
        "practice_name": facts.practice_name,
        "practice_phone": facts.practice_phone,
        "payer_name": facts.payer_name,
        "member_id": facts.member_id,
        "claim_number": facts.claim_number,
        "payer_claim_number": facts.payer_claim_number,
        "service_date": _date(facts.service_date),
        "line_summary": ", ".join(_line(x) for x in facts.lines),
        "total_charge": _money(facts.total_charge),
        "denied_service": denied,
        "denied_amount": _money(facts.denied_amount),
        "denial_codes": _codes(facts.reasons, facts.group_code),
        "remark_codes": _codes(facts.remarks),
        "remittance_date": _date(facts.remittance_date),
        "prior_decision_date": _date(facts.prior_decision_date),
        "deadline": _date(facts.deadline),
        "start_time": _time(s.start_time) if s else "",
        "end_time": _time(s.end_time) if s else "",
        "modality": s.modality if s else "",
        "total_minutes": str(s.total_minutes) if s and s.total_minutes else "",
        "diagnoses": ", ".join(s.diagnoses) if s and s.diagnoses else "",
        "assessments": ", ".join(s.assessments) if s else "",
        "treatment_plan": " ".join(s.treatment_plan.split()) if s else "",
        "provider_name": facts.provider_name,
        "provider_credential": facts.provider_credential,
        "provider_npi": facts.provider_npi,
        "authorization_number": facts.authorization_number,
    }


def _fill(text: str, vals: dict[str, str]) -> str | None:
    """The text filled in, or None when it needs a fact that is empty."""
    if any(not vals[name] for name in placeholders(text)):
        return None
    return text.format_map(vals)


def _re_lines(facts: AppealFacts) -> tuple[tuple[str, str], ...]:
    rows = [("Patient", facts.patient_name),
            ("Member ID", facts.member_id),
            ("Date of birth", _date(facts.birth_date)),
            ("Date of service", _date(facts.service_date)),
            ("Our claim number", facts.claim_number),
            ("Payer claim number", facts.payer_claim_number),
            ("Billed", _money(facts.total_charge)),
            ("Denied", _money(facts.denied_amount)),
            ("Rendering provider", f"{facts.provider_name}, NPI {facts.provider_npi}")]
    return tuple((k, v) for k, v in rows if v)


def compose(facts: AppealFacts, template: LetterTemplate) -> Letter:
    """The letter for these facts: frame opening, category argument, frame closing."""
    vals = values(facts, template)
    frame = template.frame
    opening = frame.openings[min(facts.level, len(frame.openings)) - 1]
    paragraphs = [p for p in (_fill(x, vals) for x in (opening, *template.paragraphs, frame.closing))
                  if p]
    if facts.deadline_is_default:
        paragraphs.append(f"The payer's remittance gave no appeal window; we filed within "
                          f"120 days of the remittance dated {vals['remittance_date']}.")
    subject = _fill(template.subject, vals) or f"{vals['level_name']}: claim {facts.claim_number}"
    addressee = (facts.payer_name, frame.unit, *facts.payer_address)
    signature = tuple(x for x in (facts.signer, f"on behalf of {facts.practice_name}",
                                  f"NPI {facts.practice_npi}, TIN {facts.practice_tin}",
                                  facts.practice_phone) if x)
    return Letter(date=facts.today, addressee=tuple(x for x in addressee if x), subject=subject,
                  re_lines=_re_lines(facts), paragraphs=tuple(paragraphs),
                  attachments=template.attachments, signature=signature)
