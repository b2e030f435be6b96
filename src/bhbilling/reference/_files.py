"""Read the CSV files shipped in `bhbilling/reference/data` (inside the wheel)."""

from __future__ import annotations

import csv
import io
from importlib import resources

__all__ = ["read_csv_rows"]


def read_csv_rows(filename: str) -> list[dict[str, str]]:
    """Rows of a packaged CSV as dicts keyed by its header."""
    resource = resources.files("bhbilling.reference").joinpath("data", filename)
    text = resource.read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))
