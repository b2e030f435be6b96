"""Validate an X12 file: our envelope checks, then pyx12's implementation-guide checks.

Why two layers: `bhbilling.x12.validation` checks syntax and envelopes (ISA..IEA, GS..GE,
ST..SE counts and control numbers) with our own reader; pyx12, an independent 005010
validator, knows each implementation guide's loops, segments and code lists (e.g. SBR01
must be P, S, T, A..H or U in 837P loop 2000B). pyx12 is a dev dependency, so it lives in
this adapter ring, never in `bhbilling.x12`, and its absence is reported, not fatal.

pyx12 reports each error under an interchange, group, transaction, segment or element in
its JSON error report; the codes it gives are the 999/TA1 codes of that level (TA105,
AK905, IK502, IK304, IK403), so they become the same `Finding` shape as ours.
"""

from __future__ import annotations

import io
import json
import logging
import os
from dataclasses import dataclass, field
from typing import IO, Any

from bhbilling.kernel.findings import Finding
from bhbilling.x12.validation import check_envelopes

__all__ = ["PYX12_MISSING", "ValidationReport", "pyx12_findings", "validate_file"]

PYX12_MISSING = "pyx12 is not installed: only envelope checks were run"
_MAX_FOUND = 40
# The 999/TA1 element each pyx12 level's error code belongs to.
_LEVEL_CODE = {"interchange": "TA1 TA105", "group": "999 AK905", "transaction": "999 IK502",
               "segment": "999 IK304", "element": "999 IK403"}


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """All findings for one file, in file order, and notes on what was (not) checked."""

    file: str
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not any(f.is_error for f in self.findings)


class _Collect(logging.Handler):
    """Keeps pyx12's ERROR log records (and stops them reaching the console)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _finding(level: str, err: dict[str, Any], file: str, segment: Any, where: str | None) -> Finding:
    code = f"{_LEVEL_CODE[level]}={err.get('err_cde')}" if err.get("err_cde") else "pyx12"
    message = str(err.get("err_str") or "error reported by pyx12")
    value = err.get("err_val")
    if value not in (None, "") and not any(
            form in message for form in (f"({value})", repr(str(value)[:_MAX_FOUND]))):
        shown = str(value) if len(str(value)) <= _MAX_FOUND else str(value)[:_MAX_FOUND] + "..."
        message += f", found {shown!r}"
    return Finding(code=code, message=message, file=file, segment=segment, field=where)


def _walk(node: Any, file: str, out: list[Finding], segment: Any = None, seg_id: str = "") -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, file, out, segment, seg_id)
        return
    if not isinstance(node, dict):
        return
    if "seg_id" in node:
        level, segment, seg_id = "segment", node.get("cur_line"), str(node["seg_id"])
        where: str | None = seg_id
    elif "ele_pos" in node:
        level = "element"
        where = f"{seg_id}{int(node['ele_pos']):02d}"
        if node.get("subele_pos"):
            where += f"-{node['subele_pos']}"
    elif "trn_set_control_num" in node:
        level, segment, where = "transaction", node.get("cur_line"), "SE"
    elif "gs_control_num" in node:
        level, segment, where = "group", node.get("cur_line"), "GE"
    else:
        level, segment, where = "interchange", node.get("cur_line"), "IEA"
    for err in node.get("errors") or ():
        out.append(_finding(level, err, file, segment, where))
    for key, value in node.items():
        if key != "errors" and isinstance(value, list | dict):
            _walk(value, file, out, segment, seg_id)


def pyx12_findings(source: IO[str], file: str) -> list[Finding] | None:
    """pyx12's errors for the X12 text in `source` as findings ([] when valid); None when
    pyx12 is not installed."""
    try:
        import pyx12.params
        import pyx12.x12n_document
    except ImportError:
        return None
    report = io.StringIO()
    collect = _Collect()
    logger = logging.getLogger("pyx12")
    logger.addHandler(collect)
    propagate, logger.propagate = logger.propagate, False  # its errors are our findings
    try:
        ok = pyx12.x12n_document.x12n_document(
            pyx12.params.params(), source, fd_997=None, fd_html=None,
            fd_xmldoc=None, fd_json=report,
        )
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
    out: list[Finding] = []
    if report.getvalue():
        _walk(json.loads(report.getvalue()), file, out)
    if not out:
        out = [Finding(code="pyx12", message=m, file=file) for m in collect.messages]
    if not ok and not out:
        out.append(Finding(code="pyx12", message="pyx12 found the file invalid", file=file))
    return out


def validate_file(path: str | os.PathLike) -> ValidationReport:
    """Check `path`: envelopes first; pyx12 only when the envelopes are sound.

    Raises `X12Error` when the file cannot be read. pyx12 runs only on envelope-clean files
    because it stops or misreports on broken envelopes, and our findings already say more.
    """
    name = os.path.basename(os.fspath(path))
    findings = check_envelopes(path, name)
    notes: list[str] = []
    if not findings:
        with open(path, encoding="utf-8", errors="replace") as handle:
            found = pyx12_findings(handle, name)
        if found is None:
            notes.append(PYX12_MISSING)
        else:
            findings = found
    return ValidationReport(name, tuple(findings), tuple(notes))
