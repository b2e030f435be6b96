"""Denials, pure: CARC/RARC -> root-cause category, correctable/appealable, action, deadline."""

from bhbilling.domain.denials.categories import Category
from bhbilling.domain.denials.deadlines import AppealWindow, appeal_deadline, days_left, deadline_for
from bhbilling.domain.denials.mapping import DenialAdvice, classify, may_bill_patient
from bhbilling.domain.denials.priority import priority_key, priority_score

__all__ = ["AppealWindow", "Category", "DenialAdvice", "appeal_deadline", "classify",
           "days_left", "deadline_for", "may_bill_patient", "priority_key", "priority_score"]
