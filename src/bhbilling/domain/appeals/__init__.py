"""Appeals, pure: letter templates per denial category and payer kind, the facts a letter may
quote (never psychotherapy notes, 45 CFR 164.501), composing the letter, deadlines per
level and reminder dates."""

from bhbilling.domain.appeals.compose import compose
from bhbilling.domain.appeals.deadlines import (
    REMINDER_DAYS,
    NextLevel,
    first_level_deadline,
    level_name,
    next_level,
    reminder_dates,
    reminder_due,
    reminders,
)
from bhbilling.domain.appeals.facts import AppealFacts, CodeText, LineFacts, SessionFacts
from bhbilling.domain.appeals.letter import Letter, LetterFormatError
from bhbilling.domain.appeals.templates import LetterTemplate, NoTemplate, TemplateError, template_for

__all__ = [
    "REMINDER_DAYS", "AppealFacts", "CodeText", "Letter", "LetterFormatError", "LetterTemplate",
    "LineFacts", "NextLevel", "NoTemplate", "SessionFacts", "TemplateError", "compose",
    "first_level_deadline", "level_name", "next_level", "reminder_dates", "reminder_due",
    "reminders", "template_for",
]
