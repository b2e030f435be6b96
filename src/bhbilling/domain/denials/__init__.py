"""Denials, pure: CARC/RARC -> root-cause category, correctable/appealable, action, deadline."""

from bhbilling.domain.denials.categories import Category

__all__ = ["Category"]
