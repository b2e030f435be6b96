"""docs/scrubbing.md stays true: every rule is listed and the example snapshot scrubs clean."""

from __future__ import annotations

import re
from pathlib import Path

from bhbilling.domain.scrubbing import load_pack, scrub
from bhbilling.domain.scrubbing.jsonl import loads_snapshot

DOC = (Path(__file__).resolve().parents[4] / "docs" / "scrubbing.md").read_text(encoding="utf-8")


def test_every_rule_is_in_the_rule_table_with_its_category_and_severity():
    row = re.compile(r"^\| `([A-Z0-9-]+)` \| (\w+) \| (\w+) \|", re.MULTILINE)
    rows = {m[0]: (m[1], m[2]) for m in row.findall(DOC)}
    assert rows == {r.id: (r.category, r.severity) for r in load_pack().rules}


def test_the_example_snapshot_parses_and_is_ready():
    block = re.search(r"```json\n(.*?)```", DOC, re.DOTALL).group(1)
    snapshot = loads_snapshot(" ".join(block.splitlines()), file="docs/scrubbing.md")
    result = scrub(snapshot, load_pack())
    assert result.ready and result.findings == ()
