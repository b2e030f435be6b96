"""The pure core reads no environment and imports no Django (ARCHITECTURE.md, Rings).

import-linter (make lint) checks the imports; this test checks environment reads, which an
import contract cannot see.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "bhbilling"
CORE = ["kernel", "reference", "domain", "payers", "x12", "interchange", "application", "simulator"]
ENV_READ = re.compile(r"\bos\.environ\b|\bos\.getenv\b|\bgetenv\(")


@pytest.mark.parametrize("ring", CORE)
def test_core_ring_reads_no_environment(ring):
    offenders = [
        str(path.relative_to(SRC))
        for path in (SRC / ring).rglob("*.py")
        if ENV_READ.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.parametrize("ring", CORE)
def test_core_ring_imports_no_django(ring):
    pattern = re.compile(r"^\s*(from|import)\s+(django|ninja|django_otp)\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(SRC))
        for path in (SRC / ring).rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
