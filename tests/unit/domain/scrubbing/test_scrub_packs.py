"""Rule packs from TOML: the shipped pack, local packs, and clear errors (domain ring)."""

from __future__ import annotations

import pytest

from bhbilling.domain.scrubbing import CATEGORIES, PackError, build_pack, load_pack
from bhbilling.domain.scrubbing.packs import pack_from_document
from bhbilling.domain.scrubbing.rules import MODULES


def test_shipped_pack_runs_every_module_with_unique_rule_ids():
    pack = load_pack()
    ids = [r.id for r in pack.rules]
    assert len(ids) == len(set(ids)) == len(build_pack("all", "1", MODULES).rules)
    assert {r.category for r in pack.rules} == set(CATEGORIES)
    assert all(r.fix and r.reference and r.title for r in pack.rules)


def test_shipped_pack_parameters_by_kind():
    pack = load_pack()
    assert pack.param_layers["kind:medicare"] == {"timely_filing_months": 12}
    assert pack.params.timely_filing_warn_days == 30


def test_a_pack_in_a_local_directory_replaces_the_shipped_one(tmp_path):
    (tmp_path / "bh-core.toml").write_text('name = "bh-core"\nversion = "local-1"\nmodules = ["deadlines"]\n')
    pack = load_pack("bh-core", (str(tmp_path),))
    assert pack.version == "local-1"
    assert {r.id for r in pack.rules} == {"TF-001", "TF-002"}


def test_an_unknown_pack_is_a_clear_error():
    with pytest.raises(PackError, match="rule pack 'nope' not found"):
        load_pack("nope")


def test_invalid_toml_names_the_file(tmp_path):
    (tmp_path / "bad.toml").write_text("name = \n")
    with pytest.raises(PackError, match=r"bad\.toml: not valid TOML"):
        load_pack("bad", (str(tmp_path),))


@pytest.mark.parametrize(("doc", "message"), [
    ({"version": "1"}, "key name: expected a non-empty string"),
    ({"name": "x", "version": "1", "color": "red"}, "key color: expected one of"),
    ({"name": "x", "version": "1", "schema": 2}, "key schema: expected 1"),
    ({"name": "x", "version": "1", "modules": ["magic"]}, "key modules: expected module names"),
    ({"name": "x", "version": "1", "rules": {"NOPE-001": {}}},
     "key rules.NOPE-001: expected the id of a rule"),
    ({"name": "x", "version": "1", "rules": {"TF-001": {"severity": "fatal"}}},
     'key rules.TF-001.severity: expected "error" or "warning"'),
    ({"name": "x", "version": "1", "rules": {"TF-001": {"colour": 1}}},
     "key rules.TF-001.colour: expected one of"),
    ({"name": "x", "version": "1", "rules": {"TF-001": {"payers": "medicare"}}},
     "key rules.TF-001.payers: expected a list of non-empty strings"),
    ({"name": "x", "version": "1", "rules": {"TF-001": {"effective_from": "2026-01-01"}}},
     "key rules.TF-001.effective_from: expected a TOML date"),
    ({"name": "x", "version": "1", "params": {"timely_filing_dayz": 3}}, "key params.timely_filing_dayz"),
    ({"name": "x", "version": "1", "params": {"timely_filing_days": -1}},
     "key params.timely_filing_days: expected a whole number"),
    ({"name": "x", "version": "1", "params": {"kind": {"medicare": {"auth_warn_ratio": 0.8}}}},
     "key params.kind.medicare.auth_warn_ratio: expected a decimal written as a string"),
])
def test_malformed_documents_name_the_key(doc, message):
    with pytest.raises(PackError) as err:
        pack_from_document(doc, "packs/x.toml")
    assert str(err.value).startswith("packs/x.toml, key ")
    assert message in str(err.value)
