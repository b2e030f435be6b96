"""Validate X12 text with pyx12, the independent 5010 validator, and list every error.

Reusable by the 837P and 835 tests: ``errors = pyx12_errors(text)``; a valid file gives [].
pyx12 4.x builds its own error handler inside ``x12n_document``, so the errors are read from
its JSON error report (``fd_json``), from the ERROR records it logs, and from its boolean
result (a False result with no listed error is reported too, so nothing is missed).
"""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import pyx12.params
import pyx12.x12n_document


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"log: {record.getMessage()}")


def _walk(node: Any, where: str, out: list[str]) -> None:
    if isinstance(node, dict):
        here = where
        if "seg_id" in node:
            here = f"{where} line {node.get('cur_line')} {node['seg_id']}"
        elif "ele_pos" in node:
            here = f"{where} element {node.get('ele_pos')}.{node.get('subele_pos')} ({node.get('name')})"
        elif "trn_set_control_num" in node:
            here = f"ST {node['trn_set_control_num']}"
        for err in node.get("errors") or ():
            out.append(f"{here}: [{err.get('err_cde')}] {err.get('err_str')} "
                       f"value={err.get('err_val', '')!r}")
        for key, value in node.items():
            if key != "errors":
                _walk(value, here, out)
    elif isinstance(node, list):
        for item in node:
            _walk(item, where, out)


def pyx12_errors(text: str) -> list[str]:
    """Every error pyx12 reports for `text` (an X12 interchange); [] when it is valid."""
    param = pyx12.params.params()
    report = io.StringIO()
    collect = _Collect()
    logger = logging.getLogger("pyx12")
    logger.addHandler(collect)
    try:
        ok = pyx12.x12n_document.x12n_document(
            param, io.StringIO(text), fd_997=None, fd_html=None, fd_xmldoc=None, fd_json=report
        )
    finally:
        logger.removeHandler(collect)
    errors: list[str] = []
    if report.getvalue():
        _walk(json.loads(report.getvalue()), "", errors)
    else:
        errors.append("pyx12 produced no JSON error report")
    errors += collect.messages
    if not ok and not errors:
        errors.append("pyx12 returned invalid without listing an error")
    return errors
