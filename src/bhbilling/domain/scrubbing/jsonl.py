"""Claim snapshots as JSON Lines: one snapshot per line, the documented exchange format.

Model (docs/scrubbing.md, "Snapshot format"):
- A line is a JSON object whose keys are the ``snapshot`` dataclass fields; nested objects
  are the nested dataclasses. Dates are "YYYY-MM-DD"; money and units are strings
  ("150.00") or integers -- a JSON number with a fraction is read exactly (as Decimal),
  never through a float; sets and tuples are arrays. Fields left out take their defaults;
  unknown fields are refused, so a typo never silently drops a fact.
- The reader is generated from the dataclasses' type hints (``snapshot_decoder``), so
  the format and the snapshot cannot drift apart.
- Errors (``SnapshotFormatError``) name the file, line number, field path
  (``lines[1].charge``) and what was expected. They echo a value only for code-like fields
  (codes, modifiers, POS, frequency); ids, dates and other values are described, never
  shown, so an error message cannot leak PHI.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import IO, Any

from bhbilling.domain.scrubbing.engine import ScrubResult
from bhbilling.domain.scrubbing.snapshot import ClaimSnapshot
from bhbilling.domain.scrubbing.snapshot_decoder import DecodeProblem, decoder, describe
from bhbilling.kernel.errors import BhBillingError

__all__ = [
    "SCHEMA",
    "SnapshotFormatError",
    "dumps_snapshot",
    "iter_snapshots",
    "loads_snapshot",
    "parse_snapshot",
    "read_snapshots",
    "result_to_dict",
    "snapshot_to_dict",
    "write_snapshots",
]

SCHEMA = 1


class SnapshotFormatError(BhBillingError, ValueError):
    """A snapshot line that does not match the format; says where and what was expected."""

    def __init__(self, file: str, line: int, field: str, expected: str, got: str = "") -> None:
        self.file, self.line, self.field, self.expected = file, line, field, expected
        where = f"{file} line {line}" + (f", field {field}" if field else "")
        super().__init__(f"{where}: expected {expected}" + (f", got {got}" if got else ""))


def parse_snapshot(obj: Any, *, file: str = "<input>", line: int = 1) -> ClaimSnapshot:
    """A snapshot from one decoded JSON object; SnapshotFormatError names what is wrong."""
    if isinstance(obj, dict) and obj.get("schema", SCHEMA) != SCHEMA:
        raise SnapshotFormatError(file, line, "schema", f"{SCHEMA}", describe(obj["schema"], "schema"))
    try:
        return decoder(ClaimSnapshot)(obj, "")
    except DecodeProblem as bad:
        raise SnapshotFormatError(file, line, bad.path, bad.expected, bad.got) from None


def loads_snapshot(text: str, *, file: str = "<input>", line: int = 1) -> ClaimSnapshot:
    try:
        obj = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        expected = f"one JSON object ({exc.msg} at column {exc.colno})"
        raise SnapshotFormatError(file, line, "", expected) from None
    if not isinstance(obj, dict):
        raise SnapshotFormatError(file, line, "", "one JSON object per line", describe(obj, ""))
    return parse_snapshot(obj, file=file, line=line)


def iter_snapshots(stream: Iterable[str], file: str = "<input>") -> Iterator[ClaimSnapshot]:
    """Snapshots from JSON Lines, streamed; blank lines are skipped; stops at the first bad line."""
    for number, text in enumerate(stream, 1):
        if text.strip():
            yield loads_snapshot(text, file=file, line=number)


def read_snapshots(stream: Iterable[str], file: str = "<input>"
                   ) -> tuple[list[ClaimSnapshot], list[SnapshotFormatError]]:
    """Every good snapshot and every bad line's error (a batch tool reports them all)."""
    good, bad = [], []
    for number, text in enumerate(stream, 1):
        if text.strip():
            try:
                good.append(loads_snapshot(text, file=file, line=number))
            except SnapshotFormatError as exc:
                bad.append(exc)
    return good, bad


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return _encode_record(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, frozenset):
        return sorted(_encode(v) for v in value)
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _encode(v) for k, v in sorted(value.items())}
    return value


def _encode_record(obj: Any) -> dict:
    out = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.default is not dataclasses.MISSING and value == f.default:
            continue
        if f.default_factory is not dataclasses.MISSING and value == f.default_factory():
            continue
        out[f.name] = _encode(value)
    return out


def snapshot_to_dict(snapshot: ClaimSnapshot) -> dict:
    """The JSON object for a snapshot (fields at their defaults left out)."""
    return {"schema": SCHEMA, **_encode_record(snapshot)}


def dumps_snapshot(snapshot: ClaimSnapshot) -> str:
    return json.dumps(snapshot_to_dict(snapshot), separators=(",", ":"), ensure_ascii=False)


def write_snapshots(snapshots: Iterable[ClaimSnapshot], stream: IO[str]) -> int:
    n = 0
    for snapshot in snapshots:
        stream.write(dumps_snapshot(snapshot))
        stream.write("\n")
        n += 1
    return n


def result_to_dict(result: ScrubResult) -> dict:
    """A scrub result as JSON (the CLI's and API's ``--json`` shape, docs/scrubbing.md)."""
    return {
        "claim_id": result.claim_id, "pack": result.pack, "pack_version": result.pack_version,
        "ready": result.ready, "clean": result.clean,
        "findings": [{"rule": f.rule, "category": f.category, "severity": f.severity, "message": f.message,
                      "fix": f.fix, "reference": f.reference, "line": f.line, "element": f.element,
                      "overridden": f.overridden} for f in result.findings],
    }
