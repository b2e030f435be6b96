"""Located findings: the value every rule returns instead of raising.

Model:
- A `Finding` says what is wrong (`code`, `message`), how bad (`severity`), and exactly
  where: a file and row for CSV imports, a segment index and element for X12
  (e.g. segment 14, field "CLM05-3"), and the value that was `expected`.
- Findings are frozen values, so rules stay pure and results can be compared in tests.
- `str(finding)` renders one line a biller can act on, e.g.
  "patients.csv row 7, field date_of_birth: expected a date YYYY-MM-DD, got '13/45/1990'".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["ERROR", "WARNING", "Finding", "Severity"]

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by a rule, with its location.

    `message` is the human part after the location; when `expected` is given and the
    message does not already say what was expected, the rendering appends it.
    """

    code: str
    message: str
    severity: Severity = ERROR
    file: str | None = None
    row: int | None = None
    segment: int | str | None = None
    field: str | None = None
    expected: str | None = None

    def __post_init__(self) -> None:
        if self.severity not in ("error", "warning"):
            raise ValueError(
                f"Finding severity must be 'error' or 'warning', got {self.severity!r}"
            )

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def location(self) -> str:
        """Where the problem is, most general part first ("" when unlocated)."""
        parts: list[str] = []
        head = self.file or ""
        if self.row is not None:
            head = f"{head} row {self.row}".strip()
        if head:
            parts.append(head)
        if self.segment is not None:
            parts.append(f"segment {self.segment}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)

    def __str__(self) -> str:
        text = self.message
        if self.expected and "expected" not in text.lower():
            text = f"{text} (expected {self.expected})"
        loc = self.location
        return f"{loc}: {text}" if loc else text
