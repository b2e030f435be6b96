"""Turn the bytes of an EHR export into numbered row dicts, without judging the values.

Model:
- Two formats: CSV (UTF-8, with or without the byte-order mark spreadsheets add, one header
  row required) and JSON Lines (one JSON object per line, also called NDJSON).
- Row numbers are what a biller sees: in CSV the header is row 1 and the first record is
  row 2 (the spreadsheet row number); in JSON Lines it is the line number. Blank lines are
  skipped but still counted, so numbers keep matching the file.
- Reading never raises on bad input: an undecodable byte, a malformed JSON line or a row
  with more cells than the header becomes a `Finding`, so one report lists everything.
- Header names are trimmed and lower-cased; cell text is trimmed. A short CSV row (trailing
  empty cells dropped by some exporters) reads its missing cells as "".
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from bhbilling.kernel.findings import Finding

__all__ = ["FORMATS", "Format", "RawRow", "ReadResult", "format_for", "read_rows"]

Format = Literal["csv", "jsonl"]
FORMATS: tuple[Format, ...] = ("csv", "jsonl")
_EXTENSIONS: dict[str, Format] = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@dataclass(frozen=True, slots=True)
class RawRow:
    """One source row: its number in the file and its values by column name."""

    row: int
    values: dict[str, Any]


@dataclass(slots=True)
class ReadResult:
    rows: list[RawRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    columns: tuple[str, ...] | None = None  # CSV header; None for JSON Lines


def format_for(file_name: str) -> Format | None:
    """The format implied by a file name's extension, or None when it implies none."""
    lower = file_name.lower()
    for ext, fmt in _EXTENSIONS.items():
        if lower.endswith(ext):
            return fmt
    return None


def _decode(data: bytes, file: str) -> tuple[str | None, Finding | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Finding(
            "intake.encoding", f"byte {exc.start} is not valid UTF-8",
            file=file, row=line, expected="a UTF-8 text file (save as 'CSV UTF-8')",
        )


def read_rows(data: bytes, fmt: Format, *, file: str) -> ReadResult:
    """Read every row of `data`; `file` is the name used in findings (never a path with PHI)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown import format {fmt!r}; expected one of {', '.join(FORMATS)}")
    text, problem = _decode(data, file)
    if text is None:
        return ReadResult(findings=[problem] if problem else [])
    return _read_csv(text, file) if fmt == "csv" else _read_jsonl(text, file)


def _read_csv(text: str, file: str) -> ReadResult:
    result = ReadResult()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        result.findings.append(Finding("intake.csv", f"unreadable header: {exc}", file=file, row=1))
        return result
    if not header or not any(h.strip() for h in header):
        result.findings.append(Finding(
            "intake.header", "the file has no header row", file=file, row=1,
            expected="a first row naming the columns",
        ))
        return result
    columns = tuple(h.strip().lower() for h in header)
    result.columns = columns
    seen: set[str] = set()
    for name in columns:
        if not name:
            result.findings.append(Finding("intake.header", "a column has no name", file=file,
                                           row=1, expected="a name for every column"))
        elif name in seen:
            result.findings.append(Finding("intake.header", f"column {name!r} appears twice",
                                           file=file, row=1, field=name))
        seen.add(name)
    if result.findings:
        return result
    width = len(columns)
    number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.findings.append(Finding("intake.csv", f"unreadable row: {exc}", file=file,
                                           row=number + 1))
            break
        number += 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > width:
            result.findings.append(Finding(
                "intake.columns", f"the row has {len(cells)} cells but the header has {width}",
                file=file, row=number, expected=f"at most {width} cells",
            ))
            continue
        values = {columns[i]: cells[i].strip() for i in range(len(cells))}
        for name in columns[len(cells):]:
            values[name] = ""
        result.rows.append(RawRow(number, values))
    return result


def _read_jsonl(text: str, file: str) -> ReadResult:
    result = ReadResult()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            result.findings.append(Finding(
                "intake.json", f"not valid JSON ({exc.msg} at column {exc.colno})",
                file=file, row=number, expected="one JSON object per line",
            ))
            continue
        if not isinstance(obj, dict):
            result.findings.append(Finding(
                "intake.json", f"the line holds a JSON {type(obj).__name__}, not an object",
                file=file, row=number, expected="one JSON object per line",
            ))
            continue
        values = {
            str(k).strip().lower(): (v.strip() if isinstance(v, str) else v)
            for k, v in obj.items()
        }
        result.rows.append(RawRow(number, values))
    return result
